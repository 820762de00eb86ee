package faceblur.testing;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver: the browser the studio's pages are tested in.
 * Both are named explicitly, so Selenium Manager never tries to download a driver (nothing can be here).
 */
public final class Browser {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Browser() {
    }

    public static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    // This machine has no network beyond loopback: keep chromium from calling home.
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1440,1000", "--autoplay-policy=no-user-gesture-required",
                    "--user-data-dir=" + Files.createTempDirectory("faceblur-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** A wait on {@code browser} for up to {@code limit}, looking every 100 ms. */
    public static WebDriverWait waiting(WebDriver browser, Duration limit) {
        return new WebDriverWait(browser, limit, Duration.ofMillis(100));
    }

    /** Quits {@code browser} and stops the server it tested, either of them null when it never started. */
    public static void quit(WebDriver browser, ServerProcess server) {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }
}
