package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;

/**
 * The map page in a real headless Chromium: zones drawn from the API, live events from Kafka
 * appearing as markers. Needs Debian's {@code chromium} and {@code chromium-driver}; fails (never
 * skips) without them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestMethodOrder(MethodOrderer.MethodName.class) // the first test counts markers on a fresh topic
class LiveMapBrowserITCase {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "dispatcher-token-for-browser";
    private static final String ADMIN = "admin-token-for-browser";
    private static final String TOPIC = "events-browser";
    private static final String ALERTS = "alerts-browser";
    private static final String HOTSPOTS = "hotspots-browser";
    private static final Duration WAIT = Duration.ofSeconds(30);
    // Selenium logs through java.util.logging; it warns that it has no CDP bindings for this
    // Chromium, which these tests do not use. Held in a field: JUL keeps loggers weakly.
    private static final java.util.logging.Logger SELENIUM_LOG = quietSelenium();

    @TempDir static Path tempDir;

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static OpsConsole.Running console;
    private static JsonRecordProducer producer;
    private static WebDriver browser;
    private static TestEvents events;
    private static List<String> layerIds;

    @BeforeAll
    static void startEverything() {
        requireBrowser();
        broker = KAFKA.broker();
        for (String topic : List.of(TOPIC, ALERTS, HOTSPOTS)) {
            broker.createTopic(topic, 1, Map.of());
        }
        producer = new JsonRecordProducer(broker.bootstrapServers());
        ZoneCatalog catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        layerIds = catalog.layerIds();
        events = new TestEvents(catalog);
        console =
                OpsConsole.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .eventsTopic(TOPIC)
                        .analyticsTopics(ALERTS, HOTSPOTS)
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(
                                                TOKEN,
                                                Role.ANALYST, // analysts see every kind, tips too
                                                ADMIN,
                                                Role.ADMIN)))
                        .zonesTopic("zones-browser")
                        .catalog(catalog)
                        .build()
                        .start();
        browser = startChromium(tempDir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    private static java.util.logging.Logger quietSelenium() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.openqa.selenium");
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    private static void requireBrowser() {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                fail(
                        p
                                + " is missing: the browser tests need Debian's chromium and"
                                + " chromium-driver. Run ./zonestat test, which installs them.");
            }
        }
    }

    private static WebDriver startChromium(Path profile) {
        // Point Selenium at the local driver so Selenium Manager never tries to download one.
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
                "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    private static void produce(ObjectNode event) throws Exception {
        produce(TOPIC, event.get("eventId").asText(), event);
    }

    private static void produce(String topic, String key, ObjectNode value) throws Exception {
        producer.send(topic, key, value);
    }

    private static void screenshot(String name) throws Exception {
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(name), png);
    }

    private static void awaitNoAnimations() {
        waiting()
                .until(
                        d ->
                                Boolean.TRUE.equals(
                                        ((JavascriptExecutor) d)
                                                .executeScript(
                                                        "return document.getAnimations().length === 0")));
    }

    private static void toggle(String layer) {
        browser.findElement(By.cssSelector("#zs-layers input[data-layer='" + layer + "']")).click();
    }

    private static void toggleZones(String layerId) {
        browser.findElement(
                        By.cssSelector("#zs-legend-zones input[data-zone-layer='" + layerId + "']"))
                .click();
    }

    /** The box around the drawn paths, in page pixels: left, top, right, bottom. */
    private static List<Number> drawnBox(String css) {
        return BrowserSupport.drawnBox(browser, css);
    }

    private static int count(String cssSelector) {
        return browser.findElements(By.cssSelector(cssSelector)).size();
    }

    /**
     * Waits, and looks again when the page replaced an element it was reading (markers update
     * live).
     */
    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Opens the page with no token remembered from an earlier test. */
    private static void openFresh(String pathAndQuery) {
        browser.get(console.url().toString());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(console.url() + pathAndQuery);
    }

    @Test
    void the_map_draws_the_zones_and_then_live_events_as_they_arrive() throws Exception {
        openFresh("?token=" + TOKEN);

        waiting().until(d -> count("path.zs-zone.zs-layer-vri-zones") >= 8);
        assertThat(count("path.zs-zone.zs-layer-neighborhoods")).isGreaterThanOrEqualTo(278);
        waiting()
                .until(
                        d ->
                                "live"
                                        .equals(
                                                d.findElement(By.id("zs-status"))
                                                        .getDomAttribute("data-state")));
        assertThat(browser.getCurrentUrl())
                .as("token removed from the address bar")
                .doesNotContain(TOKEN);
        // The toggles are the console's layers; the focus zones and the finest layer are shown.
        assertThat(
                        browser.findElements(By.cssSelector("#zs-legend-zones input")).stream()
                                .map(e -> e.getDomAttribute("data-zone-layer"))
                                .toList())
                .containsExactlyElementsOf(layerIds);
        assertThat(count("path.zs-zone.zs-layer-csas")).as("a tick away").isZero();
        // The map is fitted to the layers: the whole city in view and filling it.
        List<Number> city = drawnBox("path.zs-layer-neighborhoods");
        org.openqa.selenium.Rectangle map = browser.findElement(By.id("map")).getRect();
        assertThat(city.get(0).doubleValue()).isGreaterThanOrEqualTo(map.getX() - 1);
        assertThat(city.get(1).doubleValue()).isGreaterThanOrEqualTo(map.getY() - 1);
        assertThat(city.get(2).doubleValue()).isLessThanOrEqualTo(map.getX() + map.getWidth() + 1);
        assertThat(city.get(3).doubleValue()).isLessThanOrEqualTo(map.getY() + map.getHeight() + 1);
        assertThat(city.get(3).doubleValue() - city.get(1).doubleValue())
                .as("the city fills most of the map's height")
                .isGreaterThan(map.getHeight() * 0.6);

        produce(events.incident(101, "SHOOTING", -76.5982, 39.3135));
        produce(events.incident(102, "HOMICIDE", -76.6477, 39.3110));
        produce(events.incident(103, "ROBBERY", -76.6346, 39.2991));
        produce(events.request311(104, "New", -76.6050, 39.3350));
        produce(events.tip(105, -76.5646, 39.3232));

        waiting().until(d -> count("path.zs-event") >= 5);
        assertThat(count("path.zs-event.zs-kind-SHOOTING")).isEqualTo(1);
        assertThat(count("path.zs-event.zs-kind-HOMICIDE")).isEqualTo(1);
        assertThat(count("path.zs-event.zs-kind-REQUEST_311")).isEqualTo(1);
        assertThat(count("path.zs-event.zs-kind-TIP")).isEqualTo(1);
        waiting().until(d -> "5".equals(d.findElement(By.id("zs-count-live")).getText()));

        // Let the arrival pulse finish so the screenshot shows markers at rest.
        waiting()
                .until(
                        d ->
                                Boolean.TRUE.equals(
                                        ((JavascriptExecutor) d)
                                                .executeScript(
                                                        "return document.getAnimations().length ==="
                                                                + " 0")));
        screenshot("live-map.png");
    }

    @Test
    void without_a_token_the_page_asks_for_one_and_rejects_a_wrong_one() {
        openFresh("");
        waiting().until(d -> d.findElement(By.id("zs-login")).isDisplayed());
        assertThat(count("path.zs-zone")).isZero();

        browser.findElement(By.id("zs-token-input")).sendKeys("wrong-token-123");
        browser.findElement(By.cssSelector("#zs-login-form button")).click();
        waiting()
                .until(
                        d ->
                                d.findElement(By.id("zs-login-message"))
                                        .getText()
                                        .contains("not accepted"));
        assertThat(count("path.zs-zone")).isZero();

        browser.findElement(By.id("zs-token-input")).clear();
        browser.findElement(By.id("zs-token-input")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#zs-login-form button")).click();
        waiting().until(d -> count("path.zs-zone.zs-layer-vri-zones") >= 8);
    }

    @Test
    void with_alerts_halos_and_hot_cells_the_live_view_shows_them_and_its_toggles_filter_the_map()
            throws Exception {
        openFresh("?token=" + TOKEN);
        waiting()
                .until(
                        d ->
                                "live"
                                        .equals(
                                                d.findElement(By.id("zs-status"))
                                                        .getDomAttribute("data-state")));
        assertThat(
                        browser.findElement(By.cssSelector("#zs-layers input[data-layer='TIP']"))
                                .isDisplayed())
                .as("an analyst sees the tips toggle")
                .isTrue();

        produce(events.incident(201, "SHOOTING", -76.5982, 39.3135));
        produce(events.incident(202, "HOMICIDE", -76.5990, 39.3140));
        produce(ALERTS, "a203", events.alert(203, "near-repeat", "SHOOTING", -76.5982, 39.3135));
        produce(HOTSPOTS, "h201", events.halo(201, -76.5982, 39.3135));
        produce(
                HOTSPOTS,
                "c1",
                events.cell("892aa8d4d83ffff", -76.5985, 39.3130, "NEW_HOT_SPOT", "TURNED_HOT"));
        produce(events.request311(204, "New", -76.6050, 39.3350));
        produce(
                ALERTS,
                "a204",
                events.alert(204, "overdue-311", "SW-Rat Rubout Proactive", -76.6050, 39.3350)
                        .put("subjectId", "SR204")
                        .put("priority", true));

        waiting().until(d -> count("#zs-alert-list li.zs-alert") >= 3);
        List<String> alerts =
                browser.findElements(By.cssSelector("#zs-alert-list li.zs-alert")).stream()
                        .map(e -> e.getText())
                        .toList();
        assertThat(alerts)
                .anySatisfy(
                        a ->
                                assertThat(a)
                                        .contains("Shooting near a recent one")
                                        .contains("Jul 8, 2018")
                                        .contains("Eastern1"));
        assertThat(alerts)
                .anySatisfy(a -> assertThat(a).contains("311 overdue").contains("focus zone"));
        assertThat(alerts).anySatisfy(a -> assertThat(a).contains("Turned hot: new hot spot"));
        waiting()
                .until(
                        d ->
                                count("path.zs-halo") == 1
                                        && count("path.zs-cell.zs-cell-NEW_HOT_SPOT") == 1);
        waiting().until(d -> count("path.zs-event.zs-overdue") == 1);
        awaitNoAnimations();
        screenshot("live-alerts.png");

        int shootings = count("path.zs-event.zs-kind-SHOOTING");
        assertThat(shootings).isGreaterThanOrEqualTo(1);
        toggle("SHOOTING"); // off: the page subscribes again without SHOOTING
        waiting().until(d -> count("path.zs-event.zs-kind-SHOOTING") == 0);
        assertThat(count("path.zs-event.zs-kind-HOMICIDE")).isGreaterThanOrEqualTo(1);
        toggle("SHOOTING");
        waiting().until(d -> count("path.zs-event.zs-kind-SHOOTING") == shootings);

        toggle("halos");
        waiting().until(d -> count("path.zs-halo") == 0);
        toggleZones("vri-zones");
        assertThat(count("path.zs-layer-vri-zones")).isZero();
        toggleZones("vri-zones");
        assertThat(count("path.zs-layer-vri-zones")).isGreaterThanOrEqualTo(8);
        toggleZones("csas");
        waiting().until(d -> count("path.zs-layer-csas") >= 50);
        screenshot("live-toggled.png");
    }

    @Test
    void with_a_layer_uploaded_while_the_page_is_open_the_map_draws_it_and_offers_its_toggle()
            throws Exception {
        openFresh("?token=" + TOKEN);
        waiting().until(d -> count("path.zs-zone.zs-layer-vri-zones") >= 8);

        String pilot =
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                        + "\"properties\":{\"name\":\"Pilot area\"},\"geometry\":{\"type\":\"Polygon\","
                        + "\"coordinates\":[[[-76.62,39.30],[-76.60,39.30],[-76.60,39.31],[-76.62,39.31],"
                        + "[-76.62,39.30]]]}}]}";
        java.net.http.HttpResponse<String> upload =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create(
                                                        console.url()
                                                                + "api/zones/pilot-area?title=Pilot%20area"))
                                        .header("Authorization", "Bearer " + ADMIN)
                                        .POST(
                                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                                        pilot))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);

        // The page looks at /api/layers every 10 s.
        waiting().until(d -> count("path.zs-zone.zs-layer-pilot-area") == 1);
        assertThat(
                        browser.findElement(
                                        By.cssSelector(
                                                "#zs-legend-zones input[data-zone-layer='pilot-area']"))
                                .isSelected())
                .isTrue();
        assertThat(browser.findElement(By.id("zs-legend-zones")).getText()).contains("Pilot area");
        screenshot("live-uploaded-layer.png");
    }
}
