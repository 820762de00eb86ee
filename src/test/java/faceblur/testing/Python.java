package faceblur.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The Python interpreters whose boto3 the tests drive: always Debian's ({@code /usr/bin/python3} with
 * python3-boto3, which {@code .ci/run} installs), and the {@code python3} first on the PATH too when it is
 * another interpreter with its own boto3 (a newer botocore signs and shapes requests a little differently).
 */
public final class Python {

    public static final String DEBIAN = "/usr/bin/python3";

    private Python() {
    }

    public static List<String> withBoto3() {
        List<String> found = new ArrayList<>(List.of(DEBIAN));
        Tools.Result other = Tools.run(List.of("python3", "-c",
                "import sys, boto3; print(sys.executable)"), null);
        if (other.exitCode() == 0 && !other.out().trim().equals(DEBIAN)) {
            found.add("python3");
        }
        return found;
    }
}
