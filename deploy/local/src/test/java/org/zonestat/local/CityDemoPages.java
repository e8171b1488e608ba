package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zonestat.city.CityProfile;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.BrowserSupport;
import org.zonestat.console.Role;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.TopicContents;

/**
 * What a person sees in the first minute of {@code ./zonestat demo --city NAME}, in a real headless
 * Chromium: the demo started with a shipped profile (its real history, then the synthetic city up
 * to a fixed "now"), and each view opened in turn as soon as the console's health endpoint answers:
 * the live map fitted to the city's layers with every kind of event and alerts, the huddle's
 * focus-zone cards with their numbers, year-over-year and 311 work, the replay with a week loaded,
 * the weekly report with a zone, and the public scorecard. Each view's time to show its data,
 * counted from the health endpoint answering, is printed; screenshots go to {@code
 * target/screenshots/<city>-<view>.png}. One demo start per city (subclass).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CityDemoPages {
    /** The synthetic city's "now": its history ends and its live stream waits here. */
    static final Instant NOW = Instant.parse("2026-05-20T16:00:00Z");

    /** The first minute the product promises; the test allows more on a loaded shared machine. */
    static final Duration FIRST_MINUTE = Duration.ofSeconds(60);

    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CityProfile city;
    private final Map<String, Duration> populated = new LinkedHashMap<>();
    private Path dataDir;
    private Path browserProfile;
    private ZoneStatDemo demo;
    private WebDriver browser;
    private String base;
    private String analyst;
    private Instant healthAnswered;
    private int focusZones;

    CityDemoPages(String shippedCity) {
        this.city = CityProfiles.shipped(shippedCity);
    }

    @BeforeAll
    void startTheDemo() throws Exception {
        BrowserSupport.requireBrowser();
        dataDir = Files.createTempDirectory("zonestat-demo-" + city.id());
        browserProfile = Files.createTempDirectory("zonestat-chromium-" + city.id());
        focusZones =
                ZoneCatalog.load(List.of(city.layer(city.focusLayer()).orElseThrow()))
                        .layer(city.focusLayer())
                        .orElseThrow()
                        .size();
        demo =
                new ZoneStatDemo(
                                new DemoOptions(
                                        dataDir,
                                        0,
                                        0,
                                        0,
                                        DemoOptions.DemoFeed.ALL,
                                        2,
                                        0,
                                        city,
                                        1,
                                        Clock.fixed(NOW, ZoneOffset.UTC)))
                        .start();
        base = "http://127.0.0.1:" + demo.consolePort();
        // The console answers at once; /api/health says 200 only once the job runs.
        assertThat(http("/api/health/console", null).statusCode()).isEqualTo(200);
        healthAnswered = Instant.now();
        analyst = demo.tokens().tokenFor(Role.ANALYST).orElseThrow();
        browser = BrowserSupport.startChromium(browserProfile, 1280, 900);
    }

    @AfterAll
    void stopTheDemo() {
        System.out.printf(
                Locale.ROOT,
                "%s demo: each view showed its data this long after /api/health answered: %s"
                        + " (goal: %d s)%n",
                city.name(),
                populated,
                FIRST_MINUTE.toSeconds());
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void inTheFirstMinuteEveryViewShowsTheCity() throws Exception {
        liveMap();
        huddle();
        replay();
        report();
        publicScorecard();
        eventTimeStaysWithTheRecordsWhileTheFeedIsQuiet();
    }

    /**
     * Nothing after the fixed "now" is published, so once everything before it is in, every raw
     * partition goes quiet: for longer than the job's idleness timeout, no alert may claim a time
     * after now (a 311 request may only turn overdue when records show its due time has passed).
     */
    private void eventTimeStaysWithTheRecordsWhileTheFeedIsQuiet() {
        await().atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> api("/api/pipeline").path("pending").asLong(-1) == 0);
        await().during(Duration.ofSeconds(40))
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> latestAlert().map(t -> !t.isAfter(NOW)).orElse(true));
    }

    /** The latest {@code at} of the alerts topic. */
    private Optional<Instant> latestAlert() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, demo.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Instant[] latest = {null};
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicContents.readFromBeginning(
                    consumer,
                    "alerts",
                    Duration.ofSeconds(30),
                    r -> {
                        try {
                            Instant at =
                                    Instant.parse(JSON.readTree(r.value()).path("at").asText());
                            if (latest[0] == null || at.isAfter(latest[0])) {
                                latest[0] = at;
                            }
                        } catch (Exception e) {
                            throw new AssertionError("an alert that is not JSON: " + r.value(), e);
                        }
                    });
        }
        return Optional.ofNullable(latest[0]);
    }

    private void liveMap() throws Exception {
        browser.get(base + "/?token=" + analyst);
        waitFor("live map", d -> "live".equals(attribute("zs-status", "data-state")));
        waitFor(
                "live map",
                d ->
                        count("path.zs-zone.zs-layer-" + city.focusLayer()) >= focusZones
                                && count("path.zs-event.zs-kind-REQUEST_311") > 0
                                && count("path.zs-event.zs-kind-TIP") > 0
                                && count("path.zs-event.zs-kind-SHOOTING")
                                                + count("path.zs-event.zs-kind-HOMICIDE")
                                        > 0
                                && count("#zs-alert-list li.zs-alert") > 0);
        // The map is fitted to the city's layers: every zone in view, and the city fills the map.
        List<Number> zones = drawnBox("path.zs-zone");
        Rectangle map = browser.findElement(By.id("map")).getRect();
        assertThat(zones.get(0).doubleValue()).isGreaterThanOrEqualTo(map.getX() - 2);
        assertThat(zones.get(1).doubleValue()).isGreaterThanOrEqualTo(map.getY() - 2);
        assertThat(zones.get(2).doubleValue()).isLessThanOrEqualTo(map.getX() + map.getWidth() + 2);
        assertThat(zones.get(3).doubleValue())
                .isLessThanOrEqualTo(map.getY() + map.getHeight() + 2);
        double width = zones.get(2).doubleValue() - zones.get(0).doubleValue();
        double height = zones.get(3).doubleValue() - zones.get(1).doubleValue();
        assertThat(width > map.getWidth() * 0.6 || height > map.getHeight() * 0.6)
                .as("%s fills the map (%.0f × %.0f px in %s)", city.name(), width, height, map)
                .isTrue();
        waitFor("live map", d -> noAnimations());
        screenshot("live-map");
    }

    private void huddle() throws Exception {
        waitFor(
                "huddle",
                d -> {
                    JsonNode cards = api("/api/huddle").path("huddle").path("zones");
                    long ytd = 0;
                    long lastYear = 0;
                    long open = 0;
                    long overdue = 0;
                    for (JsonNode z : cards) {
                        ytd += z.path("ytd").path("total").asLong();
                        lastYear += z.path("ytd").path("previousTotal").asLong();
                        open += z.path("open311").asLong();
                        overdue += z.path("overdue311").asLong();
                    }
                    return cards.size() == focusZones
                            && ytd > 0
                            && lastYear > 0
                            && open > 0
                            && overdue > 0;
                });
        browser.get(base + "/huddle?token=" + analyst + "&rotate=600");
        waitFor(
                "huddle",
                d ->
                        count(".zs-strip-card") == focusZones
                                && text(".zs-card .zs-ytd .zs-big-number").matches("\\d+"));
        screenshot("huddle");
    }

    private void replay() throws Exception {
        browser.get(base + "/replay?token=" + analyst);
        waitFor(
                "replay",
                d -> {
                    String total = text("#zs-replay-total").replace(",", "");
                    return total.matches("\\d+") && Long.parseLong(total) > 0;
                });
        assertThat(browser.findElement(By.id("zs-replay-week")).getDomProperty("value"))
                .as("the week the replay opened on")
                .isNotBlank();
        screenshot("replay");
    }

    private void report() throws Exception {
        browser.get(base + "/report?token=" + analyst);
        waitFor("report", d -> count("svg.zs-chart rect.zs-chart-bar") > 0);
        screenshot("report");
    }

    private void publicScorecard() throws Exception {
        browser.get(base + "/public");
        waitFor("public scorecard", d -> count("tr.zs-public-row") == focusZones);
        screenshot("public");
    }

    /**
     * Waits until the view shows its data, and notes how long after the health endpoint answered
     * that was (the first time a view is seen populated).
     */
    private void waitFor(String view, Function<WebDriver, Boolean> populatedNow) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(500));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(populatedNow::apply);
        populated.put(view, Duration.between(healthAnswered, Instant.now()).withNanos(0));
    }

    private int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    private String text(String css) {
        return browser.findElements(By.cssSelector(css)).stream()
                .findFirst()
                .map(e -> e.getText().strip())
                .orElse("");
    }

    private String attribute(String id, String name) {
        return browser.findElements(By.id(id)).stream()
                .findFirst()
                .map(e -> e.getDomAttribute(name))
                .orElse(null);
    }

    private boolean noAnimations() {
        return Boolean.TRUE.equals(
                ((JavascriptExecutor) browser)
                        .executeScript("return document.getAnimations().length === 0"));
    }

    /** The box around the drawn paths, in page pixels: left, top, right, bottom. */
    private List<Number> drawnBox(String css) {
        return BrowserSupport.drawnBox(browser, css);
    }

    private void screenshot(String view) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(
                dir.resolve(city.id() + "-" + view + ".png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private JsonNode api(String path) {
        try {
            return JSON.readTree(http(path, analyst).body());
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }

    private HttpResponse<String> http(String path, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
