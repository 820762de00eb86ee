package faceblur.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's AWS CLI and boto3, run as users run them: credentials and region from the environment only, with
 * any ~/.aws of the machine out of the way.
 */
public final class AwsClients {

    public static final String TEST_KEY_ID = "AKIDFACEBLURTEST";
    public static final String TEST_SECRET = "faceblur-test-secret-key";

    private AwsClients() {
    }

    /** {@code aws --endpoint-url ENDPOINT ARGS}, signed with the given key. */
    public static Tools.Result aws(URI endpoint, String keyId, String secret, String... args) {
        return new AwsCli(endpoint, keyId, secret).run(args);
    }

    /** Runs src/test/python/SCRIPT with ARGS and parses the JSON it prints; fails with its stderr otherwise. */
    public static JsonNode python(String script, String keyId, String secret, String... args) {
        List<String> command = new ArrayList<>(List.of(Python.DEBIAN,
                Path.of(System.getProperty("user.dir"), "src", "test", "python", script).toString()));
        command.addAll(List.of(args));
        Tools.Result result = Tools.run(AwsCli.isolate(new ProcessBuilder(command), keyId, secret, Path.of("/dev/null")));
        if (result.exitCode() != 0) {
            throw new AssertionError(script + " failed (" + result.exitCode() + "):\n" + result.stderr());
        }
        try {
            return new ObjectMapper().readTree(result.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
