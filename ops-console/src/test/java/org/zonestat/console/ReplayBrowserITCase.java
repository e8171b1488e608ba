package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;

/**
 * The replay: {@code /api/replay} reading a week out of a year of seeded history with
 * offsetsForTimes, and the {@code /replay} page playing it in a real headless Chromium.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReplayBrowserITCase {
    private static final String ANALYST = "analyst-token-for-replay";
    private static final String DISPATCHER = "dispatcher-token-for-replay";
    private static final String PUBLIC = "public-token-for-replay";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long SEED = 20180702L;
    private static final int HISTORY = 20_000;
    // ISO week 2018-W27: Monday 2 July to Sunday 8 July 2018, Baltimore time (UTC-4).
    private static final Instant WEEK_START = Instant.parse("2018-07-02T04:00:00Z");
    private static final Instant WEEK_END = Instant.parse("2018-07-09T04:00:00Z");
    private static final double[][] PLACES = {
        {-76.5982, 39.3135},
        {-76.6346, 39.2991},
        {-76.6485, 39.2845},
        {-76.6477, 39.3110},
        {-76.6050, 39.3350},
        {-76.5646, 39.3232},
        {-76.6100, 39.2900},
    };
    private static final String[] KINDS = {"SHOOTING", "HOMICIDE", "ROBBERY", "REQUEST_311", "TIP"};

    @TempDir static Path tempDir;

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static OpsConsole.Running console;
    private static WebDriver browser;
    private static final List<ObjectNode> weekEvents = new ArrayList<>();

    @BeforeAll
    static void startEverything() throws Exception {
        BrowserSupport.requireBrowser();
        broker = KAFKA.broker();
        broker.createTopic("events-replay", 2, Map.of());
        broker.createTopic("alerts-replay", 1, Map.of());
        broker.createTopic("hotspots-replay", 1, Map.of());
        broker.createTopic("zone-stats", 1, Map.of("retention.ms", "-1"));
        ZoneCatalog catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        publishHistory(new TestEvents(catalog));
        publishLatestDay();
        console =
                OpsConsole.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .eventsTopic("events-replay")
                        .analyticsTopics("alerts-replay", "hotspots-replay")
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(
                                                ANALYST,
                                                Role.ANALYST,
                                                DISPATCHER,
                                                Role.DISPATCHER,
                                                PUBLIC,
                                                Role.PUBLIC)))
                        .catalog(catalog)
                        .build()
                        .start();
        browser = BrowserSupport.startChromium(tempDir.resolve("chromium-profile"));
    }

    /**
     * A year of 2018 in time order, as a replayer writes it; the record timestamp is the event
     * time.
     */
    private static void publishHistory(TestEvents events) throws Exception {
        Random random = new Random(SEED);
        long yearStart = Instant.parse("2018-01-01T05:00:00Z").toEpochMilli();
        long yearMillis = Duration.ofDays(365).toMillis();
        long[] times = new long[HISTORY];
        for (int i = 0; i < HISTORY; i++) {
            times[i] = yearStart + (long) (random.nextDouble() * yearMillis) / 60_000 * 60_000;
        }
        java.util.Arrays.sort(times);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers(),
                                ProducerConfig.LINGER_MS_CONFIG,
                                20),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            for (int i = 0; i < HISTORY; i++) {
                double[] p = PLACES[random.nextInt(PLACES.length)];
                double lon = p[0] + (random.nextDouble() - 0.5) * 0.01;
                double lat = p[1] + (random.nextDouble() - 0.5) * 0.01;
                String kind = KINDS[random.nextInt(KINDS.length)];
                int n = 10_000 + i;
                ObjectNode e =
                        switch (kind) {
                            case "REQUEST_311" -> events.request311(n, "New", lon, lat);
                            case "TIP" -> events.tip(n, lon, lat);
                            default -> events.incident(n, kind, lon, lat);
                        };
                Instant at = Instant.ofEpochMilli(times[i]);
                e.put("occurredAt", at.toString());
                if (!at.isBefore(WEEK_START) && at.isBefore(WEEK_END)) {
                    weekEvents.add(e);
                }
                send(producer, "events-replay", e.get("eventId").asText(), times[i], e);
                if (kind.equals("SHOOTING") && !at.isBefore(WEEK_START) && at.isBefore(WEEK_END)) {
                    ObjectNode halo =
                            events.halo(n, lon, lat)
                                    .put("startsAt", at.toString())
                                    .put("expiresAt", at.plus(Duration.ofDays(2)).toString());
                    send(producer, "hotspots-replay", halo.get("haloId").asText(), times[i], halo);
                }
            }
            ObjectNode cell =
                    events.cell("892aa8d4d83ffff", -76.5982, 39.3135, "NEW_HOT_SPOT", "TURNED_HOT")
                            .put("windowEnd", "2018-07-05T04:00:00Z");
            send(
                    producer,
                    "hotspots-replay",
                    "28d/892aa8d4d83ffff",
                    Instant.parse("2018-07-05T04:00:00Z").toEpochMilli(),
                    cell);
            producer.flush();
        }
    }

    /**
     * The scorecard's latest day is Tuesday 10 July 2018 (one {@code zone-stats} record of the
     * focus zones), so the latest complete week is 2018-W27.
     */
    private static void publishLatestDay() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            ObjectNode day =
                    ConsoleJson.newMapper()
                            .createObjectNode()
                            .put("layer", "vri-zones")
                            .put("zone", "Eastern1")
                            .put("day", "2018-07-10")
                            .put("from", "2018-07-10T04:00:00Z")
                            .put("until", "2018-07-11T04:00:00Z")
                            .put("homicides", 0)
                            .put("shootings", 1)
                            .put("otherViolent", 0)
                            .put("requestsOpened", 0)
                            .put("requestsClosed", 0)
                            .put("tips", 0);
            send(
                    producer,
                    "zone-stats",
                    "vri-zones/Eastern1/2018-07-10",
                    Instant.parse("2018-07-11T04:00:00Z").toEpochMilli(),
                    day);
            producer.flush();
        }
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            String key,
            long timestamp,
            ObjectNode value) {
        producer.send(
                new ProducerRecord<>(
                        topic,
                        null,
                        timestamp,
                        key.getBytes(StandardCharsets.UTF_8),
                        value.toString().getBytes(StandardCharsets.UTF_8)));
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

    private static HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(console.url() + pathAndQuery));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_api_returns_exactly_the_week_asked_for_out_of_a_year_of_history() throws Exception {
        HttpResponse<String> r = get("api/replay?week=2018-W27", ANALYST);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode range = ConsoleJson.newMapper().readTree(r.body());

        List<String> ids = new ArrayList<>();
        range.path("events").forEach(e -> ids.add(e.path("eventId").asText()));
        assertThat(weekEvents).hasSizeGreaterThan(200);
        assertThat(ids)
                .containsExactlyInAnyOrderElementsOf(
                        weekEvents.stream().map(e -> e.path("eventId").asText()).toList());
        assertThat(range.path("from").asText()).isEqualTo(WEEK_START.toString());
        assertThat(range.path("to").asText()).isEqualTo(WEEK_END.toString());
        assertThat(range.path("recordsRead").asLong())
                .as("read from the week's offsets on, not the whole year")
                .isLessThan(HISTORY);
        assertThat(range.path("halos").size()).isPositive();
        assertThat(range.path("cells").get(0).path("zones").path("vri-zones").asText())
                .isEqualTo("Eastern1");

        JsonNode dates =
                ConsoleJson.newMapper()
                        .readTree(get("api/replay?from=2018-07-02&to=2018-07-08", ANALYST).body());
        assertThat(dates.path("events").size()).isEqualTo(weekEvents.size());
    }

    @Test
    void a_dispatcher_replays_no_tips_the_public_is_refused_and_bad_ranges_are_named()
            throws Exception {
        JsonNode dispatcher =
                ConsoleJson.newMapper()
                        .readTree(get("api/replay?week=2018-W27", DISPATCHER).body());
        assertThat(dispatcher.path("events").size()).isPositive();
        dispatcher
                .path("events")
                .forEach(e -> assertThat(e.path("stream").asText()).isNotEqualTo("tip"));

        assertThat(get("api/replay?week=2018-W27", PUBLIC).statusCode()).isEqualTo(403);
        assertThat(get("api/replay?week=2018-W27", null).statusCode()).isEqualTo(401);
        for (String[] bad :
                new String[][] {
                    {"week=2018-27", "'week'"},
                    {"from=2018-07-02", "'from' and 'to'"},
                    {"from=2018-07-09&to=2018-07-02", "'to' must be after 'from'"},
                    {"from=yesterday&to=2018-07-02", "'from'"},
                    {"from=2018-01-01&to=2018-12-31", "at most 92 days"},
                }) {
            HttpResponse<String> r = get("api/replay?" + bad[0], ANALYST);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(ConsoleJson.newMapper().readTree(r.body()).path("error").asText())
                    .as(bad[0])
                    .contains(bad[1]);
        }
    }

    @Test
    void the_replay_page_plays_a_week_with_a_moving_clock_that_stops_on_pause() throws Exception {
        browser.get(console.url() + "replay?week=2018-W27&token=" + ANALYST);
        WebDriverWait waiting = new WebDriverWait(browser, WAIT);
        waiting.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        waiting.until(
                d -> d.findElement(By.id("zs-replay-ttff")).getDomAttribute("data-ms") != null);
        long ttff =
                Long.parseLong(
                        browser.findElement(By.id("zs-replay-ttff")).getDomAttribute("data-ms"));
        // The time is recorded, not asserted: speed is measured by `./zonestat bench replay`.
        assertThat(ttff).as("first frame of a week, ms").isNotNegative();
        Files.writeString(
                Files.createDirectories(Path.of("target", "screenshots"))
                        .resolve("replay-ttff.txt"),
                "time to first frame of 2018-W27 ("
                        + weekEvents.size()
                        + " events): "
                        + ttff
                        + " ms\n");

        String clock = clockText();
        waiting.until(d -> !clockText().equals(clock)); // playing: the clock moves
        waiting.until(d -> count("path.zs-event") > 20);
        waiting.until(d -> count("path.zs-halo") + count("path.zs-cell") > 0);
        // The cards are redrawn every frame: read them in one script call.
        waiting.until(
                d ->
                        Long.parseLong(
                                        String.valueOf(
                                                ((JavascriptExecutor) d)
                                                        .executeScript(
                                                                "return document.querySelector(\".zs-zone-card[data-zone='Eastern1'] .zs-n-shootings\").textContent")))
                                > 0);

        browser.findElement(By.id("zs-replay-play")).click(); // pause
        String paused = clockText();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> clockText().equals(paused));
        int markers = count("path.zs-event");
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(
                screenshots.resolve("replay.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // Seek back to the start of the week: fewer markers, the clock at Monday.
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const s = document.getElementById('zs-replay-seek'); s.value = 0;"
                                + " s.dispatchEvent(new Event('input'));");
        waiting.until(d -> clockText().startsWith("Mon, Jul 2, 2018"));
        assertThat(count("path.zs-event")).isLessThan(markers);
        browser.findElement(By.id("zs-replay-play")).click(); // play again
        String resumed = clockText();
        waiting.until(d -> !clockText().equals(resumed));
    }

    @Test
    void the_replay_page_opens_on_the_latest_complete_week_with_it_loaded() throws Exception {
        JsonNode range = ConsoleJson.newMapper().readTree(get("api/replay", ANALYST).body());
        assertThat(range.path("from").asText()).isEqualTo(WEEK_START.toString());
        assertThat(range.path("to").asText()).isEqualTo(WEEK_END.toString());

        browser.get(console.url() + "replay?token=" + ANALYST);
        WebDriverWait waiting = new WebDriverWait(browser, WAIT);
        waiting.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        waiting.until(
                d ->
                        String.format(java.util.Locale.US, "%,d", weekEvents.size())
                                .equals(d.findElement(By.id("zs-replay-total")).getText()));
        assertThat(browser.findElement(By.id("zs-replay-week")).getDomProperty("value"))
                .isEqualTo("2018-W27");
        assertThat(
                        new org.openqa.selenium.support.ui.Select(
                                        browser.findElement(By.id("zs-visit-layer")))
                                .getFirstSelectedOption()
                                .getDomAttribute("value"))
                .as("the site-visit plan's layer picker starts on the focus zones")
                .isEqualTo("vri-zones");
        assertThat(browser.findElements(By.cssSelector(".zs-zone-card[data-zone]"))).hasSize(8);
        waiting.until(d -> count("path.zs-event") > 20);
        Files.write(
                Files.createDirectories(Path.of("target", "screenshots"))
                        .resolve("replay-default-week.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static String clockText() {
        return String.valueOf(
                ((JavascriptExecutor) browser)
                        .executeScript(
                                "return document.getElementById('zs-replay-clock').textContent"));
    }

    private static int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }
}
