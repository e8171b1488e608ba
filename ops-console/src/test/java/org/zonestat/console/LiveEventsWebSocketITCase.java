package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * {@code /ws/live} end to end: a real KRaft broker, the {@link OpsConsole} facade, a real client.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LiveEventsWebSocketITCase {
    private static final String TOKEN = "analyst-token-for-tests";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static JsonRecordProducer producer;
    private static ZoneCatalog catalog;
    private static TestEvents events;

    private OpsConsole.Running console;

    @BeforeAll
    static void startBroker() {
        broker = KAFKA.broker();
        producer = new JsonRecordProducer(broker.bootstrapServers());
        catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        events = new TestEvents(catalog);
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
    }

    @AfterEach
    void stopConsole() {
        if (console != null) {
            console.close();
        }
    }

    /** A fresh single-partition topic, so produce order is consume order. */
    private static String freshTopic() {
        String topic = "events-ws-" + TOPICS.incrementAndGet();
        broker.createTopic(topic, 1, Map.of());
        return topic;
    }

    private OpsConsole.Running startConsole(String topic, int recentLimit) {
        return startConsole(topic, recentLimit, Map.of(TOKEN, Role.ANALYST));
    }

    private OpsConsole.Running startConsole(
            String topic, int recentLimit, Map<String, Role> tokens) {
        console =
                OpsConsole.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .eventsTopic(topic)
                        .port(0)
                        .tokens(AccessTokens.of(tokens))
                        .catalog(catalog)
                        .recentLimit(recentLimit)
                        .config(
                                ConsoleConfig.defaults()
                                        .withWarmUpZones(false)) // no zones asked for here
                        .build()
                        .start();
        return console;
    }

    private static void produce(String topic, ObjectNode event) throws Exception {
        producer.sendEvent(topic, event);
    }

    private static void produce(String topic, String key, String value) throws Exception {
        producer.send(topic, key, value);
    }

    private void awaitLive() {
        await().atMost(WAIT).until(() -> console.feedHealth().state() == FeedHealth.State.LIVE);
    }

    @Test
    void a_client_with_a_valid_token_receives_new_events_in_order_each_exactly_once()
            throws Exception {
        String topic = freshTopic();
        startConsole(topic, 500);
        awaitLive();
        ObjectNode first = events.incident(1, "SHOOTING", -76.5982, 39.3135);
        ObjectNode second = events.request311(2, "New", -76.6346, 39.2991);
        ObjectNode third = events.tip(3, -76.6485, 39.2845);

        try (LiveClient client = LiveClient.subscribed(console.port(), TOKEN)) {
            await().atMost(WAIT).until(() -> !client.messages().isEmpty());
            produce(topic, first);
            produce(topic, second);
            produce(topic, second); // the same event delivered twice
            produce(topic, third);

            await().atMost(WAIT).until(() -> client.events().size() >= 3);
            // The duplicate was consumed before the third event, so nothing more can arrive.
            assertThat(client.messages().get(0))
                    .isInstanceOfSatisfying(
                            LiveMessage.Snapshot.class,
                            s -> {
                                assertThat(s.lastSeq()).isZero();
                                assertThat(s.events()).isEmpty();
                            });
            assertThat(client.liveEventIds())
                    .containsExactly(
                            "incident/bpd-part1-2018/R1",
                            "request311/baltimore-311-2019/SR2/New",
                            "tip/tips-demo/T3");
            assertThat(client.events())
                    .extracting(LiveMessage.Event::seq)
                    .containsExactly(1L, 2L, 3L);
            LiveEvent shooting = client.events().get(0).event();
            assertThat(shooting.kind()).isEqualTo("SHOOTING");
            assertThat(shooting.zones()).containsEntry("vri-zones", "Eastern1");
            assertThat(console.hub().duplicatesDropped()).isEqualTo(1);
        }
    }

    @Test
    void a_new_event_reaches_a_connected_client_within_a_second() throws Exception {
        String topic = freshTopic();
        startConsole(topic, 500);
        awaitLive();
        try (LiveClient client = LiveClient.subscribed(console.port(), TOKEN)) {
            await().atMost(WAIT).until(() -> !client.messages().isEmpty());

            produce(topic, events.incident(1, "HOMICIDE", -76.6346, 39.2991));

            await().atMost(Duration.ofSeconds(1)).until(() -> client.events().size() == 1);
        }
    }

    @Test
    void a_console_started_on_a_full_topic_sends_new_clients_a_snapshot_of_the_newest_events()
            throws Exception {
        String topic = freshTopic();
        for (int n = 1; n <= 5; n++) {
            produce(topic, events.incident(n, "ROBBERY", -76.61, 39.29 + n / 1000.0));
        }

        startConsole(topic, 3);
        awaitLive();

        try (LiveClient client = LiveClient.subscribed(console.port(), TOKEN)) {
            await().atMost(WAIT).until(() -> !client.messages().isEmpty());
            LiveMessage first = client.messages().get(0);
            assertThat(first).isInstanceOf(LiveMessage.Snapshot.class);
            LiveMessage.Snapshot snapshot = (LiveMessage.Snapshot) first;
            assertThat(snapshot.events())
                    .extracting(LiveEvent::recordId)
                    .containsExactly("R3", "R4", "R5");
            assertThat(snapshot.lastSeq()).isEqualTo(3);
        }
    }

    @Test
    void a_dispatcher_never_receives_tips_an_analyst_does_and_the_public_gets_no_live_events()
            throws Exception {
        String topic = freshTopic();
        startConsole(
                topic,
                500,
                Map.of(
                        "dispatcher-token-1",
                        Role.DISPATCHER,
                        TOKEN,
                        Role.ANALYST,
                        "public-token-12",
                        Role.PUBLIC));
        awaitLive();
        produce(topic, events.tip(1, -76.6485, 39.2845)); // in the snapshot
        produce(topic, events.incident(2, "SHOOTING", -76.5982, 39.3135));
        await().atMost(WAIT).until(() -> console.hub().lastSeq() == 2);

        try (LiveClient dispatcher = LiveClient.subscribed(console.port(), "dispatcher-token-1");
                LiveClient analyst = LiveClient.subscribed(console.port(), TOKEN)) {
            await().atMost(WAIT)
                    .until(() -> !dispatcher.messages().isEmpty() && !analyst.messages().isEmpty());
            produce(topic, events.tip(3, -76.6485, 39.2845)); // live
            produce(topic, events.incident(4, "HOMICIDE", -76.6346, 39.2991));

            await().atMost(WAIT)
                    .until(
                            () ->
                                    analyst.liveEventIds().size() == 2
                                            && dispatcher.liveEventIds().size() == 1);
            LiveMessage.Snapshot dispatcherSnapshot =
                    (LiveMessage.Snapshot) dispatcher.messages().get(0);
            LiveMessage.Snapshot analystSnapshot = (LiveMessage.Snapshot) analyst.messages().get(0);
            assertThat(dispatcherSnapshot.events())
                    .extracting(LiveEvent::stream)
                    .containsExactly("incident");
            assertThat(analystSnapshot.events())
                    .extracting(LiveEvent::stream)
                    .containsExactly("tip", "incident");
            assertThat(dispatcher.liveEventIds()).containsExactly("incident/bpd-part1-2018/R4");
            assertThat(analyst.liveEventIds())
                    .containsExactly("tip/tips-demo/T3", "incident/bpd-part1-2018/R4");
        }

        assertThatThrownBy(() -> LiveClient.connect(console.port(), "public-token-12"))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(
                        e -> {
                            HttpResponse<?> response =
                                    ((WebSocketHandshakeException) e).getResponse();
                            assertThat(response.statusCode()).isEqualTo(403);
                            assertThat(String.valueOf(response.body())).doesNotContain("R2");
                        });
    }

    @Test
    void a_client_with_a_wrong_or_missing_token_is_refused_with_401_and_gets_no_data()
            throws Exception {
        String topic = freshTopic();
        startConsole(topic, 500);
        produce(topic, events.incident(1, "SHOOTING", -76.5982, 39.3135));
        await().atMost(WAIT).until(() -> console.hub().lastSeq() == 1);

        for (String token : new String[] {"wrong-token-123", null}) {
            assertThatThrownBy(() -> LiveClient.connect(console.port(), token))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(
                            e -> {
                                HttpResponse<?> response =
                                        ((WebSocketHandshakeException) e).getResponse();
                                assertThat(response.statusCode()).isEqualTo(401);
                                assertThat(String.valueOf(response.body())).doesNotContain("R1");
                            });
        }
        assertThat(console.hub().subscriberCount()).isZero();
    }

    @Test
    void malformed_records_are_counted_and_do_not_stop_the_feed() throws Exception {
        String topic = freshTopic();
        startConsole(topic, 500);
        awaitLive();

        produce(topic, "junk", "this is not JSON");
        produce(
                topic,
                "no-coordinates",
                "{\"eventId\":\"x\",\"stream\":\"incident\",\"kind\":\"OTHER\","
                        + "\"occurredAt\":\"2018-07-08T03:53:00Z\"}");
        produce(topic, events.incident(1, "SHOOTING", -76.5982, 39.3135));

        await().atMost(WAIT).until(() -> console.hub().lastSeq() == 1);
        assertThat(console.feedHealth().malformedRecords()).isEqualTo(2);
        assertThat(console.feedHealth().recordsRead()).isEqualTo(3);
        assertThat(console.feedHealth().state()).isEqualTo(FeedHealth.State.LIVE);
    }

    @Test
    void health_reports_the_live_feed_the_events_seen_and_the_connected_clients() throws Exception {
        String topic = freshTopic();
        startConsole(topic, 500);
        produce(topic, events.incident(1, "SHOOTING", -76.5982, 39.3135));
        awaitLive();

        try (LiveClient client = LiveClient.subscribed(console.port(), TOKEN)) {
            await().atMost(WAIT).until(() -> console.hub().subscriberCount() == 1);
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(console.url() + "api/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());

            JsonNode health = ConsoleJson.newMapper().readTree(r.body());
            assertThat(health.path("status").asText()).isEqualTo("ok");
            assertThat(health.path("eventsSeen").asLong()).isEqualTo(1);
            assertThat(health.path("websocketClients").asInt()).isEqualTo(1);
            assertThat(health.path("kafka").path("state").asText()).isEqualTo("LIVE");
            assertThat(health.path("kafka").path("topic").asText()).isEqualTo(topic);
        }
    }

    @Test
    void a_console_started_before_its_topic_exists_waits_for_it() throws Exception {
        String topic = "events-ws-late-" + TOPICS.incrementAndGet();
        startConsole(topic, 500);
        await().atMost(WAIT)
                .until(() -> console.feedHealth().state() == FeedHealth.State.WAITING_FOR_TOPIC);

        broker.createTopic(topic, 1, Map.of());
        produce(topic, events.tip(1, -76.61, 39.29));

        await().atMost(WAIT).until(() -> console.hub().lastSeq() == 1);
    }
}
