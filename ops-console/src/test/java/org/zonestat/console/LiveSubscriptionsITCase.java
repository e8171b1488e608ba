package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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
 * The {@code subscribe} protocol of {@code /ws/live} end to end: a real KRaft broker feeding {@code
 * events}, {@code alerts} and {@code hotspots}, the {@link OpsConsole}, real WebSocket clients that
 * filter, disconnect and resume.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LiveSubscriptionsITCase {
    private static final String ANALYST = "analyst-token-for-tests";
    private static final String DISPATCHER = "dispatcher-token-for-tests";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger TOPICS = new AtomicInteger();
    // In VRI zone Eastern1, and in another VRI zone.
    private static final double[] EASTERN1 = {-76.5982, 39.3135};
    private static final double[] ELSEWHERE = {-76.6346, 39.2991};

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static JsonRecordProducer producer;
    private static ZoneCatalog catalog;
    private static TestEvents events;

    private OpsConsole.Running console;
    private String eventsTopic;
    private String alertsTopic;
    private String hotspotsTopic;

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

    private void startConsole(int resumeLimit) {
        int n = TOPICS.incrementAndGet();
        eventsTopic = "events-sub-" + n;
        alertsTopic = "alerts-sub-" + n;
        hotspotsTopic = "hotspots-sub-" + n;
        for (String t : List.of(eventsTopic, alertsTopic, hotspotsTopic)) {
            broker.createTopic(t, 1, Map.of());
        }
        console =
                OpsConsole.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .eventsTopic(eventsTopic)
                        .analyticsTopics(alertsTopic, hotspotsTopic)
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(ANALYST, Role.ANALYST, DISPATCHER, Role.DISPATCHER)))
                        .catalog(catalog)
                        .resumeLimit(resumeLimit)
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .build()
                        .start();
        await().atMost(WAIT).until(() -> console.feedHealth().state() == FeedHealth.State.LIVE);
    }

    private static void produce(String topic, String key, ObjectNode value) throws Exception {
        producer.send(topic, key, value);
    }

    private void event(ObjectNode e) throws Exception {
        produce(eventsTopic, e.get("eventId").asText(), e);
    }

    @Test
    void a_client_receives_only_the_zones_kinds_and_message_types_it_subscribed_to()
            throws Exception {
        startConsole(1000);
        assertThat(catalog.tag(EASTERN1[0], EASTERN1[1])).containsEntry("vri-zones", "Eastern1");
        assertThat(catalog.tag(ELSEWHERE[0], ELSEWHERE[1]).get("vri-zones"))
                .isNotEqualTo("Eastern1");

        try (LiveClient narrow = LiveClient.connect(console.port(), DISPATCHER);
                LiveClient everything = LiveClient.subscribed(console.port(), ANALYST)) {
            narrow.send(
                    "{\"type\":\"subscribe\",\"zones\":{\"vri-zones\":[\"Eastern1\"]},"
                            + "\"kinds\":[\"SHOOTING\"],\"messages\":[\"event\",\"alert\",\"cell\"]}");
            await().atMost(WAIT)
                    .until(() -> !narrow.messages().isEmpty() && !everything.messages().isEmpty());

            event(events.incident(1, "SHOOTING", EASTERN1[0], EASTERN1[1])); // yes
            event(events.incident(2, "HOMICIDE", EASTERN1[0], EASTERN1[1])); // other kind
            event(events.incident(3, "SHOOTING", ELSEWHERE[0], ELSEWHERE[1])); // other zone
            produce(
                    alertsTopic,
                    "a4",
                    events.alert(4, "near-repeat", "SHOOTING", EASTERN1[0], EASTERN1[1])); // yes
            produce(
                    alertsTopic,
                    "a5",
                    events.alert(5, "overdue-311", "SW-Rat", EASTERN1[0], EASTERN1[1])); // kind 311
            produce(
                    hotspotsTopic,
                    "h6",
                    events.halo(6, EASTERN1[0], EASTERN1[1])); // halos not asked for
            produce(
                    hotspotsTopic,
                    "c7",
                    events.cell(
                            "892aa8d4d83ffff",
                            EASTERN1[0],
                            EASTERN1[1],
                            "NEW_HOT_SPOT",
                            "TURNED_HOT")); // yes, zones added
            produce(
                    hotspotsTopic,
                    "c8",
                    events.cell(
                            "892aa8d4d87ffff",
                            ELSEWHERE[0],
                            ELSEWHERE[1],
                            "NEW_HOT_SPOT",
                            "TURNED_HOT")); // other zone
            event(events.incident(9, "SHOOTING", EASTERN1[0], EASTERN1[1])); // yes

            await().atMost(WAIT).until(() -> everything.messages().size() == 1 + 9);
            await().atMost(WAIT).until(() -> narrow.messages().size() >= 1 + 4);
            assertThat(narrow.liveEventIds())
                    .containsExactly("incident/bpd-part1-2018/R1", "incident/bpd-part1-2018/R9");
            assertThat(narrow.messages(LiveMessage.Alert.class))
                    .extracting(a -> a.alert().alertId())
                    .containsExactly("near-repeat/A4");
            assertThat(narrow.messages(LiveMessage.Cell.class))
                    .singleElement()
                    .satisfies(
                            c ->
                                    assertThat(c.cell().zones())
                                            .containsEntry("vri-zones", "Eastern1"));
            assertThat(narrow.messages(LiveMessage.Halo.class)).isEmpty();
            assertThat(narrow.messages()).hasSize(1 + 4);
            LiveMessage.Snapshot snapshot = (LiveMessage.Snapshot) narrow.messages().get(0);
            assertThat(snapshot.subscription().zones()).containsOnlyKeys("vri-zones");
            assertThat(snapshot.subscription().kinds()).containsExactly("SHOOTING");
        }
    }

    @Test
    void a_dispatcher_asking_for_tips_gets_neither_tips_nor_tip_matches_an_analyst_does()
            throws Exception {
        startConsole(1000);
        String subscribe = "{\"type\":\"subscribe\",\"kinds\":[\"TIP\",\"SHOOTING\"]}";
        try (LiveClient dispatcher = LiveClient.connect(console.port(), DISPATCHER);
                LiveClient analyst = LiveClient.connect(console.port(), ANALYST)) {
            dispatcher.send(subscribe);
            analyst.send(subscribe);
            await().atMost(WAIT)
                    .until(() -> !dispatcher.messages().isEmpty() && !analyst.messages().isEmpty());

            event(events.tip(1, EASTERN1[0], EASTERN1[1]));
            produce(
                    alertsTopic,
                    "a2",
                    events.alert(2, "tip-match", "GUN", EASTERN1[0], EASTERN1[1]));
            event(events.incident(3, "SHOOTING", EASTERN1[0], EASTERN1[1]));

            await().atMost(WAIT)
                    .until(
                            () ->
                                    analyst.messages().size() == 4
                                            && dispatcher.messages().size() == 2);
            assertThat(dispatcher.liveEventIds()).containsExactly("incident/bpd-part1-2018/R3");
            assertThat(dispatcher.messages(LiveMessage.Alert.class)).isEmpty();
            assertThat(((LiveMessage.Snapshot) dispatcher.messages().get(0)).subscription().kinds())
                    .containsExactly("SHOOTING");
            assertThat(analyst.messages(LiveMessage.Alert.class)).hasSize(1);
        }
    }

    @Test
    void a_client_that_reconnects_mid_stream_resumes_with_no_gap_and_no_duplicate()
            throws Exception {
        startConsole(1000);
        int total = 200;
        List<String> expected =
                IntStream.rangeClosed(1, total)
                        .mapToObj(n -> "incident/bpd-part1-2018/R" + n)
                        .toList();
        int beforeDrop = 50;
        LiveClient first = LiveClient.subscribed(console.port(), DISPATCHER);
        await().atMost(WAIT).until(() -> !first.messages().isEmpty());
        String streamId = ((LiveMessage.Snapshot) first.messages().get(0)).streamId();

        CountDownLatch dropped = new CountDownLatch(1);
        Thread feed =
                new Thread(
                        () -> {
                            try {
                                for (int n = 1; n <= total; n++) {
                                    if (n == beforeDrop + 1) {
                                        dropped.await();
                                    }
                                    event(
                                            events.incident(
                                                    n,
                                                    "SHOOTING",
                                                    EASTERN1[0],
                                                    EASTERN1[1] + n / 100_000.0));
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        feed.start();
        // the feed holds its 51st event until the client has dropped, so the client has seen
        // exactly 50 and then misses events that keep coming while it is away
        await().atMost(WAIT).until(() -> first.events().size() >= beforeDrop);
        first.abort(); // mid-stream, no close handshake
        long lastSeen = first.lastSeq();
        List<String> before = first.liveEventIds();
        dropped.countDown();
        await().atMost(WAIT).until(() -> console.hub().lastSeq() >= lastSeen + 30); // missed some

        try (LiveClient second = LiveClient.connect(console.port(), DISPATCHER)) {
            second.send(
                    "{\"type\":\"subscribe\",\"resume\":{\"streamId\":\""
                            + streamId
                            + "\",\"afterSeq\":"
                            + lastSeen
                            + "}}");
            feed.join(WAIT.toMillis());
            await().atMost(WAIT).until(() -> before.size() + second.events().size() >= total);

            LiveMessage.Resumed resumed = (LiveMessage.Resumed) second.messages().get(0);
            assertThat(resumed.afterSeq()).isEqualTo(lastSeen);
            assertThat(resumed.missed()).isGreaterThanOrEqualTo(30);
            List<String> seen = new ArrayList<>(before);
            seen.addAll(second.liveEventIds());
            assertThat(seen)
                    .as("no gap, no duplicate, in order")
                    .containsExactlyElementsOf(expected);
            assertThat(second.events())
                    .extracting(LiveMessage.Event::seq)
                    .first()
                    .isEqualTo(lastSeen + 1);
        }
    }

    @Test
    void a_client_too_far_behind_gets_a_fresh_snapshot_flagged_as_such() throws Exception {
        startConsole(5);
        String streamId;
        long lastSeen;
        try (LiveClient first = LiveClient.subscribed(console.port(), ANALYST)) {
            event(events.incident(1, "SHOOTING", EASTERN1[0], EASTERN1[1]));
            await().atMost(WAIT).until(() -> first.events().size() == 1);
            streamId = ((LiveMessage.Snapshot) first.messages().get(0)).streamId();
            lastSeen = first.lastSeq();
        }
        for (int n = 2; n <= 12; n++) {
            event(events.incident(n, "ROBBERY", EASTERN1[0], EASTERN1[1]));
        }
        await().atMost(WAIT).until(() -> console.hub().lastSeq() == 12);

        try (LiveClient second = LiveClient.connect(console.port(), ANALYST)) {
            second.send(
                    "{\"type\":\"subscribe\",\"resume\":{\"streamId\":\""
                            + streamId
                            + "\",\"afterSeq\":"
                            + lastSeen
                            + "}}");
            await().atMost(WAIT).until(() -> !second.messages().isEmpty());
            LiveMessage.Snapshot snapshot = (LiveMessage.Snapshot) second.messages().get(0);
            assertThat(snapshot.reason()).isEqualTo(LiveMessage.SnapshotReason.RESUME_TOO_OLD);
            assertThat(snapshot.lastSeq()).isEqualTo(12);
            assertThat(snapshot.events()).hasSize(12);
        }
    }

    @Test
    void a_subscribe_the_server_cannot_use_gets_an_error_naming_what_is_wrong() throws Exception {
        startConsole(1000);
        try (LiveClient client = LiveClient.connect(console.port(), ANALYST)) {
            client.send("{\"type\":\"subscribe\",\"zones\":{\"vri-zones\":[\"Atlantis\"]}}");
            client.send("{\"type\":\"subscribe\",\"messages\":[\"gossip\"]}");
            client.send("{\"type\":\"subscribe\",\"zones\":{\"wards\":[\"1\"]}}");
            client.send("not json");
            await().atMost(WAIT).until(() -> client.messages().size() == 4);
            assertThat(client.messages(LiveMessage.Error.class))
                    .extracting(LiveMessage.Error::error)
                    .satisfiesExactly(
                            e -> assertThat(e).contains("zones.vri-zones").contains("Atlantis"),
                            e -> assertThat(e).contains("messages").contains("gossip"),
                            e -> assertThat(e).contains("unknown layer 'wards'"),
                            e -> assertThat(e).contains("not JSON"));
            assertThat(console.hub().subscriberCount()).isZero();
        }
    }
}
