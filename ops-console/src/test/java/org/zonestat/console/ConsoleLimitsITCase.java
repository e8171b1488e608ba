package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaExtension;

/**
 * The console's limits against a running console on a real broker: WebSocket message rates and
 * sizes, snapshot throttling, request bodies, zone uploads, and the headers of refused and
 * credentialed answers.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleLimitsITCase {
    static final String PUBLIC = "public-token-limits";
    static final String DISPATCHER = "dispatcher-token-limits";
    static final String ANALYST = "analyst-token-limits";
    static final String ADMIN = "admin-token-limits";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static OpsConsole.Running console;
    private static String base;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        ZoneCatalog catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        KAFKA.broker().createTopic("events", 1, Map.of());
        TestEvents events = new TestEvents(catalog);
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            for (int i = 0; i < 300; i++) {
                p.send(
                        new ProducerRecord<>(
                                "events",
                                "e" + i,
                                TestEvents.json(
                                        events.incident(i, "SHOOTING", -76.62 + i * 1e-4, 39.30))));
            }
        }
        console =
                OpsConsole.builder()
                        .bootstrapServers(KAFKA.bootstrapServers())
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(
                                                PUBLIC, Role.PUBLIC,
                                                DISPATCHER, Role.DISPATCHER,
                                                ANALYST, Role.ANALYST,
                                                ADMIN, Role.ADMIN)))
                        .catalog(catalog)
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .build()
                        .start();
        base = "http://127.0.0.1:" + console.port();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> console.hub().stats().recentEvents() == 300);
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    // --- WebSocket ---------------------------------------------------------------------------

    @Test
    void ten_thousand_subscribes_in_a_burst_get_few_snapshots_and_a_1008_close() throws Exception {
        LiveClient client = LiveClient.connect(console.port(), ANALYST);
        String subscribe = "{\"type\":\"subscribe\",\"messages\":[\"event\"]}";
        int sent = 0;
        long started = System.nanoTime();
        try {
            for (; sent < 10_000 && !client.closed().isDone(); sent++) {
                client.send(subscribe);
            }
        } catch (ExecutionException closedUnderUs) {
            // the server closed the socket while we were still sending: what we want
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        // The client sees the server's 1008 close, or (still writing when it came) a broken pipe.
        String outcome;
        try {
            outcome = "closed with " + client.closed().get(10, TimeUnit.SECONDS);
            assertThat(client.closed().get()).isEqualTo(1008);
        } catch (ExecutionException brokenPipe) {
            outcome = "closed under the sender (" + brokenPipe.getCause() + ")";
        }
        assertThat(sent)
                .as("messages sent before the close reached the sender (the server took 21)")
                .isLessThan(2_000);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        int snapshots = client.messages(LiveMessage.Snapshot.class).size();
        assertThat(snapshots).as("snapshots: at most one per second").isLessThanOrEqualTo(3);
        System.out.printf(
                Locale.ROOT,
                "subscribe flood: %d of 10,000 sent in %d ms, %s, %d snapshots%n",
                sent,
                millis,
                outcome,
                snapshots);
    }

    @Test
    void a_client_past_the_message_rate_is_closed_with_1008() throws Exception {
        LiveClient client = LiveClient.connect(console.port(), DISPATCHER);
        int burst = ConsoleLimits.defaults().socketMessageBurst();
        for (int i = 0; i <= burst + 2 && !client.closed().isDone(); i++) {
            client.send("{\"type\":\"subscribe\",\"messages\":[\"cell\"]}");
        }
        assertThat(client.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void subscriptions_sent_faster_than_a_second_are_applied_once_with_the_latest()
            throws Exception {
        try (LiveClient client = LiveClient.connect(console.port(), ANALYST)) {
            for (String kind : List.of("HOMICIDE", "ROBBERY", "SHOOTING")) {
                client.send("{\"type\":\"subscribe\",\"kinds\":[\"" + kind + "\"]}");
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.messages(LiveMessage.Snapshot.class).size() == 2);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
            List<LiveMessage.Snapshot> snapshots = client.messages(LiveMessage.Snapshot.class);
            assertThat(snapshots)
                    .as("the first at once, the last after the interval, the middle one never")
                    .hasSize(2);
            assertThat(snapshots.get(1).subscription().kinds()).containsExactly("SHOOTING");
        }
    }

    @Test
    void a_message_over_the_size_limit_closes_the_socket_with_1009() throws Exception {
        LiveClient client = LiveClient.connect(console.port(), DISPATCHER);
        try {
            client.send("{\"type\":\"subscribe\",\"x\":\"" + "a".repeat(70 * 1024) + "\"}");
        } catch (ExecutionException closedUnderUs) {
            // closed while sending
        }
        assertThat(client.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    @ParameterizedTest(name = "token {0}")
    @CsvSource({"none", "wrong-token-limits", PUBLIC})
    void a_refused_upgrade_sets_no_cookie_and_sends_no_data(String token) throws Exception {
        String query = token.equals("none") ? "" : "?token=" + token;
        WebSocketHandshakeException refused = null;
        try {
            http.newWebSocketBuilder()
                    .buildAsync(
                            URI.create("ws://127.0.0.1:" + console.port() + "/ws/live" + query),
                            new WebSocket.Listener() {})
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            refused = (WebSocketHandshakeException) e.getCause();
        }
        assertThat(refused).isNotNull();
        HttpResponse<?> r = refused.getResponse();
        assertThat(r.statusCode()).isIn(401, 403);
        assertThat(r.headers().allValues("Set-Cookie")).as("cookies").isEmpty();
    }

    // --- HTTP --------------------------------------------------------------------------------

    /**
     * On a connection of its own: the console closes a connection whose body it refused unread, and
     * a pooled connection reused after that would fail the next request.
     */
    private static HttpResponse<String> sendAlone(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        b.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(
                b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void credentialed_answers_say_no_store_and_open_ones_need_not() throws Exception {
        for (String path : List.of("/api/layers", "/api/pipeline", "/api/config")) {
            HttpResponse<String> r =
                    send(
                            HttpRequest.newBuilder(URI.create(base + path))
                                    .header("Authorization", "Bearer " + DISPATCHER));
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
        HttpResponse<String> refused =
                send(
                        HttpRequest.newBuilder(URI.create(base + "/api/replay?week=2018-W27"))
                                .header("Authorization", "Bearer " + PUBLIC));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void a_body_over_the_limit_is_413_and_one_of_unknown_length_411() throws Exception {
        byte[] big = new byte[ConsoleLimits.defaults().maxRequestBytes() + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> tooBig =
                sendAlone(
                        HttpRequest.newBuilder(URI.create(base + "/api/action-items"))
                                .header("Authorization", "Bearer " + ADMIN)
                                .header("Content-Type", "application/json")
                                // As curl sends a large body: the console answers 413 before the
                                // body is sent, rather than resetting a connection mid-upload.
                                .expectContinue(true)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooBig.body()).path("error").asText()).isNotBlank();

        HttpResponse<String> chunked =
                sendAlone(
                        HttpRequest.newBuilder(URI.create(base + "/api/action-items"))
                                .header("Authorization", "Bearer " + ADMIN)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofInputStream(
                                                () ->
                                                        new ByteArrayInputStream(
                                                                "{}"
                                                                        .getBytes(
                                                                                StandardCharsets
                                                                                        .UTF_8)))));
        assertThat(chunked.statusCode()).isEqualTo(411);
        assertThat(JSON.readTree(chunked.body()).path("error").asText()).contains("Content-Length");
    }

    // --- Zone uploads --------------------------------------------------------------------------

    private static String layer(String ring) {
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"name\":\"Z\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":["
                + ring
                + "]}}]}";
    }

    private static HttpResponse<String> upload(String layerId, String body) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create(base + "/api/zones/" + layerId))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/geo+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void uploads_outside_wgs84_or_too_large_or_too_detailed_are_refused() throws Exception {
        HttpResponse<String> offGlobe =
                upload("off-globe", layer("[[200,39],[201,39],[201,40],[200,39]]"));
        assertThat(offGlobe.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(offGlobe.body()).path("error").asText())
                .contains("zone 0 ('Z')", "outside WGS84");

        HttpResponse<String> world =
                upload("world", layer("[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]"));
        assertThat(world.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(world.body()).path("error").asText())
                .contains("km²", "at most 5000 km²");

        StringBuilder ring = new StringBuilder("[");
        int n = ConsoleLimits.defaults().zoneMaxVertices() + 10;
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            ring.append(
                    String.format(
                            Locale.ROOT,
                            "[%.7f,%.7f],",
                            -76.61 + 0.01 * Math.cos(a),
                            39.29 + 0.01 * Math.sin(a)));
        }
        ring.append("[-76.60,39.29]]");
        HttpResponse<String> detailed = upload("detailed", layer(ring.toString()));
        assertThat(detailed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(detailed.body()).path("error").asText())
                .contains("vertices", "at most 50000");

        HttpResponse<String> fine =
                upload(
                        "small-square",
                        layer(
                                "[[-76.62,39.29],[-76.61,39.29],[-76.61,39.30],[-76.62,39.30],"
                                        + "[-76.62,39.29]]"));
        assertThat(fine.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(fine.body());
        assertThat(accepted.path("zones").asInt()).isEqualTo(1);
    }
}
