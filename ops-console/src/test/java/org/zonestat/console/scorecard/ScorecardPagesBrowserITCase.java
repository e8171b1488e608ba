package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zonestat.console.scorecard.ZoneStatsRecords.day;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zonestat.city.CityProfiles;
import org.zonestat.city.Locations;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.BrowserSupport;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.health.HealthSettings;
import org.zonestat.console.health.JobState;
import org.zonestat.console.health.JobStatus;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;

/**
 * The huddle wall, the weekly report and the public scorecard in a real headless Chromium, on the
 * scenario of {@link ScorecardApiITCase} published to a real broker. Saves a screenshot of each
 * page under {@code target/screenshots/}. Needs Debian's {@code chromium} and {@code
 * chromium-driver}; fails (never skips) without them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScorecardPagesBrowserITCase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir static Path tempDir;

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static OpsConsole.Running console;
    private static WebDriver browser;
    private static ZoneCatalog catalog;
    private static String westernCellPlace;

    /** The job's state as the console is told it; running unless a test says otherwise. */
    private static final AtomicReference<JobStatus> JOB = new AtomicReference<>(running());

    private static JobStatus running() {
        return new JobStatus(JobState.RUNNING, "job-1", 0, null, null, "test");
    }

    @BeforeAll
    static void startEverything() throws Exception {
        BrowserSupport.requireBrowser();
        broker = KAFKA.broker();
        for (String t : List.of("events", "zone-stats", "hotspots")) {
            broker.createTopic(t, 1, Map.of());
        }
        catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        double[] western = ScorecardApiITCase.inside(catalog, ScorecardApiITCase.VRI, "Western");
        westernCellPlace =
                catalog.locator("neighborhoods").orElseThrow().zoneName(western[0], western[1]);
        ScorecardApiITCase.publishScenario(broker, catalog);
        console =
                OpsConsole.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .port(0)
                        .tokens(AccessTokens.of(ScorecardApiITCase.TOKENS))
                        .catalog(catalog)
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .huddle(HuddleSettings.defaults().withClock(ScorecardApiITCase.CLOCK))
                        .health(new HealthSettings(Duration.ofSeconds(1), 3), JOB::get)
                        .start();
        ScorecardApiITCase.awaitLoaded(console);
        browser = BrowserSupport.startChromium(tempDir.resolve("chromium-profile"), 1600, 1000);
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    /**
     * Waits, and looks again when the page replaced an element it was reading (the wall rotates).
     */
    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void open(String pathAndQuery) {
        browser.get(console.url().toString());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(console.url() + pathAndQuery.substring(1));
    }

    /** Waits until the page says its data is drawn ({@code body[data-loaded]}). */
    private static void awaitLoaded() {
        waiting()
                .until(
                        d ->
                                "true"
                                        .equals(
                                                d.findElement(By.tagName("body"))
                                                        .getDomAttribute("data-loaded")));
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(
                dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void every_page_shows_a_banner_while_the_pipeline_is_down_and_drops_it_when_it_runs()
            throws Exception {
        JOB.set(
                new JobStatus(
                        JobState.FAILED,
                        "job-1",
                        6,
                        null,
                        "restarting from chk-12 in 5 s",
                        "test"));
        try {
            for (String page : List.of("/public", "/huddle", "/")) {
                open(page);
                WebElement banner =
                        waiting()
                                .until(
                                        d ->
                                                d.findElements(By.id("zs-health-banner")).stream()
                                                        .filter(
                                                                b ->
                                                                        "down"
                                                                                .equals(
                                                                                        b
                                                                                                .getDomAttribute(
                                                                                                        "data-state")))
                                                        .findFirst()
                                                        .orElse(null));
                assertThat(banner.isDisplayed()).as(page).isTrue();
                assertThat(banner.getText())
                        .as(page)
                        .contains("Pipeline down", "job-1 is failed", "may be stale");
            }
            screenshot("health-banner.png");
        } finally {
            JOB.set(running());
        }
        open("/public");
        waiting()
                .until(
                        d ->
                                "ok"
                                        .equals(
                                                d.findElement(By.id("zs-health-banner"))
                                                        .getDomAttribute("data-state")));
        assertThat(browser.findElement(By.id("zs-health-banner")).isDisplayed()).isFalse();
    }

    @Test
    void the_huddle_wall_cycles_through_the_zone_cards() {
        open("/huddle?token=" + ScorecardApiITCase.DISPATCHER + "&rotate=1");

        Set<String> seen = new HashSet<>();
        waiting()
                .until(
                        d -> {
                            List<WebElement> cards =
                                    d.findElements(By.cssSelector("#zs-huddle-current .zs-card"));
                            if (!cards.isEmpty()) {
                                seen.add(cards.get(0).getDomAttribute("data-zone"));
                            }
                            return seen.size() >= 3;
                        });
        assertThat(browser.findElements(By.cssSelector(".zs-strip-card"))).hasSize(8);
        assertThat(browser.getCurrentUrl()).doesNotContain(ScorecardApiITCase.DISPATCHER);
    }

    @Test
    void a_huddle_zone_card_shows_numbers_readable_from_across_the_room() throws Exception {
        open("/huddle?token=" + ScorecardApiITCase.ANALYST + "&rotate=600");
        waiting()
                .until(
                        d ->
                                !d.findElements(
                                                By.cssSelector(
                                                        ".zs-strip-card[data-zone='Western']"))
                                        .isEmpty());
        browser.findElement(By.cssSelector(".zs-strip-card[data-zone='Western']")).click();
        waiting()
                .until(
                        d ->
                                !d.findElements(By.cssSelector(".zs-card[data-zone='Western']"))
                                        .isEmpty());

        assertThat(text(".zs-card-zone")).isEqualTo("Western");
        assertThat(text(".zs-ytd .zs-big-number")).isEqualTo("14");
        assertThat(text(".zs-ytd .zs-goal")).isEqualTo("on goal");
        assertThat(text(".zs-last24h dd[data-kind='homicides']")).isEqualTo("1");
        assertThat(text(".zs-last24h dd[data-kind='tips']")).isEqualTo("2");
        assertThat(text(".zs-last7d dd[data-kind='shootings']")).isEqualTo("1");
        assertThat(text(".zs-311 dd[data-kind='open311']")).isEqualTo("12");
        assertThat(text(".zs-311 dd[data-kind='overdue311']")).isEqualTo("3");
        assertThat(text(".zs-hot .zs-hot-count")).isEqualTo("1");
        // The hot cell by place (its neighborhood), on a small map of the zone.
        assertThat(text(".zs-hot-places li")).isEqualTo(westernCellPlace);
        assertThat(browser.findElements(By.cssSelector("svg.zs-hot-map path.zs-hot-map-zone")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("svg.zs-hot-map polygon.zs-hot-map-cell")))
                .hasSize(1);
        assertThat(text(".zs-changes"))
                .contains(
                        "a cell in " + westernCellPlace + " turned hot",
                        "open 311 requests +2 (now 12)");
        assertThat(text("#zs-huddle-date")).contains("2018-07-07");
        double bigPx =
                Double.parseDouble(
                        browser.findElement(By.cssSelector(".zs-ytd .zs-big-number"))
                                .getCssValue("font-size")
                                .replace("px", ""));
        double tilePx =
                Double.parseDouble(
                        browser.findElement(By.cssSelector(".zs-last24h dd"))
                                .getCssValue("font-size")
                                .replace("px", ""));
        assertThat(bigPx).as("headline number height in CSS px").isGreaterThanOrEqualTo(96);
        assertThat(tilePx).as("tile number height in CSS px").isGreaterThanOrEqualTo(32);

        // An analyst adds an action item from the wall; it shows on the card.
        browser.findElement(By.cssSelector(".zs-item-form input:nth-of-type(1)"))
                .sendKeys("Street lights on Fulton Ave");
        browser.findElement(By.cssSelector(".zs-item-form input:nth-of-type(2)")).sendKeys("DOT");
        ((JavascriptExecutor) browser)
                .executeScript(
                        "document.querySelector('.zs-item-form input[type=date]').value = '2018-07-12'");
        browser.findElement(By.cssSelector(".zs-item-form button")).click();
        waiting()
                .until(
                        d ->
                                d
                                        .findElements(
                                                By.cssSelector(
                                                        ".zs-card[data-zone='Western'] .zs-item-what"))
                                        .stream()
                                        .anyMatch(
                                                e ->
                                                        e.getText()
                                                                .equals(
                                                                        "Street lights on Fulton Ave")));
        screenshot("huddle.png");
    }

    @Test
    void the_public_scorecard_needs_no_token_and_shows_small_counts_as_less_than_5()
            throws Exception {
        open("/public?quarter=2018-Q1");
        awaitLoaded();

        assertThat(browser.findElements(By.cssSelector("tr.zs-public-row"))).hasSize(8);
        assertThat(text("tr[data-zone='Central'] td[data-kind='total']")).isEqualTo("<5");
        assertThat(
                        browser.findElement(
                                        By.cssSelector(
                                                "tr[data-zone='Central'] td[data-kind='total']"))
                                .getDomAttribute("class"))
                .contains("zs-suppressed");
        assertThat(text("tr[data-zone='Central'] td[data-kind='previousTotal']")).isEqualTo("6");
        assertThat(text("tr[data-zone='Central'] td.zs-change")).isEqualTo("–");
        assertThat(text("tr[data-zone='Western'] td[data-kind='total']")).isEqualTo("6");
        assertThat(text("tr[data-zone='Western'] td[data-kind='homicides']")).isEqualTo("0");
        assertThat(text("tr[data-zone='Western'] td[data-kind='shootings']")).isEqualTo("6");
        assertThat(text("tr[data-zone='Western'] td.zs-change")).isEqualTo("-50%");
        assertThat(text("tr[data-zone='Brooklyn'] td[data-kind='total']")).isEqualTo("0");
        assertThat(text("#zs-public-window")).startsWith("2018-Q1");
        assertThat(text("#zs-public-version")).startsWith("Zones: layer vri-zones, version ");
        assertThat(browser.getPageSource()).doesNotContain("1600 W NORTH", "Tip");
        screenshot("public.png");
    }

    @Test
    void the_weekly_report_prints_the_week_and_a_52_week_chart() throws Exception {
        open("/report?token=" + ScorecardApiITCase.DISPATCHER + "&zone=Western&week=2018-W27");
        awaitLoaded();

        assertThat(text("#zs-report h1")).isEqualTo("Western · weekly performance");
        assertThat(browser.findElements(By.cssSelector("svg.zs-chart rect.zs-chart-bar")))
                .hasSize(52);
        assertThat(browser.findElements(By.cssSelector("svg.zs-chart rect.zs-chart-current")))
                .hasSize(1);
        assertThat(text(".zs-report-summary")).contains("Year to date", "14");
        screenshot("report.png");
    }

    @Test
    void the_weekly_report_without_a_zone_opens_on_the_first_focus_zone_with_pickers()
            throws Exception {
        open("/report?token=" + ScorecardApiITCase.DISPATCHER);
        awaitLoaded();

        List<String> focusZones =
                catalog.layer(ScorecardApiITCase.VRI).orElseThrow().zones().stream()
                        .map(z -> z.name())
                        .distinct()
                        .toList();
        Select layer = new Select(browser.findElement(By.id("zs-report-layer")));
        Select zone = new Select(browser.findElement(By.id("zs-report-zone")));
        assertThat(layer.getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo(ScorecardApiITCase.VRI);
        assertThat(layer.getOptions()).hasSize(catalog.layerIds().size());
        assertThat(zone.getOptions())
                .extracting(WebElement::getText)
                .containsExactlyElementsOf(focusZones);
        assertThat(zone.getFirstSelectedOption().getText()).isEqualTo(focusZones.get(0));
        assertThat(text("#zs-report h1")).isEqualTo(focusZones.get(0) + " · weekly performance");
        assertThat(browser.findElement(By.id("zs-report-week")).getDomProperty("value"))
                .as("the week of the latest day in the data")
                .isEqualTo("2018-W27");
        screenshot("report-picker.png");

        zone.selectByVisibleText("Western");
        waiting().until(d -> text("#zs-report h1").equals("Western · weekly performance"));
        assertThat(text(".zs-report-summary")).contains("14");
        assertThat(browser.getCurrentUrl()).contains("zone=Western");
    }

    /**
     * The focus layer is edited (uploaded again, the same polygons) after days of 2016 were counted
     * with its first version: the page names the layer's new version and says that those figures
     * are of the earlier one.
     */
    @Test
    void the_public_scorecard_names_its_layer_version_and_says_when_figures_are_of_an_earlier_one()
            throws Exception {
        ObjectNode counted =
                day(ScorecardApiITCase.VRI, "Western", LocalDate.of(2016, 2, 3), 1, 6, 0, 0, 0, 0);
        counted.put("layerVersion", 1);
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.send(
                            new ProducerRecord<>(
                                    "zone-stats",
                                    ZoneStatsRecords.key(counted),
                                    counted.toString()))
                    .get();
        }
        byte[] polygons;
        ZoneLayerSpec vri =
                CityProfiles.shipped("baltimore").layers().stream()
                        .filter(l -> l.id().equals(ScorecardApiITCase.VRI))
                        .findFirst()
                        .orElseThrow();
        try (InputStream in = Locations.open(vri.location())) {
            polygons = in.readAllBytes();
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> upload =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                console.url()
                                                        + "api/zones/"
                                                        + vri.id()
                                                        + "?title="
                                                        + URLEncoder.encode(
                                                                vri.title(), StandardCharsets.UTF_8)
                                                        + "&nameProperty="
                                                        + vri.nameProperty()))
                                .header("Authorization", "Bearer " + ScorecardApiITCase.ADMIN)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(polygons))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        int edited = new ObjectMapper().readTree(upload.body()).get("version").asInt();
        assertThat(edited).isGreaterThan(1);
        URI api = URI.create(console.url() + "api/public/scorecard?quarter=2016-Q1");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            JsonNode card =
                                    new ObjectMapper()
                                            .readTree(
                                                    http.send(
                                                                    HttpRequest.newBuilder(api)
                                                                            .build(),
                                                                    HttpResponse.BodyHandlers
                                                                            .ofString())
                                                            .body());
                            return card.path("layerVersion").asInt() == edited
                                    && card.path("olderVersions").asBoolean();
                        });

        open("/public?quarter=2016-Q1");
        awaitLoaded();

        assertThat(text("tr[data-zone='Western'] td[data-kind='total']")).isEqualTo("7");
        assertThat(text("#zs-public-version"))
                .isEqualTo(
                        "Zones: layer vri-zones, version "
                                + edited
                                + ". Some figures were counted with the earlier version 1 of"
                                + " these zones.");
        screenshot("public-older-version.png");
    }
}
