package faceblur.cli;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A studio project says which tracks are hidden: tracking options given with it are refused, not ignored. */
class RedactProjectOptionsTest {

    @TempDir
    Path dir;

    @Test
    void minSightingsWithProjectIsRefused() {
        Cli.Outcome outcome = Cli.run("redact", Media.smallClip().toString(), "--project",
                dir.resolve("project.json").toString(), "--min-sightings", "3", "-o", dir.resolve("o.mp4").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).containsExactly("faceblur: --min-sightings cannot be used with "
                + "--project: the project says how its faces are hidden; change it in the studio");
    }
}
