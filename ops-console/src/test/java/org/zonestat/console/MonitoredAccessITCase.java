package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.field.UnitTokens;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.AlertMessage;
import org.zonestat.topics.FixMessage;
import org.zonestat.topics.NearbyUnit;
import org.zonestat.topics.OutputMessage;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.TransitionMessage;

/**
 * Who sees moving devices, end to end: a real KRaft broker feeding {@code transitions} and {@code
 * alerts}, the {@link OpsConsole} with its audit trail, real WebSocket and HTTP clients. A
 * dispatcher sees units but never a monitored device or its crime-scene alert, whatever it asks
 * for; an analyst sees them when it asks, and each read is on the audit trail, which admins (only)
 * read. A handheld sees its own unit and what is in its zones or near it, nothing else.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MonitoredAccessITCase {
    private static final String ADMIN = "admin-token-for-tests";
    private static final String ANALYST = "analyst-token-for-tests";
    private static final String DISPATCHER = "dispatcher-token-for-tests";
    private static final String CAR_1 = "handheld-of-car-1-for-tests";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static final ObjectMapper JSON = ConsoleJson.newMapper();
    private static final double[] EASTERN1 = {-76.5982, 39.3135};
    private static final double[] ELSEWHERE = {-76.6346, 39.2991};
    private static final Instant T = Instant.parse("2024-05-06T14:00:00Z");

    private static final ZoneCatalog BALTIMORE =
            ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static KafkaProducer<byte[], byte[]> producer;

    private OpsConsole.Running console;
    private String transitions;
    private String alerts;

    @BeforeAll
    static void startProducer() {
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    @AfterEach
    void stopConsole() {
        if (console != null) {
            console.close();
        }
    }

    /** A console on fresh topics, with an audit topic unless {@code audited} is false. */
    private void startConsole(boolean audited) {
        int n = TOPICS.incrementAndGet();
        transitions = "transitions-mon-" + n;
        alerts = "alerts-mon-" + n;
        String audit = "audit-mon-" + n;
        for (String t : List.of("events-mon-" + n, alerts, transitions, audit)) {
            KAFKA.broker().createTopic(t, 1, Map.of());
        }
        console =
                OpsConsole.builder()
                        .bootstrapServers(KAFKA.bootstrapServers())
                        .eventsTopic("events-mon-" + n)
                        .analyticsTopics(alerts, null)
                        .positionTopics(transitions, audited ? audit : null)
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(
                                                ADMIN,
                                                Role.ADMIN,
                                                ANALYST,
                                                Role.ANALYST,
                                                DISPATCHER,
                                                Role.DISPATCHER)))
                        .unitTokens(UnitTokens.of(Map.of(CAR_1, "car-1")))
                        .catalog(BALTIMORE)
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .build()
                        .start();
        await().atMost(WAIT).until(() -> console.feedHealth().state() == FeedHealth.State.LIVE);
    }

    /** Two units, a monitored device near a shooting, its restricted alert and a far alert. */
    private void publishTheScene() throws Exception {
        send(transitions, fix("car-1", "unit", "available", EASTERN1, T));
        send(transitions, fix("car-2", "unit", "busy", ELSEWHERE, T));
        send(transitions, fix("m-1", "monitored", null, EASTERN1, T.plusSeconds(5)));
        send(transitions, enter("car-1", "unit", T));
        send(transitions, enter("m-1", "monitored", T.plusSeconds(5)));
        send(alerts, violence("s1", EASTERN1));
        send(alerts, violence("far", ELSEWHERE));
        send(
                alerts,
                new AlertMessage(
                        "monitored-near-scene/incident/t/s1/m-1",
                        AlertMessage.MONITORED_NEAR_SCENE,
                        T,
                        "incident/t/s1",
                        "m-1",
                        "SHOOTING",
                        EASTERN1[0],
                        EASTERN1[1],
                        Map.of("vri-zones", "Eastern1"),
                        null,
                        35.0,
                        true,
                        null,
                        true,
                        T.minusSeconds(300)));
        await().atMost(WAIT).until(() -> console.hub().lastSeq() >= 8);
    }

    @Test
    void
            a_dispatcher_never_receives_a_monitored_device_or_its_alert_while_an_analyst_does_and_is_audited()
                    throws Exception {
        startConsole(true);
        publishTheScene();
        String everything =
                "{\"type\":\"subscribe\",\"messages\":[\"event\",\"alert\",\"unit\",\"transition\",\"monitored\"]}";
        try (LiveClient dispatcher = LiveClient.connect(console.port(), DISPATCHER);
                LiveClient analyst = LiveClient.connect(console.port(), ANALYST)) {
            dispatcher.send(everything);
            analyst.send(everything);
            await().atMost(WAIT)
                    .until(
                            () ->
                                    !dispatcher.messages(LiveMessage.Snapshot.class).isEmpty()
                                            && !analyst.messages(LiveMessage.Snapshot.class)
                                                    .isEmpty());
            // One more fix of each after the snapshots: live messages obey the same rules.
            send(transitions, fix("m-1", "monitored", null, EASTERN1, T.plusSeconds(15)));
            send(transitions, fix("car-1", "unit", "available", EASTERN1, T.plusSeconds(15)));
            await().atMost(WAIT).until(() -> analyst.messages(LiveMessage.Unit.class).size() == 1);
            await().atMost(WAIT)
                    .until(() -> dispatcher.messages(LiveMessage.Unit.class).size() == 1);

            LiveMessage.Snapshot seen = dispatcher.messages(LiveMessage.Snapshot.class).get(0);
            assertThat(seen.units())
                    .extracting(LiveUnit::deviceId)
                    .containsExactly("car-1", "car-2");
            assertThat(seen.transitions())
                    .extracting(LiveTransition::deviceId)
                    .containsExactly("car-1");
            assertThat(seen.alerts())
                    .extracting(LiveAlert::alertId)
                    .containsExactly("violence/incident/t/s1", "violence/incident/t/far");
            assertThat(seen.alerts().get(0).units())
                    .extracting(NearbyUnit::deviceId)
                    .containsExactly("car-1");
            assertThat(dispatcher.messages(LiveMessage.Monitored.class)).isEmpty();
            assertThat(dispatcher.messages()).noneMatch(m -> m.toString().contains("m-1"));

            LiveMessage.Snapshot analysed = analyst.messages(LiveMessage.Snapshot.class).get(0);
            assertThat(analysed.units())
                    .extracting(LiveUnit::deviceId)
                    .containsExactly("car-1", "car-2", "m-1");
            assertThat(analysed.transitions())
                    .extracting(LiveTransition::deviceId)
                    .containsExactly("car-1", "m-1");
            assertThat(analysed.alerts())
                    .extracting(LiveAlert::alertId)
                    .contains("monitored-near-scene/incident/t/s1/m-1");
            assertThat(analyst.messages(LiveMessage.Monitored.class))
                    .singleElement()
                    .satisfies(m -> assertThat(m.unit().deviceId()).isEqualTo("m-1"));
        }

        // The analyst's reads are on the audit trail: the track once per connection, the alert.
        String actor = "analyst:" + fingerprint(ANALYST);
        await().atMost(WAIT).until(() -> audit(ADMIN).size() >= 2);
        List<String> trail = new ArrayList<>();
        audit(ADMIN)
                .forEach(
                        r ->
                                trail.add(
                                        r.get("actor").asText()
                                                + " "
                                                + r.get("action").asText()
                                                + " "
                                                + r.get("subject").asText()
                                                + " "
                                                + r.get("detail").asText()));
        assertThat(trail)
                .containsExactlyInAnyOrder(
                        actor + " live-track m-1 /ws/live",
                        actor + " alert-read monitored-near-scene/incident/t/s1/m-1 /ws/live");

        // REST: only analysts read a monitored track, and that read is audited too.
        assertThat(get("/api/tracks/m-1", DISPATCHER).statusCode()).isEqualTo(403);
        assertThat(get("/api/tracks/car-1", DISPATCHER).statusCode()).isEqualTo(200);
        HttpResponse<String> track = get("/api/tracks/m-1", ANALYST);
        assertThat(track.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(track.body()).get("fixes")).hasSize(2);
        await().atMost(WAIT).until(() -> audit(ADMIN).size() == 3);
        assertThat(audit(ADMIN).get(0).get("action").asText()).isEqualTo("track-read");
        assertThat(get("/api/tracks/nobody", ANALYST).statusCode()).isEqualTo(404);
        JsonNode units = JSON.readTree(get("/api/units", DISPATCHER).body()).get("units");
        assertThat(units.findValuesAsText("deviceId")).containsExactly("car-2", "car-1");

        // Only admins read the trail.
        assertThat(get("/api/audit", ANALYST).statusCode()).isEqualTo(403);
        assertThat(get("/api/audit", DISPATCHER).statusCode()).isEqualTo(403);
        assertThat(get("/audit", null).statusCode()).isEqualTo(200);
    }

    @Test
    void without_an_audit_trail_nobody_receives_a_monitored_device() throws Exception {
        startConsole(false);
        publishTheScene();
        try (LiveClient analyst = LiveClient.connect(console.port(), ANALYST)) {
            analyst.send(
                    "{\"type\":\"subscribe\",\"messages\":[\"alert\",\"unit\",\"transition\",\"monitored\"]}");
            await().atMost(WAIT)
                    .until(() -> !analyst.messages(LiveMessage.Snapshot.class).isEmpty());
            LiveMessage.Snapshot s = analyst.messages(LiveMessage.Snapshot.class).get(0);
            assertThat(s.units()).extracting(LiveUnit::deviceId).containsExactly("car-1", "car-2");
            assertThat(s.alerts()).noneMatch(LiveAlert::restricted);
        }
        assertThat(get("/api/tracks/m-1", ANALYST).statusCode()).isEqualTo(403);
    }

    @Test
    void a_handheld_receives_its_own_unit_and_what_is_in_its_zone_or_near_it_and_nothing_else()
            throws Exception {
        startConsole(true);
        publishTheScene();
        HttpResponse<String> view = get("/api/field", CAR_1);
        assertThat(view.statusCode()).isEqualTo(200);
        JsonNode v = JSON.readTree(view.body());
        assertThat(v.get("unit").asText()).isEqualTo("car-1");
        assertThat(v.get("assignment").get(0).get("zone").asText()).isEqualTo("Eastern1");
        assertThat(v.get("zones").get("features")).hasSize(1);
        assertThat(v.get("visits").get(0).get("zone").asText()).isEqualTo("Eastern1");
        assertThat(v.get("position").get("deviceId").asText()).isEqualTo("car-1");

        try (LiveClient handheld = LiveClient.connect(console.port(), "/ws/field", CAR_1)) {
            await().atMost(WAIT)
                    .until(() -> !handheld.messages(LiveMessage.Snapshot.class).isEmpty());
            LiveMessage.Snapshot s = handheld.messages(LiveMessage.Snapshot.class).get(0);
            assertThat(s.units()).extracting(LiveUnit::deviceId).containsExactly("car-1");
            assertThat(s.transitions())
                    .extracting(LiveTransition::deviceId)
                    .containsExactly("car-1");
            assertThat(s.alerts())
                    .extracting(LiveAlert::alertId)
                    .containsExactly("violence/incident/t/s1");
            // A new alert near the unit arrives; one far away and another unit's fix do not.
            send(alerts, violence("s2", new double[] {EASTERN1[0] + 0.003, EASTERN1[1]}));
            send(alerts, violence("far2", ELSEWHERE));
            send(transitions, fix("car-2", "unit", "available", ELSEWHERE, T.plusSeconds(20)));
            send(transitions, fix("car-1", "unit", "busy", EASTERN1, T.plusSeconds(20)));
            await().atMost(WAIT).until(() -> handheld.messages(LiveMessage.Unit.class).size() == 1);
            assertThat(handheld.messages(LiveMessage.Alert.class))
                    .extracting(a -> a.alert().alertId())
                    .containsExactly("violence/incident/t/s2");
            assertThat(handheld.messages(LiveMessage.Unit.class).get(0).unit().status())
                    .isEqualTo("busy");
        }
        assertThat(get("/api/field", ANALYST).statusCode())
                .as("a console token is not a unit token")
                .isEqualTo(401);
        assertThat(get("/api/field", null).statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> LiveClient.connect(console.port(), "/ws/field", DISPATCHER))
                .hasStackTraceContaining("401");
        assertThatThrownBy(() -> LiveClient.connect(console.port(), "/ws/live", CAR_1))
                .hasStackTraceContaining("401");
        assertThat(get("/field", null).statusCode()).isEqualTo(200);
    }

    private static FixMessage fix(String id, String kind, String status, double[] at, Instant t) {
        boolean unit = kind.equals("unit");
        return new FixMessage(
                id,
                kind,
                unit ? "patrol" : null,
                status,
                t,
                at[0],
                at[1],
                null,
                null,
                unit
                        ? List.of("vri-zones:" + (at == EASTERN1 ? "Eastern1" : "Western"))
                        : List.of(),
                Map.of("vri-zones", at == EASTERN1 ? "Eastern1" : "Western"),
                null);
    }

    private static TransitionMessage enter(String id, String kind, Instant t) {
        return new TransitionMessage(
                id + "/" + t.toEpochMilli() + "/vri-zones/Eastern1/ENTER",
                id,
                kind,
                kind.equals("unit") ? "patrol" : null,
                "ENTER",
                "vri-zones",
                "Eastern1",
                t,
                EASTERN1[0],
                EASTERN1[1],
                null,
                null,
                null);
    }

    private static AlertMessage violence(String id, double[] at) {
        return new AlertMessage(
                "violence/incident/t/" + id,
                AlertMessage.VIOLENCE,
                T,
                "incident/t/" + id,
                null,
                "SHOOTING",
                at[0],
                at[1],
                BALTIMORE.tag(at[0], at[1]),
                null,
                null,
                false,
                List.of(new NearbyUnit("car-1", "patrol", 10, 0)),
                null,
                null);
    }

    private static void send(String topic, OutputMessage m) throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                topic,
                                m.key().getBytes(StandardCharsets.UTF_8),
                                TopicCodec.encode(m)))
                .get();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> audit(String token) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(get("/api/audit", token).body()).get("records").forEach(out::add);
        return out;
    }

    private static String fingerprint(String token) throws Exception {
        byte[] d =
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 4);
    }
}
