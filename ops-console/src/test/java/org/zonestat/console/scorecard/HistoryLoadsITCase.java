package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zonestat.console.scorecard.ZoneStatsRecords.day;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.BrowserSupport;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.HistoryMessage;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.RunMessage;
import org.zonestat.topics.TopicCodec;

/**
 * A backfill as a running console sees it, on a real broker: the {@code history} and {@code
 * zone-stats} records are the ones the backfill command and the history service write. While the
 * load runs, {@code /api/history/loads} shows it with its progress; when its run is done, the load
 * shows its reconciliation and the scorecard counts its zone-days, with no restart of the console.
 * The {@code /history} page, open in Chromium all along, follows both states by itself.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistoryLoadsITCase {
    private static final String STAFF = "dispatcher-token-0001";
    private static final String PUBLIC = "public-token-0001";
    private static final String LOAD = "shootings-2015.csv-0001";
    private static final String SCORECARD_2015 =
            "/api/scorecard?layer=vri-zones&from=2015-01-01&to=2015-12-31"
                    + "&kinds=homicides,shootings";
    private static final Instant AT = Instant.parse("2026-11-02T14:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir static java.nio.file.Path tempDir;

    private static OpsConsole.Running console;
    private static WebDriver browser;
    private static KafkaProducer<String, String> producer;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        BrowserSupport.requireBrowser();
        for (String t : List.of("events", "zone-stats", "hotspots", "history.loads")) {
            KAFKA.broker().createTopic(t, 1, Map.of());
        }
        producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer());
        console =
                OpsConsole.builder()
                        .bootstrapServers(KAFKA.bootstrapServers())
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(STAFF, Role.DISPATCHER, PUBLIC, Role.PUBLIC)))
                        .catalog(ZoneCatalog.load(CityProfiles.shipped("baltimore").layers()))
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .huddle(
                                HuddleSettings.defaults()
                                        .withTopics("zone-stats", "hotspots", "action-items"))
                        .historyTopic("history.loads")
                        .start();
        browser = BrowserSupport.startChromium(tempDir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        console.close();
        producer.close();
    }

    @Test
    void a_running_load_shows_its_progress_and_once_done_the_scorecard_counts_it()
            throws Exception {
        LoadMessage publishing =
                new LoadMessage(
                        LOAD,
                        LoadMessage.PUBLISHING,
                        "incidents",
                        "incidents.raw",
                        "shootings-2015.csv",
                        "baltimore-shootings-trace",
                        0,
                        0,
                        0,
                        900,
                        0,
                        List.of(),
                        null,
                        null,
                        AT,
                        null);
        history(publishing);
        history(
                new LoadMessage(
                        LOAD,
                        LoadMessage.PUBLISHED,
                        "incidents",
                        "incidents.raw",
                        "shootings-2015.csv",
                        "baltimore-shootings-trace",
                        3,
                        0,
                        900,
                        900,
                        30,
                        List.of(new LoadMessage.OffsetRange(0, 0, 2)),
                        null,
                        null,
                        AT,
                        null));
        history(run(RunMessage.RUNNING, 0, null));
        history(run(RunMessage.PROGRESS, 1, null));

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> {
                            JsonNode load = only(loads("?state=active"));
                            assertThat(load.path("state").asText()).isEqualTo("running");
                            assertThat(load.path("records").asLong()).isEqualTo(1);
                            assertThat(load.path("total").asLong()).isEqualTo(3);
                            assertThat(load.path("source").asText())
                                    .isEqualTo("shootings-2015.csv (incidents)");
                        });
        long westernBefore = westernShootings2015();
        browser.get(console.url() + "history?token=" + STAFF);
        String row = "tr[data-load='" + LOAD + "']";
        page().until(
                        d ->
                                !d.findElements(By.cssSelector(row + "[data-state='running']"))
                                        .isEmpty());
        assertThat(browser.findElement(By.cssSelector(row + " progress")).getDomProperty("value"))
                .isEqualTo(String.valueOf(1.0 / 3));

        // The run's zone-days, then its done message, as the history service writes them.
        ObjectNode zoneDay =
                day("vri-zones", "Western", LocalDate.of(2015, 3, 3), 0, 3, 0, 0, 0, 0);
        zoneDay.put("load", LOAD);
        producer.send(
                new ProducerRecord<>(
                        "zone-stats", "vri-zones/Western/2015-03-03", zoneDay.toString()));
        history(run(RunMessage.DONE, 3, new RunMessage.Reconciliation(3, 3, Map.of(), 1)));

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> {
                            JsonNode body = loads("");
                            JsonNode load = only(body);
                            assertThat(load.path("state").asText()).isEqualTo("done");
                            assertThat(load.path("reconciliation").path("eventsWritten").asLong())
                                    .isEqualTo(3);
                            assertThat(body.path("completed").asLong()).isEqualTo(1);
                            assertThat(westernShootings2015()).isEqualTo(westernBefore + 3);
                        });
        assertThat(loads("?state=active").path("loads")).isEmpty();
        page().until(d -> !d.findElements(By.cssSelector(row + "[data-state='done']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(row + " .zs-history-counts")).getText())
                .isEqualTo("in 3 · accepted 3 · rejected 0 · zone-days 1");
        assertThat(get("/api/history/loads/" + LOAD, STAFF).statusCode()).isEqualTo(200);
    }

    @Test
    void bad_requests_get_a_json_error_and_the_public_role_is_refused() throws Exception {
        HttpResponse<String> bad = get("/api/history/loads?state=sideways", STAFF);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("error").asText()).contains("state must be");
        HttpResponse<String> unknown = get("/api/history/loads/no-such-load", STAFF);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("no-such-load");
        assertThat(get("/api/history/loads", PUBLIC).statusCode()).isEqualTo(403);
        assertThat(get("/api/history/loads", null).statusCode()).isEqualTo(401);
        assertThat(get("/history", null).statusCode()).isEqualTo(200);
    }

    /** The page polls every two seconds; a state shows within a few polls. */
    private static WebDriverWait page() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static RunMessage run(String status, long read, RunMessage.Reconciliation rec) {
        return new RunMessage(
                "run/" + LOAD,
                status,
                List.of(LOAD),
                List.of(),
                null,
                Map.of("vri-zones", 1),
                null,
                null,
                read,
                3,
                read * 2.0,
                status.equals(RunMessage.PROGRESS) ? 1.0 : null,
                rec,
                AT,
                null);
    }

    private static void history(HistoryMessage m) throws Exception {
        producer.send(new ProducerRecord<>("history.loads", m.key(), TopicCodec.encodeToString(m)))
                .get();
    }

    private static JsonNode loads(String query) throws Exception {
        HttpResponse<String> r = get("/api/history/loads" + query, STAFF);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode only(JsonNode body) {
        assertThat(body.path("loads")).hasSize(1);
        return body.path("loads").get(0);
    }

    private static long westernShootings2015() throws Exception {
        HttpResponse<String> r = get(SCORECARD_2015, STAFF);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ScorecardApiITCase.zone(JSON.readTree(r.body()), "Western")
                .path("counts")
                .path("shootings")
                .asLong();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path))
                        .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
