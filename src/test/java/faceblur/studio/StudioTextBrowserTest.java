package faceblur.studio;

import com.fasterxml.jackson.databind.JsonNode;
import faceblur.testing.Browser;
import faceblur.testing.Cli;
import faceblur.testing.ServerProcess;
import faceblur.testing.StudioClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faceblur studio --hide faces,text} in Debian's chromium, on 1 s of a car photo with a plate: the page
 * lists the text apart from the people, each piece with its picture, and keeping one from its row keeps it;
 * the export is what {@code faceblur redact --project} writes from the same project.
 */
class StudioTextBrowserTest {

    @TempDir
    static Path dir;
    static ServerProcess studio;
    static ChromeDriver browser;
    static StudioClient api;
    static Path clip;

    @BeforeAll
    static void start() {
        clip = StudioTextTest.plateClip(dir.resolve("plate.mp4"), 25);
        studio = ServerProcess.studio(Map.of("FACEBLUR_STUDIO_TOKEN", "text-browser-test"), clip.toString(),
                "--data", dir.resolve("data").toString(), "--port", "0", "--hide", "faces,text", "--text-model",
                StudioTextTest.textModel().toString());
        api = new StudioClient(studio.api().resolve("/"));
        api.signInWith(studio.api());
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Browser.quit(browser, studio);
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void textIsListedApartWithPicturesAndKeptFromItsRow() throws IOException {
        browser.get(studio.api().toString());
        String open = "#videos [data-video-path='" + clip + "'] button.open-video";
        Browser.waiting(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector(open)).isEmpty());
        browser.findElement(By.cssSelector(open)).click();
        Browser.waiting(browser, Duration.ofMinutes(3))
                .until(d -> "ready".equals(d.findElement(By.id("status")).getAttribute("data-state")));
        Browser.waiting(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("people-kinds")).isDisplayed());
        assertThat(browser.findElements(By.cssSelector("#people .person.text"))).as("text among the people").isEmpty();

        browser.findElement(By.id("kind-text")).click();
        Browser.waiting(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("#people .person.text")).isEmpty());
        assertThat(browser.findElement(By.id("people-title")).getText()).isEqualTo("Text");
        List<WebElement> rows = browser.findElements(By.cssSelector("#people .person"));
        assertThat(rows).allSatisfy(r -> assertThat(r.getAttribute("class")).contains("text"));
        assertThat(browser.findElement(By.id("kind-text")).getText()).isEqualTo("Text (" + rows.size() + ")");
        // Every row shows a picture of its text, loaded.
        Browser.waiting(browser, Duration.ofSeconds(10)).until(d -> (Boolean) js("return [...document.querySelectorAll("
                + "'#people .person')].every(r => [...r.querySelectorAll('img.thumb')].some(i => i.complete && i.naturalWidth > 0));"));

        WebElement first = rows.get(0);
        int person = Integer.parseInt(first.getAttribute("data-person-id"));
        first.findElement(By.cssSelector("button.keep")).click();
        String id = api.get("api/projects").get(0).path("id").asText();
        Browser.waiting(browser, Duration.ofSeconds(20)).until(d -> {
            for (JsonNode p : api.get("api/projects/" + id + "/people?limit=500").path("people")) {
                if (p.path("id").asInt() == person) {
                    return p.path("decision").asText().equals("keep") && p.path("kind").asText().equals("text");
                }
            }
            return false;
        });
        Browser.waiting(browser, Duration.ofSeconds(10)).until(d -> d.findElement(
                By.cssSelector("#people .person[data-person-id='" + person + "'] .kept-banner")).getText()
                .contains("this text will NOT be hidden"));

        browser.findElement(By.id("kind-face")).click();
        Browser.waiting(browser, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#people .person.text")).isEmpty());

        // The page's export of kept and hidden text is what redact --project writes from the same project.
        api.post("api/projects/" + id + "/export", "{}");
        api.awaitExport(id);
        Path page = dir.resolve("page.mp4");
        Files.write(page, api.bytes("api/projects/" + id + "/export/video").body());
        JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(api.bytes("api/projects/" + id + "/export/report.json").body()).path("summary");
        System.out.println("text in the export: " + summary);
        assertThat(summary.path("textKeptVisible").asInt()).isEqualTo(1);
        assertThat(summary.path("textHidden").asInt()).as("text the export hides").isPositive();
        Path cli = dir.resolve("cli.mp4");
        Cli.Outcome outcome = Cli.runProcess("redact", clip.toString(), "--project",
                dir.resolve("data/projects").resolve(id).resolve("project.json").toString(), "-o", cli.toString(), "-q");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(Files.mismatch(page, cli)).as("page export and redact --project differ").isEqualTo(-1);
    }
}
