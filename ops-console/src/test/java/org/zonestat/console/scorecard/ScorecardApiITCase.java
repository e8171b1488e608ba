package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zonestat.console.scorecard.ZoneStatsRecords.day;
import static org.zonestat.console.scorecard.ZoneStatsRecords.withLifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.RejectedMessage;
import org.zonestat.topics.TopicCodec;

/**
 * The scorecard, public scorecard, huddle, weekly report, action items, Open311, metrics and
 * OpenAPI endpoints of a whole {@link OpsConsole} on a real KRaft broker, with {@code zone-stats},
 * {@code hotspots} and {@code events} records published by the test; and access for every role on
 * every endpoint.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScorecardApiITCase {
    static final String PUBLIC = "public-token-0001";
    static final String DISPATCHER = "dispatcher-token-0001";
    static final String ANALYST = "analyst-token-0001";
    static final String ADMIN = "admin-token-0001";
    static final String WRONG = "wrong-token-0001";
    static final Map<String, Role> TOKENS =
            Map.of(
                    PUBLIC,
                    Role.PUBLIC,
                    DISPATCHER,
                    Role.DISPATCHER,
                    ANALYST,
                    Role.ANALYST,
                    ADMIN,
                    Role.ADMIN);
    static final String VRI = "vri-zones";
    static final LocalDate TODAY = LocalDate.of(2018, 7, 7);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2018-07-07T14:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = ConsoleJson.newMapper();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static ZoneCatalog catalog;
    private static OpsConsole.Running console;
    private static HttpClient http;
    private static String base;
    private static String westernCell;

    @BeforeAll
    static void start() throws Exception {
        broker = KAFKA.broker();
        catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        for (String t :
                List.of(
                        "events",
                        "zone-stats",
                        "hotspots",
                        "incidents.raw",
                        "requests311.raw",
                        "tips.raw",
                        "rejected")) {
            broker.createTopic(t, 1, Map.of());
        }
        publishScenario(broker, catalog);
        publishRejection(broker);
        double[] w = inside(catalog, VRI, "Western");
        westernCell = new H3Binner().cellAddress(w[0], w[1]);
        console = startConsole("action-items");
        base = "http://127.0.0.1:" + console.port();
        http = HttpClient.newHttpClient();
        awaitLoaded(console);
    }

    static OpsConsole.Running startConsole(String actionItemsTopic) {
        return OpsConsole.builder()
                .bootstrapServers(broker.bootstrapServers())
                .port(0)
                .tokens(AccessTokens.of(TOKENS))
                .catalog(catalog)
                .config(ConsoleConfig.defaults().withWarmUpZones(false))
                .huddle(
                        HuddleSettings.defaults()
                                .withTopics("zone-stats", "hotspots", actionItemsTopic)
                                .withClock(CLOCK))
                .start();
    }

    static void awaitLoaded(OpsConsole.Running c) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> c.scorecards().readers().stream().allMatch(TopicProgress::caughtUp));
    }

    /** A point inside a zone of a layer (its interior point). */
    static double[] inside(ZoneCatalog catalog, String layer, String zone) {
        Zone z =
                catalog.layer(layer).orElseThrow().zones().stream()
                        .filter(x -> x.name().equals(zone))
                        .findFirst()
                        .orElseThrow();
        Point p = z.geometry().getInteriorPoint();
        return new double[] {p.getX(), p.getY()};
    }

    /**
     * The scenario every console test reads (deterministic, no wall clock):
     *
     * <ul>
     *   <li>Western: 2017 one shooting on every 7th day of January to 7 July (27), 2018 one
     *       shooting on every 14th day plus a homicide on 7 July (14 + 1); 311 lifecycle fields on
     *       6 and 7 July 2018.
     *   <li>Central: 3 shootings in 2018, 6 in 2017 (so the public sees "<5" against 6).
     *   <li>Brooklyn: no records at all (0).
     *   <li>A hot cell in Western in the 7-day window ending 7 July, not hot the day before.
     *   <li>311 requests SR-1 (opened, then closed) and SR-2 (open, with an address) in Western.
     * </ul>
     */
    static void publishScenario(EmbeddedKafkaBroker broker, ZoneCatalog catalog) throws Exception {
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                "scorecard-scenario-" + broker.dataDir().hashCode()),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.initTransactions();
            p.beginTransaction();
            for (LocalDate d = LocalDate.of(2017, 1, 1);
                    !d.isAfter(LocalDate.of(2017, 7, 7));
                    d = d.plusDays(1)) {
                send(
                        p,
                        "zone-stats",
                        day(VRI, "Western", d, 0, d.getDayOfYear() % 7 == 0 ? 1 : 0, 1, 2, 2, 1));
            }
            for (LocalDate d = LocalDate.of(2018, 1, 1); d.isBefore(TODAY); d = d.plusDays(1)) {
                ObjectNode n =
                        day(VRI, "Western", d, 0, d.getDayOfYear() % 14 == 0 ? 1 : 0, 0, 1, 1, 0);
                if (d.equals(TODAY.minusDays(1))) {
                    withLifecycle(n, 1, 10, 2, 2.5);
                }
                send(p, "zone-stats", n);
            }
            send(
                    p,
                    "zone-stats",
                    withLifecycle(day(VRI, "Western", TODAY, 1, 0, 2, 3, 1, 2), 2, 12, 3, null));
            for (int i = 0; i < 6; i++) {
                send(
                        p,
                        "zone-stats",
                        day(VRI, "Central", LocalDate.of(2017, 2, 1 + i), 0, 1, 0, 0, 0, 0));
            }
            for (int i = 0; i < 3; i++) {
                send(
                        p,
                        "zone-stats",
                        day(VRI, "Central", LocalDate.of(2018, 3, 1 + i), 0, 1, 0, 0, 0, 0));
            }
            double[] w = inside(catalog, VRI, "Western");
            p.send(
                    stamped(
                            "hotspots",
                            "7d/" + cellOf(w),
                            "2018-07-07T04:00:00Z",
                            hotCell(w, "2018-07-07T04:00:00Z", "NONE", "COOLED")));
            p.send(
                    stamped(
                            "hotspots",
                            "7d/" + cellOf(w),
                            "2018-07-08T04:00:00Z",
                            hotCell(w, "2018-07-08T04:00:00Z", "HOT", "TURNED_HOT")));
            p.send(
                    new ProducerRecord<>(
                            "hotspots",
                            "7d/summary",
                            "{\"type\":\"hotspot-window\",\"windowDays\":7}"));
            p.send(
                    stamped(
                            "events",
                            "e1",
                            "2018-07-01T14:00:00Z",
                            request311(catalog, "SR-1", "New", "2018-07-01T14:00:00Z", w, null)));
            p.send(
                    stamped(
                            "events",
                            "e2",
                            "2018-07-03T15:30:00Z",
                            request311(
                                    catalog, "SR-1", "Closed", "2018-07-03T15:30:00Z", w, null)));
            p.send(
                    stamped(
                            "events",
                            "e3",
                            "2018-07-05T09:00:00Z",
                            request311(
                                    catalog,
                                    "SR-2",
                                    "New",
                                    "2018-07-05T09:00:00Z",
                                    w,
                                    "1600 W NORTH AVE")));
            p.commitTransaction();
        }
    }

    /** One raw record and its rejection, for the pipeline metrics (no job runs here). */
    private static void publishRejection(EmbeddedKafkaBroker broker) throws Exception {
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.send(new ProducerRecord<>("incidents.raw", "x", "{}")).get();
            RejectedMessage rejection =
                    new RejectedMessage(
                            "incidents.raw",
                            0,
                            0,
                            Instant.parse("2018-07-07T12:00:00Z"),
                            "missing-location",
                            "field 'lat' is missing",
                            "{}");
            p.send(
                            new ProducerRecord<>(
                                    "rejected",
                                    rejection.key(),
                                    TopicCodec.encodeToString(rejection)))
                    .get();
        }
    }

    /** A record stamped with the event time it is about, as the job writes its outputs. */
    private static ProducerRecord<String, String> stamped(
            String topic, String key, String eventTime, String value) {
        return new ProducerRecord<>(
                topic, null, Instant.parse(eventTime).toEpochMilli(), key, value);
    }

    private static void send(KafkaProducer<String, String> p, String topic, ObjectNode n) {
        p.send(new ProducerRecord<>(topic, ZoneStatsRecords.key(n), n.toString()));
    }

    /** The resolution-9 H3 cell of a point, as the job bins events. */
    private static String cellOf(double[] at) {
        return new H3Binner().cellAddress(at[0], at[1]);
    }

    private static String hotCell(double[] at, String windowEnd, String status, String change) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "hotspot-cell")
                .put("windowDays", 7)
                .put("windowStart", Instant.parse(windowEnd).minus(Duration.ofDays(7)).toString())
                .put("windowEnd", windowEnd)
                .put("cell", cellOf(at))
                .put("lon", at[0])
                .put("lat", at[1])
                .put("homicides", 1)
                .put("shootings", 3)
                .put("otherIncidents", 0)
                .put("value", 4)
                .put("z", 3.1)
                .put("p", 0.001)
                .put("q", 0.01)
                .put("status", status)
                .put("category", "NEW_HOT_SPOT")
                .put("previousCategory", "NO_PATTERN")
                .put("change", change);
        return n.toString();
    }

    private static String request311(
            ZoneCatalog catalog,
            String id,
            String status,
            String at,
            double[] where,
            String address) {
        ObjectNode n = JSON.createObjectNode();
        n.put("eventId", "request311/baltimore-311/" + id + "/" + status + "@" + at)
                .put("stream", "request311")
                .put("kind", "REQUEST_311")
                .put("type", "SW-Dirty Alley")
                .put("status", status)
                .put("recordId", id)
                .put("source", "baltimore-311")
                .put("occurredAt", at)
                .put("lon", where[0])
                .put("lat", where[1])
                .put("address", address);
        ObjectNode zones = n.putObject("zones");
        catalog.tag(where[0], where[1]).forEach(zones::put);
        return n.toString();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    // --- Scorecard -----------------------------------------------------------------------------

    @Test
    void the_scorecard_gives_each_zone_its_counts_last_year_the_change_and_the_goal()
            throws Exception {
        HttpResponse<String> r =
                get(
                        "/api/scorecard?layer=vri-zones&from=2018-01-01&to=2018-07-07"
                                + "&compare=previous-year&kinds=homicides,shootings&goal=-15",
                        DISPATCHER);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("compareFrom").asText()).isEqualTo("2017-01-01");
        assertThat(body.path("zones")).hasSize(8);
        JsonNode western = zone(body, "Western");
        // 2018: days 14, 28, ..., 182 (13 shootings; 7 July is day 188) plus the homicide on 7
        // July.
        assertThat(western.path("counts").path("shootings").asLong()).isEqualTo(13);
        assertThat(western.path("counts").path("homicides").asLong()).isEqualTo(1);
        assertThat(western.path("previousTotal").asLong()).isEqualTo(26);
        assertThat(western.path("change").asLong()).isEqualTo(-12);
        assertThat(western.path("changePercent").asDouble()).isEqualTo(-46.2);
        assertThat(western.path("target").asDouble()).isEqualTo(22.1);
        assertThat(western.path("metGoal").asBoolean()).isTrue();
        assertThat(zone(body, "Brooklyn").path("total").asLong()).isZero();
        assertThat(zone(body, "Brooklyn").path("changePercent").isNull()).isTrue();
    }

    @Test
    void without_dates_the_scorecard_covers_the_year_to_the_latest_day() throws Exception {
        JsonNode body = json(get("/api/scorecard?layer=vri-zones", DISPATCHER));
        assertThat(body.path("from").asText()).isEqualTo("2018-01-01");
        assertThat(body.path("to").asText()).isEqualTo("2018-07-07");
        assertThat(body.path("compareFrom").isNull()).isTrue();
    }

    @Test
    void tip_counts_are_for_analysts_and_admins_only() throws Exception {
        assertThat(get("/api/scorecard?layer=vri-zones&kinds=tips", DISPATCHER).statusCode())
                .isEqualTo(403);
        HttpResponse<String> r =
                get(
                        "/api/scorecard?layer=vri-zones&kinds=tips&from=2018-07-07&to=2018-07-07",
                        ANALYST);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(zone(json(r), "Western").path("counts").path("tips").asLong()).isEqualTo(2);
        JsonNode dispatcherCard = card(json(get("/api/huddle", DISPATCHER)), "Western");
        assertThat(dispatcherCard.path("last24h").has("tips")).isFalse();
        assertThat(
                        card(json(get("/api/huddle", ANALYST)), "Western")
                                .path("last24h")
                                .path("tips")
                                .asLong())
                .isEqualTo(2);
    }

    @Test
    void the_public_scorecard_needs_no_token_and_shows_1_to_4_as_less_than_5() throws Exception {
        HttpResponse<String> r =
                get("/api/public/scorecard?quarter=2018-Q1&compare=previous-year", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("suppressedBelow").asInt()).isEqualTo(5);
        assertThat(body.path("period").asText()).isEqualTo("2018-Q1");
        JsonNode central = zone(body, "Central");
        assertThat(central.path("total").asText()).isEqualTo("<5");
        assertThat(central.path("counts").path("shootings").asText()).isEqualTo("<5");
        assertThat(central.path("previousTotal").asLong()).isEqualTo(6);
        assertThat(central.path("changePercent").isNull())
                .as("no change next to a suppressed count")
                .isTrue();
        JsonNode western = zone(body, "Western");
        assertThat(western.path("total").asLong()).isEqualTo(6);
        assertThat(western.path("counts").path("homicides").asLong()).isZero();
        assertThat(western.path("counts").path("shootings").asLong()).isEqualTo(6);
        assertThat(western.path("previousTotal").asLong()).isEqualTo(12);
        assertThat(western.path("changePercent").asDouble()).isEqualTo(-50.0);
        assertThat(zone(body, "Brooklyn").path("total").asLong()).as("0 is shown as 0").isZero();
        assertThat(r.body()).doesNotContain("address", "lat", "lon", "tips", "1600 W NORTH");
        assertThat(get("/api/public/scorecard?kinds=tips", null).statusCode()).isEqualTo(403);
        assertThat(json(get("/api/public/scorecard", null)).path("period").asText())
                .as("by default the latest complete quarter")
                .isEqualTo("2018-Q2");
    }

    @Test
    void differencing_public_answers_gives_no_withheld_count_away() throws Exception {
        // Western's one homicide of 7 July next to its shootings: the staff scorecard has it.
        assertThat(
                        json(get(
                                        "/api/scorecard?layer=vri-zones&from=2018-01-01&to=2018-07-07"
                                                + "&kinds=homicides",
                                        ADMIN))
                                .path("zones"))
                .anySatisfy(z -> assertThat(z.path("total").asLong()).isEqualTo(1));
        // Once, the public could ask the year to date with and without homicides, or with 'to'
        // a day apart, and subtract. Free ranges are not offered to the public any more.
        for (String attack :
                List.of(
                        "/api/public/scorecard?from=2018-01-01&to=2018-07-07",
                        "/api/public/scorecard?from=2018-01-01&to=2018-07-06&kinds=shootings",
                        "/api/public/scorecard?to=2018-07-07",
                        "/api/public/scorecard?quarter=2018-Q3")) {
            HttpResponse<String> r = get(attack, null);
            assertThat(r.statusCode()).as(attack).isEqualTo(400);
            assertThat(json(r).path("error").asText()).as(attack).containsAnyOf("quarter");
        }
        // Every answer the public can get for a quarter shows each figure of a cell the same way,
        // whichever kinds are asked and with or without the comparison.
        List<String> kinds =
                List.of(
                        "homicides",
                        "shootings",
                        "otherViolent",
                        "requestsOpened",
                        "requestsClosed");
        for (String quarter : List.of("2017-Q1", "2017-Q2", "2018-Q1", "2018-Q2")) {
            Map<String, JsonNode> first = new HashMap<>();
            int answers = 0;
            for (int mask = 1; mask < 1 << kinds.size(); mask++) {
                List<String> asked = new ArrayList<>();
                for (int k = 0; k < kinds.size(); k++) {
                    if ((mask & 1 << k) != 0) {
                        asked.add(kinds.get(k));
                    }
                }
                for (String compare : List.of("", "&compare=previous-year")) {
                    JsonNode body =
                            json(
                                    get(
                                            "/api/public/scorecard?quarter="
                                                    + quarter
                                                    + "&kinds="
                                                    + String.join(",", asked)
                                                    + compare,
                                            null));
                    answers++;
                    for (JsonNode z : body.path("zones")) {
                        String zone = z.path("zone").asText();
                        putSame(first, quarter + "/" + zone + "/total", z.path("total"));
                        for (String k : asked) {
                            putSame(
                                    first,
                                    quarter + "/" + zone + "/" + k,
                                    z.path("counts").path(k));
                        }
                    }
                }
            }
            assertThat(answers).isEqualTo(62);
        }
    }

    private static void putSame(Map<String, JsonNode> first, String figure, JsonNode value) {
        JsonNode earlier = first.putIfAbsent(figure, value);
        if (earlier != null) {
            assertThat(value).as(figure + " in two public answers").isEqualTo(earlier);
        }
    }

    // --- Bad parameters ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/scorecard?layer=vri-zones&from=2018-07-01&to=2018-06-01 | 400 | 'from' (2018-07-01) must not be after 'to'",
                "/api/scorecard?layer=no-such-layer | 404 | unknown layer 'no-such-layer'",
                "/api/scorecard?layer=Bad_Layer | 400 | query parameter 'layer' must be a layer id",
                "/api/scorecard | 400 | query parameter 'layer' is required",
                "/api/scorecard?layer=vri-zones&to=2018-13-01 | 400 | query parameter 'to' must be a date",
                "/api/scorecard?layer=vri-zones&from=yesterday | 400 | query parameter 'from' must be a date",
                "/api/scorecard?layer=vri-zones&kinds=burglaries | 400 | unknown kind 'burglaries'",
                "/api/scorecard?layer=vri-zones&kinds=shootings,shootings | 400 | names 'shootings' twice",
                "/api/scorecard?layer=vri-zones&compare=last-week | 400 | query parameter 'compare' must be previous-year or none",
                "/api/scorecard?layer=vri-zones&compare=previous-year&goal=much | 400 | query parameter 'goal' must be a percentage",
                "/api/scorecard?layer=vri-zones&from=2010-01-01&to=2018-01-01 | 400 | may span at most",
                "/api/public/scorecard?from=2018-07-01&to=2018-06-01 | 400 | per complete calendar quarter",
                "/api/public/scorecard?kinds=, | 400 | query parameter 'kinds' has an empty entry",
                "/api/scorecard?layer=vri-zones&kinds=, | 400 | query parameter 'kinds' has an empty entry",
                "/api/public/scorecard?quarter=2018-07 | 400 | query parameter 'quarter' must be a calendar quarter",
                "/api/huddle?date=07/07/2018 | 400 | query parameter 'date' must be a date",
                "/api/report?zone=Western&week=2018-27 | 400 | query parameter 'week' must be an ISO week",
                "/api/report?zone=Western&week=2018-W60 | 400 | 2018 has weeks 1 to 52",
                "/api/report?zone=Atlantis | 404 | unknown zone 'Atlantis'",
                "/api/report | 400 | query parameter 'zone' is required",
                "/api/action-items?status=done | 400 | query parameter 'status' must be open or closed",
            })
    void a_bad_parameter_gets_a_4xx_with_a_json_message_naming_it(
            String path, int status, String message) throws Exception {
        HttpResponse<String> r = get(path, ADMIN);

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(r).path("error").asText()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"zone\":\"Western\",\"what\":\"x\",\"agency\":\"DPW\",\"dueDate\":\"2018-07-10\"} | 400 | field 'layer' is required",
                "{\"layer\":\"vri-zones\",\"zone\":\"Atlantis\",\"what\":\"x\",\"agency\":\"DPW\",\"dueDate\":\"2018-07-10\"} | 404 | unknown zone 'Atlantis'",
                "{\"layer\":\"vri-zones\",\"zone\":\"Western\",\"what\":\"  \",\"agency\":\"DPW\",\"dueDate\":\"2018-07-10\"} | 400 | field 'what' must be a non-empty string",
                "{\"layer\":\"vri-zones\",\"zone\":\"Western\",\"what\":\"x\",\"agency\":\"DPW\",\"dueDate\":\"soon\"} | 400 | field 'dueDate' must be a date",
                "[1,2] | 400 | must be a JSON object",
                "{not json | 400 | not valid JSON",
            })
    void a_bad_action_item_gets_a_4xx_naming_the_field(String body, int status, String message)
            throws Exception {
        HttpResponse<String> r = post("/api/action-items", ANALYST, body);
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(json(r).path("error").asText()).contains(message);
    }

    // --- Huddle and report ---------------------------------------------------------------------

    @Test
    void the_huddle_card_shows_the_day_the_week_the_year_311_work_hot_cells_and_what_changed()
            throws Exception {
        JsonNode body = json(get("/api/huddle", DISPATCHER));
        JsonNode huddle = body.path("huddle");
        assertThat(huddle.path("date").asText())
                .as("defaults to the latest day in the data")
                .isEqualTo("2018-07-07");
        assertThat(huddle.path("zones")).hasSize(8);
        JsonNode w = card(body, "Western");

        assertThat(w.path("last24h").path("homicides").asLong()).isEqualTo(1);
        assertThat(w.path("last24h").path("otherViolent").asLong()).isEqualTo(2);
        // 7 days to 7 July: day 182 (1 July) had a shooting.
        assertThat(w.path("last7d").path("shootings").asLong()).isEqualTo(1);
        assertThat(w.path("ytd").path("total").asLong()).isEqualTo(14);
        assertThat(w.path("ytd").path("previousTotal").asLong()).isEqualTo(26);
        assertThat(w.path("open311").asLong()).isEqualTo(12);
        assertThat(w.path("overdue311").asLong()).isEqualTo(3);
        JsonNode cell = w.path("hotCells").get(0);
        assertThat(w.path("hotCells")).hasSize(1);
        assertThat(cell.path("cell").asText()).isEqualTo(westernCell);
        double[] centre = inside(catalog, VRI, "Western");
        String neighborhood =
                catalog.locator("neighborhoods").orElseThrow().zoneName(centre[0], centre[1]);
        assertThat(cell.path("place").asText())
                .as("named by the finest layer, the neighborhoods")
                .isEqualTo(neighborhood);
        assertThat(cell.path("placeLayer").asText()).isEqualTo("neighborhoods");
        assertThat(cell.path("boundary")).hasSize(6);
        assertThat(w.path("changes"))
                .extracting(JsonNode::asText)
                .contains(
                        "1 homicide, 2 other violent incidents (the day before: 0)",
                        "open 311 requests +2 (now 12)",
                        "overdue 311 requests +1 (now 3)",
                        "a cell in " + neighborhood + " turned hot");
        JsonNode brooklyn = card(body, "Brooklyn");
        assertThat(brooklyn.path("changes"))
                .extracting(JsonNode::asText)
                .containsExactly("no change since yesterday");
        assertThat(brooklyn.path("overdue311").isNull()).isTrue();
    }

    @Test
    void
            the_huddle_of_an_earlier_day_counts_open_311_work_from_the_requests_when_the_scorecard_lacks_it()
                    throws Exception {
        JsonNode w = card(json(get("/api/huddle?date=2018-07-02", DISPATCHER)), "Western");
        // SR-1 was opened on 1 July and closed on 3 July: open at the end of 2 July.
        assertThat(w.path("open311").asLong()).isEqualTo(1);
        assertThat(w.path("hotCells")).isEmpty();
    }

    @Test
    void the_config_names_the_city_time_zone_focus_layer_goal_and_bounds_of_the_layers()
            throws Exception {
        JsonNode city = json(get("/api/config", DISPATCHER)).path("city");
        assertThat(city.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(city.path("focusLayer").asText()).isEqualTo(VRI);
        assertThat(city.path("goalPercent").asDouble()).isEqualTo(-15.0);
        Envelope all = new Envelope();
        catalog.layers().forEach(l -> all.expandToInclude(l.extent()));
        assertThat(city.path("bounds"))
                .extracting(JsonNode::asDouble)
                .containsExactly(
                        Math.floor(all.getMinX() * 1e6) / 1e6,
                        Math.floor(all.getMinY() * 1e6) / 1e6,
                        Math.ceil(all.getMaxX() * 1e6) / 1e6,
                        Math.ceil(all.getMaxY() * 1e6) / 1e6);
    }

    @Test
    void a_replay_without_a_range_is_the_latest_complete_week_of_the_data() throws Exception {
        // The latest day in zone-stats is Saturday 7 July 2018: the latest complete week is
        // 2018-W26, Monday 25 June to Sunday 1 July, in Baltimore time.
        JsonNode range = json(get("/api/replay", DISPATCHER));
        assertThat(range.path("from").asText()).isEqualTo("2018-06-25T04:00:00Z");
        assertThat(range.path("to").asText()).isEqualTo("2018-07-02T04:00:00Z");
    }

    @Test
    void the_weekly_report_compares_the_week_with_last_year_and_charts_52_weeks() throws Exception {
        HttpResponse<String> r =
                get("/api/report?layer=vri-zones&zone=Western&week=2018-W27", DISPATCHER);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.path("from").asText()).isEqualTo("2018-07-02");
        assertThat(report.path("to").asText()).isEqualTo("2018-07-08");
        assertThat(report.path("counts").path("homicides").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("requestsOverdue").asLong())
                .as("6 and 7 July")
                .isEqualTo(3);
        assertThat(report.path("lastYear").path("requestsOverdue").isNull()).isTrue();
        // 52 weeks earlier is 3 to 9 July 2017, after the last 2017 record (7 July).
        assertThat(report.path("gunViolence").path("previousTotal").asLong()).isZero();
        // Opened 1 a day from 2 to 6 July and 3 on 7 July (8); closed 1 a day (6).
        assertThat(report.path("closureRatePercent").asDouble()).isEqualTo(75.0);
        assertThat(report.path("trend")).hasSize(52);
        assertThat(report.path("trend").get(51).path("week").asText()).isEqualTo("2018-W27");
        long trendTotal = 0;
        for (JsonNode p : report.path("trend")) {
            trendTotal += p.path("gunViolence").asLong();
        }
        // The 52 weeks start on 10 July 2017, after the 2017 records: only 2018's 14 count.
        assertThat(trendTotal).isEqualTo(14);
    }

    // --- Action items --------------------------------------------------------------------------

    @Test
    void action_items_are_created_assigned_and_closed_and_survive_a_console_restart()
            throws Exception {
        String topic = "action-items-restart";
        OpsConsole.Running first = startConsole(topic);
        String id;
        String closedId;
        try {
            String url = "http://127.0.0.1:" + first.port();
            JsonNode created =
                    JSON.readTree(
                            postTo(
                                            url,
                                            "/api/action-items",
                                            ANALYST,
                                            "{\"layer\":\"vri-zones\",\"zone\":\"Western\",\"what\":\"Fix the lights on Pennsylvania Ave\","
                                                    + "\"agency\":\"DOT\",\"dueDate\":\"2018-07-10\"}")
                                    .body());
            id = created.path("id").asText();
            assertThat(created.path("status").asText()).isEqualTo("open");
            assertThat(created.path("createdAt").asText()).isEqualTo("2018-07-07T14:00:00Z");
            assertThat(
                            postTo(
                                            url,
                                            "/api/action-items/" + id + "/assign",
                                            ADMIN,
                                            "{\"agency\":\"BGE\",\"assignee\":\"Crew 4\"}")
                                    .statusCode())
                    .isEqualTo(200);
            JsonNode other =
                    JSON.readTree(
                            postTo(
                                            url,
                                            "/api/action-items",
                                            ADMIN,
                                            "{\"layer\":\"vri-zones\",\"zone\":\"Central\",\"what\":\"Board up 12 vacants\","
                                                    + "\"agency\":\"DHCD\",\"dueDate\":\"2018-07-01\"}")
                                    .body());
            closedId = other.path("id").asText();
            assertThat(
                            postTo(
                                            url,
                                            "/api/action-items/" + closedId + "/close",
                                            ANALYST,
                                            "{\"note\":\"done\"}")
                                    .statusCode())
                    .isEqualTo(200);
            assertThat(
                            postTo(url, "/api/action-items/" + id + "/close", DISPATCHER, "{}")
                                    .statusCode())
                    .as("dispatchers read action items but do not change them")
                    .isEqualTo(403);
            assertThat(
                            postTo(url, "/api/action-items/AI-missing/close", ANALYST, "{}")
                                    .statusCode())
                    .isEqualTo(404);
        } finally {
            first.close();
        }

        OpsConsole.Running second = startConsole(topic);
        try {
            awaitLoaded(second);
            String url = "http://127.0.0.1:" + second.port();
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/action-items"))
                                    .header("Authorization", "Bearer " + DISPATCHER)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode items = JSON.readTree(r.body());
            assertThat(items).hasSize(2);
            JsonNode kept = find(items, id);
            assertThat(kept.path("agency").asText()).isEqualTo("BGE");
            assertThat(kept.path("assignee").asText()).isEqualTo("Crew 4");
            assertThat(kept.path("status").asText()).isEqualTo("open");
            assertThat(find(items, closedId).path("status").asText()).isEqualTo("closed");
            assertThat(find(items, closedId).path("note").asText()).isEqualTo("done");
        } finally {
            second.close();
        }
    }

    @Test
    void an_open_action_item_appears_on_its_zone_card_and_in_the_weekly_report() throws Exception {
        JsonNode created =
                json(
                        post(
                                "/api/action-items",
                                ADMIN,
                                "{\"layer\":\"vri-zones\",\"zone\":\"Eastern1\",\"what\":\"Clean the alley behind 2100 E Monument\","
                                        + "\"agency\":\"DPW\",\"dueDate\":\"2018-07-05\"}"));
        JsonNode card = card(json(get("/api/huddle", DISPATCHER)), "Eastern1");
        assertThat(card.path("actionItems")).hasSize(1);
        assertThat(card.path("actionItems").get(0).path("overdue").asBoolean()).isTrue();
        assertThat(card.path("changes"))
                .extracting(JsonNode::asText)
                .contains("new action item: Clean the alley behind 2100 E Monument (DPW)");
        JsonNode report = json(get("/api/report?zone=Eastern1&week=2018-W27", DISPATCHER));
        assertThat(report.path("actionItems"))
                .extracting(i -> i.path("id").asText())
                .containsExactly(created.path("id").asText());
    }

    // --- Open311 -------------------------------------------------------------------------------

    @Test
    void open311_gives_a_request_status_and_dates_to_anyone_and_the_address_to_staff()
            throws Exception {
        HttpResponse<String> anonymous = get("/open311/v2/requests/SR-1.json", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        JsonNode sr1 = json(anonymous).get(0);
        assertThat(sr1.path("service_request_id").asText()).isEqualTo("SR-1");
        assertThat(sr1.path("status").asText()).isEqualTo("closed");
        assertThat(sr1.path("service_name").asText()).isEqualTo("SW-Dirty Alley");
        assertThat(sr1.path("requested_datetime").asText()).isEqualTo("2018-07-01T10:00:00-04:00");
        assertThat(sr1.path("updated_datetime").asText()).isEqualTo("2018-07-03T11:30:00-04:00");
        assertThat(sr1.path("expected_datetime").isTextual()).isTrue();
        assertThat(sr1.path("lat").isNull()).isTrue();

        JsonNode sr2Public = json(get("/open311/v2/requests/SR-2.json", null)).get(0);
        assertThat(sr2Public.path("status").asText()).isEqualTo("open");
        assertThat(sr2Public.path("address").isNull()).isTrue();
        JsonNode sr2Analyst = json(get("/open311/v2/requests/SR-2.json", ANALYST)).get(0);
        assertThat(sr2Analyst.path("address").asText()).isEqualTo("1600 W NORTH AVE");
        assertThat(
                        json(get("/open311/v2/requests/SR-1.json", ANALYST))
                                .get(0)
                                .path("address")
                                .isNull())
                .as("no address when the record has none")
                .isTrue();

        JsonNode open = json(get("/open311/v2/requests.json?status=open", null));
        assertThat(open)
                .extracting(n -> n.path("service_request_id").asText())
                .containsExactly("SR-2");
        JsonNode byIds =
                json(
                        get(
                                "/open311/v2/requests.json?service_request_id=SR-1,SR-2"
                                        + "&start_date=2018-07-01T00:00:00-04:00&end_date=2018-07-31T00:00:00-04:00",
                                null));
        assertThat(byIds)
                .extracting(n -> n.path("service_request_id").asText())
                .containsExactly("SR-2", "SR-1");
    }

    // --- Metrics and OpenAPI -------------------------------------------------------------------

    @Test
    void metrics_are_prometheus_text_with_events_clients_and_lag() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                get("/metrics", PUBLIC)
                                        .body()
                                        .contains(
                                                "zonestat_events_rejected_total{reason=\"missing-location\"} 1.0"));
        HttpResponse<String> r = get("/metrics", PUBLIC);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/plain; version=0.0.4");
        String text = r.body();
        assertThat(text)
                .contains(
                        "# TYPE zonestat_events_in_total counter",
                        "zonestat_events_in_total{topic=\"incidents.raw\"} 1.0",
                        "zonestat_job_lag_records{topic=\"incidents.raw\"} 1.0",
                        "zonestat_events_accepted_total 0.0",
                        "# TYPE zonestat_events_out_total counter",
                        "# TYPE zonestat_events_accepted_total counter",
                        "# TYPE zonestat_events_rejected_total counter",
                        "# TYPE zonestat_websocket_clients gauge",
                        "zonestat_websocket_clients 0.0",
                        "zonestat_console_events_seen_total ",
                        "zonestat_console_duplicates_dropped_total ",
                        "zonestat_console_consumer_lag_records{topic=\"zone-stats\"} 0.0",
                        "zonestat_scorecard_zone_days 385.0",
                        "zonestat_action_items{status=\"open\"} ",
                        "zonestat_action_items{status=\"closed\"} ");
        for (String line : text.strip().split("\n")) {
            assertThat(line)
                    .matches(
                            "# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\\{[a-z]+=\"[^\"]*\"\\})? -?\\d+\\.\\d+(E\\d+)?");
        }
    }

    @Test
    void every_route_the_app_registers_is_in_the_openapi_file_and_the_file_lists_no_other()
            throws Exception {
        HttpResponse<String> r = get("/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode spec = json(r);
        Set<String> documented = new TreeSet<>();
        spec.path("paths")
                .fields()
                .forEachRemaining(
                        e ->
                                e.getValue()
                                        .fieldNames()
                                        .forEachRemaining(
                                                m ->
                                                        documented.add(
                                                                m.toUpperCase()
                                                                        + " "
                                                                        + e.getKey())));

        Set<String> registered = console.routes();

        assertThat(registered)
                .contains(
                        "GET /api/health",
                        "GET /api/zones",
                        "GET /ws/live",
                        "GET /api/replay",
                        "GET /api/site-visits",
                        "POST /api/zones/{layerId}",
                        "GET /api/scorecard",
                        "POST /api/action-items",
                        "GET /open311/v2/requests.json",
                        "GET /metrics");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }

    // --- Access --------------------------------------------------------------------------------

    /**
     * Every endpoint for no token, a wrong token and each role. Columns: method and path, then the
     * status for missing, wrong, public, dispatcher, analyst, admin.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET /api/health                                 | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /api/layers                                 | 401 | 401 | 200 | 200 | 200 | 200",
                "GET /api/zones?layer=vri-zones                  | 401 | 401 | 200 | 200 | 200 | 200",
                "GET /api/pipeline                               | 401 | 401 | 200 | 200 | 200 | 200",
                "GET /api/config                                 | 401 | 401 | 200 | 200 | 200 | 200",
                "GET /api/scorecard?layer=vri-zones              | 401 | 401 | 403 | 200 | 200 | 200",
                "GET /api/scorecard?layer=vri-zones&kinds=tips   | 401 | 401 | 403 | 403 | 200 | 200",
                "GET /api/public/scorecard                       | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /api/public/layers                          | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /api/huddle                                 | 401 | 401 | 403 | 200 | 200 | 200",
                "GET /api/report?zone=Western                    | 401 | 401 | 403 | 200 | 200 | 200",
                "GET /api/action-items                           | 401 | 401 | 403 | 200 | 200 | 200",
                "POST /api/action-items                          | 401 | 401 | 403 | 403 | 400 | 400",
                "POST /api/action-items/AI-x/assign              | 401 | 401 | 403 | 403 | 400 | 400",
                "POST /api/action-items/AI-x/close               | 401 | 401 | 403 | 403 | 404 | 404",
                "GET /open311/v2/requests.json                   | 200 | 401 | 200 | 200 | 200 | 200",
                "GET /open311/v2/requests/SR-1.json              | 200 | 401 | 200 | 200 | 200 | 200",
                "GET /open311/v2/requests.xml                    | 200 | 401 | 200 | 200 | 200 | 200",
                "GET /open311/v2/services.json                   | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /open311/discovery.xml                      | 200 | 200 | 200 | 200 | 200 | 200",
                "POST /open311/v2/requests.json                  | 403 | 403 | 403 | 403 | 403 | 403",
                "GET /api/tips                                   | 401 | 401 | 403 | 403 | 200 | 200",
                "POST /api/tips/0000-0000/review                 | 401 | 401 | 403 | 403 | 404 | 404",
                "POST /api/tips/status                           | 400 | 400 | 400 | 400 | 400 | 400",
                "GET /tip                                        | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /tip/status                                 | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /tips                                       | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /metrics                                    | 401 | 401 | 200 | 200 | 200 | 200",
                "GET /openapi.json                               | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /huddle                                     | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /report                                     | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /public                                     | 200 | 200 | 200 | 200 | 200 | 200",
                "GET /api/history/loads                          | 401 | 401 | 403 | 200 | 200 | 200",
                "GET /history                                    | 200 | 200 | 200 | 200 | 200 | 200",
            })
    void each_role_gets_what_it_may_and_a_missing_or_wrong_token_gets_401_and_no_data(
            String endpoint,
            int missing,
            int wrong,
            int pub,
            int dispatcher,
            int analyst,
            int admin)
            throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).strip();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put(null, missing);
        expected.put(WRONG, wrong);
        expected.put(PUBLIC, pub);
        expected.put(DISPATCHER, dispatcher);
        expected.put(ANALYST, analyst);
        expected.put(ADMIN, admin);
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            HttpResponse<String> r =
                    method.equals("GET") ? get(path, e.getKey()) : post(path, e.getKey(), "{}");
            if (r.statusCode() != e.getValue()) {
                mismatches.add(
                        (e.getKey() == null
                                        ? "no token"
                                        : TOKENS.getOrDefault(e.getKey(), null) == null
                                                ? "wrong token"
                                                : TOKENS.get(e.getKey()).id())
                                + ": "
                                + r.statusCode()
                                + " "
                                + r.body());
            }
            if (r.statusCode() == 401 && path.startsWith("/open311/")) {
                // GeoReport's error array, in the path's format
                assertThat(r.body()).containsAnyOf("\"code\":401", "<code>401</code>");
            } else if (r.statusCode() == 401) {
                assertThat(JSON.readTree(r.body()).fieldNames())
                        .toIterable()
                        .containsExactly("error");
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'', 401",
        "wrong-token-0001, 401",
        "public-token-0001, 403",
        "dispatcher-token-0001, 101",
        "analyst-token-0001, 101",
        "admin-token-0001, 101"
    })
    void the_live_websocket_checks_the_token_of_each_role(String token, int status)
            throws Exception {
        int answered;
        try {
            WebSocket ws = openLive(token, new WebSocket.Listener() {});
            answered = 101;
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            answered = ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
        assertThat(answered).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"none", "public", "dispatcher", "analyst", "admin"})
    void exact_locations_follow_one_rule_on_live_replay_and_open311_for_each_role(String role)
            throws Exception {
        String token =
                switch (role) {
                    case "public" -> PUBLIC;
                    case "dispatcher" -> DISPATCHER;
                    case "analyst" -> ANALYST;
                    case "admin" -> ADMIN;
                    default -> null;
                };
        boolean staff = token != null && !role.equals("public");
        String address = "1600 W NORTH AVE";

        JsonNode sr2 = json(get("/open311/v2/requests/SR-2.json", token)).get(0);
        assertThat(sr2.path("address").asText(null))
                .as("Open311 address for " + role)
                .isEqualTo(staff ? address : null);
        assertThat(sr2.path("lat").isNumber()).as("Open311 position for " + role).isEqualTo(staff);

        HttpResponse<String> replay = get("/api/replay?from=2018-07-01&to=2018-07-08", token);
        assertThat(replay.statusCode()).isEqualTo(staff ? 200 : token == null ? 401 : 403);
        if (staff) {
            assertThat(json(replay).path("events"))
                    .as("replay addresses for " + role)
                    .anySatisfy(e -> assertThat(e.path("address").asText()).isEqualTo(address));
        }

        if (token == null) {
            return;
        }
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        int answered;
        try {
            WebSocket ws =
                    openLive(
                            token,
                            new WebSocket.Listener() {
                                private final StringBuilder text = new StringBuilder();

                                @Override
                                public java.util.concurrent.CompletionStage<?> onText(
                                        WebSocket w, CharSequence data, boolean last) {
                                    text.append(data);
                                    if (last) {
                                        received.add(text.toString());
                                        text.setLength(0);
                                    }
                                    w.request(1);
                                    return null;
                                }
                            });
            answered = 101;
            ws.sendText("{\"type\":\"subscribe\"}", true).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
            ws.abort();
        } catch (ExecutionException e) {
            answered = ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
        assertThat(answered).isEqualTo(staff ? 101 : 403);
        if (staff) {
            assertThat(JSON.readTree(received.get(0)).path("events"))
                    .as("live addresses for " + role)
                    .anySatisfy(e -> assertThat(e.path("address").asText()).isEqualTo(address));
        }
    }

    // --- Helpers -------------------------------------------------------------------------------

    /** Opens {@code /ws/live} with {@code ?token=}; the handshake's refusal comes as its cause. */
    private static WebSocket openLive(String token, WebSocket.Listener listener) throws Exception {
        return http.newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + console.port() + "/ws/live?token=" + token),
                        listener)
                .get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> postTo(String url, String path, String token, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode zone(JsonNode scorecard, String name) {
        for (JsonNode z : scorecard.path("zones")) {
            if (z.path("zone").asText().equals(name)) {
                return z;
            }
        }
        throw new AssertionError("no zone " + name + " in " + scorecard);
    }

    static JsonNode card(JsonNode huddleBody, String name) {
        return zone(huddleBody.path("huddle"), name);
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode i : items) {
            if (i.path("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no item " + id + " in " + items);
    }
}
