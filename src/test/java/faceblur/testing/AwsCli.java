package faceblur.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Debian's AWS CLI with the given keys and nothing from ~/.aws or the environment of the build. */
public record AwsCli(URI endpoint, String accessKeyId, String secretAccessKey, Path configFile) {

    public AwsCli(URI endpoint, String accessKeyId, String secretAccessKey) {
        this(endpoint, accessKeyId, secretAccessKey, Path.of("/dev/null"));
    }

    public Tools.Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString()));
        command.addAll(Arrays.asList(args));
        return Tools.run(isolate(new ProcessBuilder(command), accessKeyId, secretAccessKey, configFile));
    }

    /** An AWS client process that sees only these keys, region us-east-1 and {@code configFile}. */
    static ProcessBuilder isolate(ProcessBuilder pb, String accessKeyId, String secretAccessKey, Path configFile) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", configFile.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        return pb;
    }
}
