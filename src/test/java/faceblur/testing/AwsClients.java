package faceblur.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's AWS CLI and boto3, run as users run them: credentials and region from the environment only, with
 * any ~/.aws of the machine out of the way.
 */
public final class AwsClients {

    public static final String TEST_KEY_ID = "AKIDFACEBLURTEST";
    public static final String TEST_SECRET = "faceblur-test-secret-key";

    private AwsClients() {
    }

    /** {@code aws ARGS --endpoint-url ENDPOINT}, signed with the given key. */
    public static Tools.Result aws(URI endpoint, String keyId, String secret, String... args) {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString()));
        return Tools.run(withEnvironment(new ProcessBuilder(command), keyId, secret));
    }

    /** Runs src/test/python/SCRIPT with ARGS and parses the JSON it prints; fails with its stderr otherwise. */
    public static JsonNode python(String script, String keyId, String secret, String... args) {
        List<String> command = new ArrayList<>(List.of("python3",
                Path.of(System.getProperty("user.dir"), "src", "test", "python", script).toString()));
        command.addAll(List.of(args));
        Tools.Result result = Tools.run(withEnvironment(new ProcessBuilder(command), keyId, secret));
        if (result.exitCode() != 0) {
            throw new AssertionError(script + " failed (" + result.exitCode() + "):\n" + result.stderr());
        }
        try {
            return new ObjectMapper().readTree(result.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessBuilder withEnvironment(ProcessBuilder pb, String keyId, String secret) {
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", keyId);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/nonexistent/faceblur-test");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/faceblur-test");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        return pb;
    }
}
