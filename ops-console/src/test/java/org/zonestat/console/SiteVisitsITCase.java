package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;

/**
 * {@code GET /api/site-visits} end to end: a real KRaft broker holding {@code events} and {@code
 * alerts} records with their event times as record timestamps, the {@link OpsConsole} reading them
 * back for a plan as of 2018-07-07.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SiteVisitsITCase {
    private static final String DISPATCHER = "dispatcher-token-for-site-visits";
    private static final String PUBLIC = "public-token-for-site-visits";
    private static final ObjectMapper JSON = ConsoleJson.newMapper();
    // In VRI zone Eastern1, and in another VRI zone.
    private static final double[] EASTERN1 = {-76.5982, 39.3135};
    private static final double[] ELSEWHERE = {-76.6346, 39.2991};
    // The plan as of 2018-07-07 counts violence from 2018-06-10T04:00Z to 2018-07-08T04:00Z.
    private static final Instant IN_WINDOW = Instant.parse("2018-07-01T15:00:00Z");

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static OpsConsole.Running console;
    private static HttpClient http;
    private static String elsewhere;
    private static int vriZones;

    @BeforeAll
    static void start() throws Exception {
        broker = KAFKA.broker();
        broker.createTopic("events-sv", 1, Map.of());
        broker.createTopic("alerts-sv", 1, Map.of());
        ZoneCatalog catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        vriZones = catalog.layer("vri-zones").orElseThrow().size();
        elsewhere = catalog.tag(ELSEWHERE[0], ELSEWHERE[1]).get("vri-zones");
        assertThat(catalog.tag(EASTERN1[0], EASTERN1[1])).containsEntry("vri-zones", "Eastern1");
        assertThat(elsewhere).isNotNull().isNotEqualTo("Eastern1");
        TestEvents t = new TestEvents(catalog);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            // Eastern1: two shootings and a homicide in the window; one shooting before it, one
            // after.
            send(
                    producer,
                    "events-sv",
                    at(t.incident(1, "SHOOTING", EASTERN1[0], EASTERN1[1]), IN_WINDOW));
            send(
                    producer,
                    "events-sv",
                    at(
                            t.incident(2, "SHOOTING", EASTERN1[0], EASTERN1[1]),
                            "2018-06-10T04:00:00Z"));
            send(
                    producer,
                    "events-sv",
                    at(
                            t.incident(3, "HOMICIDE", EASTERN1[0], EASTERN1[1]),
                            "2018-07-08T03:59:59Z"));
            send(
                    producer,
                    "events-sv",
                    at(
                            t.incident(4, "SHOOTING", EASTERN1[0], EASTERN1[1]),
                            "2018-06-10T03:59:59Z"));
            send(
                    producer,
                    "events-sv",
                    at(
                            t.incident(5, "SHOOTING", EASTERN1[0], EASTERN1[1]),
                            "2018-07-08T04:00:00Z"));
            // Elsewhere: an aggravated assault; code-enforcement requests closed, open + overdue,
            // open;
            // an open request of another agency; a shooting tip (never counted).
            send(
                    producer,
                    "events-sv",
                    at(t.incident(6, "AGGRAVATED_ASSAULT", ELSEWHERE[0], ELSEWHERE[1]), IN_WINDOW));
            send(
                    producer,
                    "events-sv",
                    hcd(
                            t.request311(10, "New", ELSEWHERE[0], ELSEWHERE[1]),
                            "2018-03-01T12:00:00Z"));
            send(
                    producer,
                    "events-sv",
                    hcd(
                            t.request311(10, "Closed", ELSEWHERE[0], ELSEWHERE[1]),
                            "2018-05-01T12:00:00Z"));
            send(
                    producer,
                    "events-sv",
                    hcd(
                            t.request311(11, "Open", ELSEWHERE[0], ELSEWHERE[1]),
                            "2018-05-20T12:00:00Z"));
            send(
                    producer,
                    "events-sv",
                    hcd(
                            t.request311(12, "New", ELSEWHERE[0], ELSEWHERE[1]),
                            "2018-07-06T12:00:00Z"));
            send(
                    producer,
                    "events-sv",
                    at(t.request311(13, "Open", ELSEWHERE[0], ELSEWHERE[1]), IN_WINDOW));
            send(producer, "events-sv", at(t.tip(14, ELSEWHERE[0], ELSEWHERE[1]), IN_WINDOW));
            ObjectNode overdue =
                    t.alert(
                                    11,
                                    "overdue-311",
                                    "HCD-Sanitation Property",
                                    ELSEWHERE[0],
                                    ELSEWHERE[1])
                            .put("subjectId", "SR11")
                            .put("at", "2018-06-20T12:00:00Z");
            send(producer, "alerts-sv", overdue);
            // Overdue after the plan's day: not yet overdue as of 2018-07-07.
            send(
                    producer,
                    "alerts-sv",
                    t.alert(
                                    12,
                                    "overdue-311",
                                    "HCD-Sanitation Property",
                                    ELSEWHERE[0],
                                    ELSEWHERE[1])
                            .put("subjectId", "SR12")
                            .put("at", "2018-07-09T12:00:00Z"));
        }
        console =
                OpsConsole.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .eventsTopic("events-sv")
                        .analyticsTopics("alerts-sv", null)
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(DISPATCHER, Role.DISPATCHER, PUBLIC, Role.PUBLIC)))
                        .catalog(catalog)
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> console.feedHealth().state() == FeedHealth.State.LIVE);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    private static ObjectNode at(ObjectNode event, Object when) {
        return event.put("occurredAt", when.toString());
    }

    private static ObjectNode hcd(ObjectNode request, String when) {
        return at(request, when).put("type", "HCD-Sanitation Property");
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, ObjectNode value)
            throws Exception {
        String time =
                value.has("occurredAt")
                        ? value.get("occurredAt").asText()
                        : value.get("at").asText();
        String key =
                value.has("eventId")
                        ? value.get("eventId").asText()
                        : value.get("alertId").asText();
        producer.send(
                        new ProducerRecord<>(
                                topic,
                                null,
                                Instant.parse(time).toEpochMilli(),
                                key.getBytes(StandardCharsets.UTF_8),
                                value.toString().getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(console.url() + pathAndQuery))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void
            the_plan_ranks_zones_by_weighted_recent_violence_and_open_or_overdue_code_enforcement_and_explains_each()
                    throws Exception {
        HttpResponse<String> r = get("api/site-visits?layer=vri-zones&asOf=2018-07-07", DISPATCHER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode plan = JSON.readTree(r.body());
        assertThat(plan.path("days").asInt()).isEqualTo(28);
        assertThat(plan.path("from").asText()).isEqualTo("2018-06-10T04:00:00Z");
        assertThat(plan.path("until").asText()).isEqualTo("2018-07-08T04:00:00Z");
        JsonNode rows = plan.path("rows");
        assertThat(rows.size()).isEqualTo(vriZones);

        JsonNode first = rows.get(0);
        assertThat(first.path("rank").asInt()).isEqualTo(1);
        assertThat(first.path("zone").asText()).isEqualTo("Eastern1");
        assertThat(first.path("score").asDouble()).isEqualTo(20.0);
        assertThat(first.path("explanation").asText())
                .isEqualTo(
                        "2 shootings and 1 homicide in the last 28 days; no open 311 code-enforcement requests");

        JsonNode second = rows.get(1);
        assertThat(second.path("zone").asText()).isEqualTo(elsewhere);
        assertThat(second.path("score").asDouble()).isEqualTo(3.0);
        assertThat(second.path("openRequests").asInt()).isEqualTo(2);
        assertThat(second.path("overdueRequests").asInt()).isEqualTo(1);
        assertThat(second.path("explanation").asText())
                .isEqualTo(
                        "1 other violent incident in the last 28 days; 2 open 311 code-enforcement requests, 1 overdue");

        JsonNode third = rows.get(2);
        assertThat(third.path("score").asDouble()).isZero();
        assertThat(third.path("explanation").asText())
                .isEqualTo(
                        "no shootings, homicides or other violent incidents in the last 28 days;"
                                + " no open 311 code-enforcement requests");
    }

    @Test
    void a_shorter_window_leaves_out_older_violence() throws Exception {
        JsonNode rows =
                JSON.readTree(
                                get(
                                                "api/site-visits?layer=vri-zones&asOf=2018-07-07&days=3",
                                                DISPATCHER)
                                        .body())
                        .path("rows");
        assertThat(rows.get(0).path("zone").asText()).isEqualTo("Eastern1");
        assertThat(rows.get(0).path("explanation").asText())
                .startsWith("1 homicide in the last 3 days;");
    }

    @Test
    void the_plan_exports_as_csv_with_one_row_per_zone_by_rank() throws Exception {
        HttpResponse<String> r =
                get("api/site-visits?layer=vri-zones&asOf=2018-07-07&format=csv", DISPATCHER);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .contains("site-visits-vri-zones-2018-07-07.csv");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(vriZones + 1);
        assertThat(lines.get(0))
                .isEqualTo(
                        "rank,layer,zone,score,homicides,shootings,otherViolent,openRequests,overdueRequests,explanation");
        assertThat(lines.get(1))
                .isEqualTo(
                        "1,vri-zones,Eastern1,20,1,2,0,0,0,"
                                + "\"2 shootings and 1 homicide in the last 28 days; no open 311 code-enforcement requests\"");
        assertThat(lines.get(2)).startsWith("2,vri-zones," + elsewhere + ",3,0,0,1,2,1,");
    }

    @Test
    void the_plan_exports_as_geojson_zone_polygons_with_rank_properties() throws Exception {
        HttpResponse<String> r =
                get("api/site-visits?layer=vri-zones&asOf=2018-07-07&format=geojson", DISPATCHER);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/geo+json");
        JsonNode fc = JSON.readTree(r.body());
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        JsonNode features = fc.path("features");
        assertThat(features.size()).isEqualTo(vriZones);
        JsonNode top = features.get(0);
        assertThat(top.path("geometry").path("type").asText()).isIn("Polygon", "MultiPolygon");
        assertThat(top.path("properties").path("name").asText()).isEqualTo("Eastern1");
        assertThat(top.path("properties").path("rank").asInt()).isEqualTo(1);
        assertThat(top.path("properties").path("shootings").asInt()).isEqualTo(2);
        for (int i = 0; i < features.size(); i++) {
            assertThat(features.get(i).path("properties").path("rank").asInt()).isEqualTo(i + 1);
        }
    }

    @Test
    void the_public_role_gets_403_and_bad_parameters_get_400_naming_the_parameter()
            throws Exception {
        HttpResponse<String> forbidden =
                get("api/site-visits?layer=vri-zones&asOf=2018-07-07", PUBLIC);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forbidden.body()).path("error").asText()).contains("public");

        String[][] bad = {
            {"layer=vri-zones", "'asOf'"},
            {"layer=vri-zones&asOf=07/07/2018", "'asOf'"},
            {"asOf=2018-07-07", "'layer'"},
            {"layer=vri-zones&asOf=2018-07-07&days=0", "'days'"},
            {"layer=vri-zones&asOf=2018-07-07&days=many", "'days'"},
            {"layer=vri-zones&asOf=2018-07-07&format=xlsx", "'format'"},
        };
        for (String[] b : bad) {
            HttpResponse<String> r = get("api/site-visits?" + b[0], DISPATCHER);
            assertThat(r.statusCode()).as(b[0]).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(b[0]).contains(b[1]);
        }
        HttpResponse<String> unknown =
                get("api/site-visits?layer=wards&asOf=2018-07-07", DISPATCHER);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText())
                .contains("'layer'")
                .contains("wards");
    }
}
