package org.zonestat.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.runtime.testutils.InternalMiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.jobs.testing.KafkaTopics;
import org.zonestat.jobs.testing.RawJson;
import org.zonestat.jobs.testing.RunningJob;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.Topics;

/**
 * Single raw records that once stopped the job, each sent to a running (unbounded) job on the
 * MiniCluster: every one ends in an output or in {@code rejected} with its reason, and the job
 * never restarts. The records are dated around the wall clock where the defect is about the clock.
 */
class PoisonRecordITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** The runtime's extension, because these tests read the job's execution graph. */
    @RegisterExtension
    static final InternalMiniClusterExtension FLINK =
            new InternalMiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void aRecordDatedTwoHoursAheadIsTaggedAndWrittenWithATimestampTheBrokerAccepts(TestInfo info)
            throws Exception {
        JobConfig config = freshTopics(info);
        Instant now = Instant.now();
        Instant ahead = now.plus(Duration.ofHours(2));
        try (RunningJob job = RunningJob.start(FLINK.getMiniCluster(), config, "future-it")) {
            produce(config.topics().incidents(), now, RawJson.shooting("ahead", ahead.toString()));

            List<ConsumerRecord<String, String>> events =
                    awaitRecords(job, config.topics().events(), 1);
            ConsumerRecord<String, String> event = events.get(0);
            assertThat(JSON.readTree(event.value()).get("occurredAt").asText())
                    .isEqualTo(ahead.toString());
            assertThat(Instant.ofEpochMilli(event.timestamp()))
                    .as(
                            "the record timestamp is the event time, but never after the writer's clock")
                    .isBetween(now, Instant.now());
            // The near-repeat risk halo of the same event, on an exactly-once topic.
            awaitRecords(job, config.topics().hotspots(), 1);
            assertThat(job.restarts()).isZero();
        }
    }

    @Test
    void aRecordFromYearsAgoIsWrittenToATopicThatRefusesOldTimestamps(TestInfo info)
            throws Exception {
        JobConfig config = freshTopics(info);
        // A deployment whose events topic refuses record timestamps more than a day old.
        long day = Duration.ofDays(1).toMillis();
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", (Object) KAFKA.bootstrapServers()))) {
            ConfigResource events =
                    new ConfigResource(ConfigResource.Type.TOPIC, config.topics().events());
            admin.incrementalAlterConfigs(
                            Map.of(
                                    events,
                                    List.of(
                                            new AlterConfigOp(
                                                    new ConfigEntry(
                                                            "message.timestamp.before.max.ms",
                                                            String.valueOf(day)),
                                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
        Instant now = Instant.now();
        try (RunningJob job = RunningJob.start(FLINK.getMiniCluster(), config, "old-times-it")) {
            produce(
                    config.topics().incidents(),
                    now,
                    RawJson.shooting("years-ago", "2019-10-01T10:00:00Z"));

            ConsumerRecord<String, String> event =
                    awaitRecords(job, config.topics().events(), 1).get(0);
            assertThat(JSON.readTree(event.value()).get("occurredAt").asText())
                    .isEqualTo("2019-10-01T10:00:00Z");
            assertThat(Instant.ofEpochMilli(event.timestamp()))
                    .as("stamped as old as the topic takes, no older")
                    .isBetween(now.minusMillis(day), Instant.now());
            assertThat(job.restarts()).isZero();
        }
    }

    @Test
    void instantsBeyondWhatMillisecondsCanHoldAreRejectedWithTheFieldNamed(TestInfo info)
            throws Exception {
        JobConfig config = freshTopics(info);
        Instant now = Instant.now();
        List<String> bad =
                List.of(
                        RawJson.shooting("first-year", "-999999999-01-01T00:00:00Z"),
                        RawJson.shooting("last-year", "+999999999-12-31T23:59:59Z"),
                        RawJson.shooting("before-1970", "1900-01-01T00:00:00Z"));
        List<String> badRequests =
                List.of(
                        RawJson.request311(
                                "due-last-year",
                                "Open",
                                "2019-10-01T10:00:00Z",
                                "\"dueAt\":\"+999999999-12-31T23:59:59Z\""),
                        RawJson.request311(
                                "due-first-year",
                                "Open",
                                "2019-10-01T10:00:00Z",
                                "\"dueAt\":\"-999999999-01-01T00:00:00Z\""));
        try (RunningJob job = RunningJob.start(FLINK.getMiniCluster(), config, "instants-it")) {
            produce(config.topics().incidents(), now, bad.toArray(String[]::new));
            produce(config.topics().requests311(), now, badRequests.toArray(String[]::new));
            produce(
                    config.topics().incidents(),
                    now,
                    RawJson.shooting("after-them", "2019-10-01T10:00:00Z"));

            List<JsonNode> rejected =
                    KafkaTopics.json(awaitRecords(job, config.topics().rejected(), 5));
            assertThat(rejected)
                    .allSatisfy(
                            r -> {
                                assertThat(r.get("reason").asText()).isEqualTo("invalid-field");
                                assertThat(r.get("detail").asText())
                                        .containsAnyOf("'occurredAt'", "'dueAt'");
                            });
            assertThat(rejected)
                    .extracting(r -> r.get("original").asText())
                    .containsExactlyInAnyOrderElementsOf(concat(bad, badRequests));
            assertThat(KafkaTopics.json(awaitRecords(job, config.topics().events(), 1)))
                    .extracting(e -> e.get("recordId").asText())
                    .containsExactly("after-them");
            assertThat(job.restarts()).isZero();
        }
    }

    @Test
    void recordsTooLargeForTheBrokerEndInRejectedTruncatedAndTheJobGoesOn(TestInfo info)
            throws Exception {
        JobConfig config = freshTopics(info);
        int maxOutputBytes = 1_000_000;
        Instant now = Instant.now();
        String megabyteAddress =
                "{\"id\":\"mega-address\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2019-10-01T10:00:00Z\","
                        + "\"lat\":39.3010,\"lon\":-76.6440,\"address\":\""
                        + "A".repeat(1_000_000)
                        + "\"}";
        String longAddress =
                "{\"id\":\"long-address\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2019-10-01T10:00:00Z\","
                        + "\"lat\":39.3010,\"lon\":-76.6440,\"address\":\""
                        + "B".repeat(5_000)
                        + "\"}";
        // Each control character is written as a six-character escape on rejected.
        String growsWhenEscaped = "{\"id\":\"escapes\",\"note\":\"" + "\u0001".repeat(900_000);
        String growsButFits = "{\"id\":\"escapes-small\",\"note\":\"" + "\u0001".repeat(60_000);
        String unusableLayer = "{\"featureCollection\":\"" + "C".repeat(2_000_000) + "\"}";
        try (RunningJob job = RunningJob.start(FLINK.getMiniCluster(), config, "sizes-it")) {
            produce(
                    config.topics().incidents(),
                    now,
                    megabyteAddress,
                    longAddress,
                    growsWhenEscaped,
                    growsButFits);
            KafkaTopics.produceKeyed(
                    KAFKA.bootstrapServers(), config.topics().zones(), "huge", unusableLayer);
            produce(
                    config.topics().incidents(),
                    now,
                    RawJson.shooting("after-them", "2019-10-01T10:00:00Z"));

            List<ConsumerRecord<String, String>> rejectedRecords =
                    awaitRecords(job, config.topics().rejected(), 5);
            assertThat(rejectedRecords)
                    .allSatisfy(
                            r ->
                                    assertThat(r.value().getBytes(StandardCharsets.UTF_8).length)
                                            .isLessThanOrEqualTo(maxOutputBytes));
            List<JsonNode> rejected = KafkaTopics.json(rejectedRecords);
            assertThat(rejected)
                    .filteredOn(r -> r.get("sourceTopic").asText().equals(config.topics().zones()))
                    .singleElement()
                    .satisfies(
                            r ->
                                    assertThat(r.get("original").asText())
                                            .startsWith("{\"featureCollection\":\"CCC")
                                            .hasSizeLessThan(unusableLayer.length()));
            assertThat(reasonOf(rejected, "mega-address")).isEqualTo("too-large");
            assertThat(originalOf(rejected, "mega-address"))
                    .startsWith("{\"id\":\"mega-address\"")
                    .hasSizeLessThan(megabyteAddress.length());
            assertThat(reasonOf(rejected, "long-address")).isEqualTo("too-large");
            assertThat(detailOf(rejected, "long-address")).contains("'address'");
            assertThat(reasonOf(rejected, "\"escapes\"")).isEqualTo("too-large");
            assertThat(reasonOf(rejected, "escapes-small")).isEqualTo("malformed-json");
            assertThat(originalOf(rejected, "escapes-small")).isEqualTo(growsButFits);

            assertThat(KafkaTopics.json(awaitRecords(job, config.topics().events(), 1)))
                    .extracting(e -> e.get("recordId").asText())
                    .containsExactly("after-them");
            assertThat(job.restarts()).isZero();
        }
    }

    @Test
    void oneRecordDatedAheadOfTheWallClockDoesNotMoveItsPartitionsEventTimePastNow(TestInfo info)
            throws Exception {
        JobConfig config = freshTopics(info);
        String topic = config.topics().incidents();
        Instant now = Instant.now();
        try (RunningJob job = RunningJob.start(FLINK.getMiniCluster(), config, "watermark-it")) {
            // A feed's clock is 23 hours fast (within the future tolerance of a day) on one
            // record, between true ones.
            produceToPartition0(
                    topic,
                    now,
                    RawJson.shooting("true-before", now.minus(Duration.ofMinutes(30)).toString()),
                    RawJson.shooting("clock-ahead", now.plus(Duration.ofHours(23)).toString()));
            // Probes two days old show when the partition's event time has moved on: they are
            // late once it is past them by more than the allowed lateness (a day).
            AtomicInteger probes = new AtomicInteger();
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("the job failed or restarted", job::failed)
                    .until(
                            () -> {
                                produceToPartition0(
                                        topic,
                                        Instant.now(),
                                        RawJson.shooting(
                                                "probe-" + probes.incrementAndGet(),
                                                now.minus(Duration.ofDays(2)).toString()));
                                return KafkaTopics.readJson(
                                                KAFKA.bootstrapServers(),
                                                config.topics().rejected())
                                        .stream()
                                        .anyMatch(r -> r.get("reason").asText().equals("late"));
                            });

            // A true record two hours old: more than a day behind the record dated ahead, well
            // within a day of now.
            produceToPartition0(
                    topic,
                    Instant.now(),
                    RawJson.shooting("true-after", now.minus(Duration.ofHours(2)).toString()));
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(300))
                    .failFast("the job failed or restarted", job::failed)
                    .until(
                            () ->
                                    KafkaTopics.readJson(
                                                            KAFKA.bootstrapServers(),
                                                            config.topics().events())
                                                    .stream()
                                                    .anyMatch(
                                                            e ->
                                                                    e.get("recordId")
                                                                            .asText()
                                                                            .equals("true-after"))
                                            || rejectedIds(config).contains("true-after"));
            assertThat(rejectedIds(config)).doesNotContain("true-after", "clock-ahead");
            assertThat(
                            KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().events())
                                    .stream()
                                    .map(e -> e.get("recordId").asText()))
                    .contains("true-before", "clock-ahead", "true-after");
            assertThat(job.restarts()).isZero();
        }
    }

    @Test
    void noIdentityFieldReachesAnyOutputTopicRejectedIncluded(TestInfo info) throws Exception {
        JobConfig config = freshTopics(info);
        Instant now = Instant.now();
        String identity =
                "\"tipster\":{\"name\":\"Zelda Quonsett\",\"phone\":\"410-555-0199\"},"
                        + "\"Caller_Phone\":\"410 555 0199\",\"email\":\"zq@example.org\","
                        + "\"first_name\":\"Zelda\",\"last_name\":\"Quonsett\"";
        List<String> tips =
                List.of(
                        // Outside every zone: rejected, with its original text.
                        RawJson.tip("outside", "2019-10-01T10:00:00Z", -74.006, 40.7128, identity),
                        // Accepted: the event has none of it anyway.
                        RawJson.tip("inside", "2019-10-01T10:00:00Z", -76.6440, 39.3010, identity),
                        // Not JSON at all (cut short), identity in plain sight.
                        "{\"id\":\"cut-short\",\"category\":\"GUNS\"," + identity + ",\"lat\":",
                        // Too large, identity at its start.
                        "{"
                                + identity
                                + ",\"id\":\"too-large\",\"text\":\""
                                + "x".repeat(100_000)
                                + "\"}");
        String request = RawJson.request311("r1", "New", "2019-10-01T10:00:00Z", identity);
        try (RunningJob job = RunningJob.start(FLINK.getMiniCluster(), config, "identity-it")) {
            produce(config.topics().tips(), now, tips.toArray(String[]::new));
            // The same 311 step twice: the second is a duplicate.
            produce(config.topics().requests311(), now, request, request);

            List<JsonNode> rejected =
                    KafkaTopics.json(awaitRecords(job, config.topics().rejected(), 4));
            assertThat(KafkaTopics.json(awaitRecords(job, config.topics().events(), 2)))
                    .extracting(e -> e.get("recordId").asText())
                    .containsExactlyInAnyOrder("inside", "r1");
            assertThat(rejected)
                    .extracting(r -> r.get("reason").asText())
                    .containsExactlyInAnyOrder(
                            "outside-zones", "malformed-json", "too-large", "duplicate");
            assertThat(originalOf(rejected, "\"outside\""))
                    .contains("\"id\":\"outside\"", "\"category\":\"GUNS\"");
            for (String topic : config.topics().streams()) {
                if (config.topics().raw().contains(topic)) {
                    continue; // the inputs themselves
                }
                for (ConsumerRecord<String, String> r :
                        KafkaTopics.readAll(KAFKA.bootstrapServers(), topic)) {
                    assertThat(r.value())
                            .as("a record of %s", topic)
                            .doesNotContain(
                                    "Zelda", "Quonsett", "555-0199", "555 0199", "zq@example");
                }
            }
            assertThat(rejected)
                    .extracting(r -> r.get("original").asText())
                    .allSatisfy(
                            original ->
                                    assertThat(original.toLowerCase(java.util.Locale.ROOT))
                                            .doesNotContain(
                                                    "tipster",
                                                    "phone",
                                                    "email",
                                                    "first_name",
                                                    "last_name"));
            assertThat(job.restarts()).isZero();
        }
    }

    private static JobConfig freshTopics(TestInfo info) {
        String suffix = "." + info.getTestMethod().orElseThrow().getName();
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers())
                        .withTopics(Topics.defaults().withSuffix(suffix))
                        .withGroupId("poison" + suffix)
                        .withCheckpointInterval(Duration.ofSeconds(1));
        KAFKA.broker().createTopics(config.topics().newTopics(2, (short) 1));
        return config;
    }

    private static void produce(String topic, Instant receivedAt, String... values) {
        List<byte[]> bytes = new ArrayList<>();
        for (String v : values) {
            bytes.add(v.getBytes(StandardCharsets.UTF_8));
        }
        KafkaTopics.produceBytes(
                KAFKA.bootstrapServers(), topic, null, receivedAt.toEpochMilli(), bytes);
    }

    private static void produceToPartition0(String topic, Instant receivedAt, String... values) {
        KafkaTopics.produceToPartition(
                KAFKA.bootstrapServers(), topic, 0, receivedAt.toEpochMilli(), values);
    }

    /** Waits until {@code topic} holds at least {@code count} records; fails fast on a restart. */
    private static List<ConsumerRecord<String, String>> awaitRecords(
            RunningJob job, String topic, int count) {
        List<List<ConsumerRecord<String, String>>> last = new ArrayList<>(List.of(List.of()));
        Callable<Boolean> enough =
                () -> {
                    last.set(0, KafkaTopics.readAll(KAFKA.bootstrapServers(), topic));
                    return last.get(0).size() >= count;
                };
        await("at least " + count + " records on " + topic)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .failFast("the job failed or restarted", job::failed)
                .until(enough);
        return last.get(0);
    }

    private static List<String> rejectedIds(JobConfig config) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode r :
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().rejected())) {
            ids.add(JSON.readTree(r.get("original").asText()).path("id").asText());
        }
        return ids;
    }

    private static JsonNode rejectionOf(List<JsonNode> rejected, String marker) {
        List<JsonNode> found =
                rejected.stream().filter(r -> r.get("original").asText().contains(marker)).toList();
        assertThat(found).as("rejections whose original contains %s", marker).hasSize(1);
        return found.get(0);
    }

    private static String reasonOf(List<JsonNode> rejected, String marker) {
        return rejectionOf(rejected, marker).get("reason").asText();
    }

    private static String detailOf(List<JsonNode> rejected, String marker) {
        return rejectionOf(rejected, marker).get("detail").asText();
    }

    private static String originalOf(List<JsonNode> rejected, String marker) {
        return rejectionOf(rejected, marker).get("original").asText();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
