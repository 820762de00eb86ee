package faceblur.photo;

import faceblur.testing.Cli;
import faceblur.testing.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pictures whose header announces more pixels than can be decoded safely are refused from the header, at
 * once, in one line as a too-large video is: a 30000x30000 PNG grew memory for minutes and a 65000x65000 JPEG
 * header surfaced as OpenCV's assertion. The headers are real files' with their size fields rewritten.
 */
class PictureSizeLimitTest {

    @TempDir
    Path dir;

    private static Path frame(String ext) {
        return Media.fixture("bomb-base." + ext, "-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1");
    }

    @Test
    void hugePngJpegAndWebpHeadersAreRefusedBeforeDecoding() throws IOException {
        byte[] png = Files.readAllBytes(frame("png"));
        ByteBuffer.wrap(png).putInt(16, 30000).putInt(20, 30000);
        assertRefused(Files.write(dir.resolve("bomb.png"), png), "30000x30000");

        byte[] jpeg = Files.readAllBytes(frame("jpg"));
        int sof = sof(jpeg);
        ByteBuffer.wrap(jpeg).putShort(sof + 5, (short) 65000).putShort(sof + 7, (short) 65000);
        assertRefused(Files.write(dir.resolve("bomb.jpg"), jpeg), "65000x65000");

        byte[] webp = Files.readAllBytes(frame("webp"));
        assertThat(new String(webp, 12, 4)).isEqualTo("VP8 ");
        ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN).putShort(26, (short) 16383).putShort(28, (short) 16383);
        assertRefused(Files.write(dir.resolve("bomb.webp"), webp), "16383x16383");
    }

    @Test
    void headersStateTheRealSize() throws IOException {
        for (PhotoFormat format : PhotoFormat.values()) {
            byte[] b = Files.readAllBytes(frame(format.extension().substring(1)));
            assertThat(PhotoFile.size(b, format)).as(format.name()).containsExactly(64, 48);
        }
    }

    private void assertRefused(Path bomb, String size) {
        long start = System.nanoTime();
        Cli.Outcome outcome = Cli.run("blur", bomb.toString(), "-q");
        assertThat((System.nanoTime() - start) / 1e9).as("refused at once").isLessThan(10);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).singleElement().asString()
                .startsWith("faceblur: " + bomb + ": its " + size + " picture is too large");
    }

    /** Where the JPEG's start-of-frame segment starts. */
    private static int sof(byte[] b) {
        for (int i = 2; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) >= 0xC0 && (b[i + 1] & 0xFF) <= 0xC2) {
                return i;
            }
        }
        throw new AssertionError("no start of frame");
    }
}
