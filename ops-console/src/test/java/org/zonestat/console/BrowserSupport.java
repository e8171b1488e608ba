package org.zonestat.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Starts Debian's headless Chromium for the browser tests; fails (never skips) without it. */
public final class BrowserSupport {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // Selenium logs through java.util.logging; held here because JUL keeps loggers weakly.
    private static final java.util.logging.Logger SELENIUM_LOG = quietSelenium();

    private BrowserSupport() {}

    private static java.util.logging.Logger quietSelenium() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.openqa.selenium");
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    public static void requireBrowser() {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                fail(
                        p
                                + " is missing: the browser tests need Debian's chromium and chromium-driver."
                                + " Run ./zonestat test, which installs them.");
            }
        }
    }

    public static WebDriver startChromium(Path profile) {
        return startChromium(profile, 1280, 900);
    }

    /** Chromium with a window of this size (a wall screen wants a larger one). */
    public static WebDriver startChromium(Path profile, int width, int height) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    /**
     * The box around the elements a CSS selector finds, in page pixels: left, top, right, bottom.
     */
    @SuppressWarnings("unchecked")
    public static List<Number> drawnBox(WebDriver browser, String css) {
        return (List<Number>)
                ((JavascriptExecutor) browser)
                        .executeScript(
                                "const boxes = [...document.querySelectorAll(arguments[0])]"
                                        + ".map((e) => e.getBoundingClientRect());"
                                        + "return [Math.min(...boxes.map((b) => b.left)),"
                                        + " Math.min(...boxes.map((b) => b.top)),"
                                        + " Math.max(...boxes.map((b) => b.right)),"
                                        + " Math.max(...boxes.map((b) => b.bottom))];",
                                css);
    }
}
