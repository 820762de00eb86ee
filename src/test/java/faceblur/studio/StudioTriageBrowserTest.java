package faceblur.studio;

import com.fasterxml.jackson.databind.JsonNode;
import faceblur.testing.Browser;
import faceblur.testing.Media;
import faceblur.testing.ServerProcess;
import faceblur.testing.StudioClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A records officer's whole job on a real clip no test tuned the studio for, counted in user actions, in a
 * 1280x720 window: ASL "please" (real/please.mkv), one signer the detector finds at 0.93 and three weak, brief
 * false tracks. Open it, keep the signer, delete the "probably not faces" in one click, export: at most 8
 * actions. The project the studio saved is then read back: the signer alone is visible, the false tracks hide nothing,
 * and the export exists with its report.
 */
class StudioTriageBrowserTest {

    private static final Path INPUT = Media.media("real/please.mkv");
    private static final int MAX_ACTIONS = 8;

    @TempDir
    static Path dir;
    static ServerProcess studio;
    static ChromeDriver browser;
    static StudioClient api;

    private final List<String> actions = new ArrayList<>();

    @BeforeAll
    static void start() {
        studio = ServerProcess.studio(Map.of("FACEBLUR_STUDIO_TOKEN", "triage-test"), INPUT.toString(),
                "--data", dir.resolve("data").toString(), "--port", "0");
        api = new StudioClient(studio.api().resolve("/"));
        api.signInWith(studio.api());
        browser = Browser.start();
        // The page itself 1280x720: the window is that plus whatever the browser keeps for itself.
        browser.manage().window().setSize(new Dimension(1280, 720));
        long chrome = 720 - ((Number) ((JavascriptExecutor) browser).executeScript("return innerHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(1280, (int) (720 + chrome)));
    }

    @AfterAll
    static void stop() {
        Browser.quit(browser, studio);
    }

    private static WebDriverWait waiting(Duration d) {
        return Browser.waiting(browser, d);
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static int revision() {
        Object r = js("return document.body.dataset.revision;");
        return r == null ? -1 : Integer.parseInt(r.toString());
    }

    /** One user action: a click, counted and named. */
    private void click(String what, WebElement element) {
        actions.add(what);
        element.click();
    }

    /** One user action that makes a decision: waits until the page shows the project after it. */
    private void decide(String what, WebElement element) {
        int before = revision();
        click(what, element);
        waiting(Duration.ofSeconds(20)).until(d -> revision() > before);
    }

    @Test
    void keepOnePersonDeleteTheFalseTracksAndExportInAtMostEightActions() throws IOException {
        long started = System.nanoTime();
        browser.get(studio.api().toString());
        String open = "#videos [data-video-path='" + INPUT + "'] button.open-video";
        waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector(open)).isEmpty());
        click("open please.mkv", browser.findElement(By.cssSelector(open)));
        waiting(Duration.ofMinutes(3)).until(d -> "ready".equals(d.findElement(By.id("status")).getAttribute("data-state")));
        waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#people .person")).isEmpty()
                && d.findElement(By.id("unlikely-group")).isDisplayed());

        // What the officer sees: one likely face listed, the false tracks folded away as "probably not faces".
        List<WebElement> listed = browser.findElements(By.cssSelector("#people .person"));
        assertThat(listed).hasSize(1);
        assertThat(browser.findElement(By.id("unlikely-title")).getText()).startsWith("Probably not faces (3)");
        int signer = Integer.parseInt(listed.get(0).getAttribute("data-person-id"));

        decide("keep the signer visible", listed.get(0).findElement(By.cssSelector("button.keep")));
        decide("delete the probably-not-faces", browser.findElement(By.id("unlikely-delete")));

        // At 1280x720 the list has room for many people, and every key is in the legend.
        Path shot = Path.of("target", "studio-review-1280x720.png");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        double rowHeight = ((Number) js("return document.querySelector('#people .person').getBoundingClientRect().height;")).doubleValue();
        double listHeight = ((Number) js("return document.getElementById('people-scroll').clientHeight;")).doubleValue();
        System.out.printf("1280x720: window inner %s, people list %.0f px high, a row %.0f px (screenshot %s)%n",
                js("return innerWidth + 'x' + innerHeight;"), listHeight, rowHeight, shot);
        assertThat(listHeight / rowHeight).as("people rows the list shows at 1280x720").isGreaterThanOrEqualTo(3);
        String keys = browser.findElement(By.id("keys")).getText();
        for (String key : List.of("Space", "J", "K", "L", "Home", "End", ",", "G", "I/O", "D", "A", "M", "Ctrl+Z", "Esc")) {
            assertThat(keys).as("legend").contains(key);
        }

        click("export", browser.findElement(By.id("export")));
        waiting(Duration.ofMinutes(3)).until(d -> d.findElement(By.id("export-download")).isDisplayed());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("please.mkv reviewed in %d user actions, %.1f s (analysis and export included): %s%n",
                actions.size(), seconds, String.join("; ", actions));
        assertThat(actions).hasSizeLessThanOrEqualTo(MAX_ACTIONS);

        String id = api.get("api/projects").get(0).path("id").asText();
        JsonNode project = api.get("api/projects/" + id + "/people?limit=500");
        JsonNode deleted = api.get("api/projects/" + id + "/people?limit=500&show=deleted");
        assertThat(project.path("total").asInt()).isEqualTo(1);
        assertThat(project.path("people").get(0).path("id").asInt()).isEqualTo(signer);
        assertThat(project.path("people").get(0).path("decision").asText()).isEqualTo("keep");
        assertThat(deleted.path("total").asInt()).isEqualTo(3);
        // The signer is the detector's best face, the deleted ones its weak ones.
        JsonNode triage = api.get("api/projects/" + id + "/triage");
        assertThat(triage.path("people")).singleElement().satisfies(p -> {
            assertThat(p.path("person").asInt()).isEqualTo(signer);
            assertThat(p.path("score").asDouble()).isGreaterThan(0.9);
        });
        assertThat(api.bytes("api/projects/" + id + "/export/video").body().length).isGreaterThan(10_000);
        assertThat(api.bytes("api/projects/" + id + "/export/report.txt").body()).isNotEmpty();
        JsonNode log = api.get("api/projects/" + id + "/log");
        assertThat(log.findValuesAsText("action")).contains("keep visible", "delete");
    }
}
