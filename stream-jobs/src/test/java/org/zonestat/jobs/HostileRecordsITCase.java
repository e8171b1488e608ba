package org.zonestat.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.InternalMiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.testing.HostileRecords;
import org.zonestat.jobs.testing.HostileRecords.Hostile;
import org.zonestat.jobs.testing.KafkaTopics;
import org.zonestat.jobs.testing.RunningJob;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.sim.Feed;
import org.zonestat.topics.IdentityFields;
import org.zonestat.topics.IdentityRedaction;
import org.zonestat.topics.Topics;

/**
 * The fuzz corpus ({@link HostileRecords}) through a running job on the MiniCluster: the job never
 * restarts, every raw record ends in {@code events} or {@code rejected} exactly once ({@code in =
 * events + rejected}), and no identity field or value reaches any output topic. A whole-world zone
 * layer is published first, so that records placed anywhere on Earth are accepted and go through
 * every analytics branch. Seed and size: {@code -Dzonestat.fuzz.seed}, {@code
 * -Dzonestat.fuzz.records} (per raw topic); the seed is printed, and named in any failure.
 */
class HostileRecordsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("zonestat.fuzz.seed", 20_261_204L);
    private static final int PER_TOPIC = Integer.getInteger("zonestat.fuzz.records", 1_000);

    private static final String WORLD_LAYER =
            "{\"title\":\"World\",\"nameProperty\":\"name\",\"version\":1,"
                    + "\"featureCollection\":{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                    + "\"properties\":{\"name\":\"Earth\"},\"geometry\":{\"type\":\"Polygon\","
                    + "\"coordinates\":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}}]}}";

    /** Zone layer messages that cannot be used, by key: each is rejected once. */
    private static final Map<String, String> UNUSABLE_LAYERS =
            Map.of(
                    "not-json",
                    "{\"featureCollection\":",
                    "long-zone-name",
                    WORLD_LAYER.replace("\"Earth\"", "\"" + "E".repeat(300) + "\""),
                    "x".repeat(100),
                    WORLD_LAYER,
                    "number",
                    "{\"featureCollection\":5}");

    @RegisterExtension
    static final InternalMiniClusterExtension FLINK =
            new InternalMiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void noHostileRecordStopsTheJobEveryOneIsCountedOnceAndNoIdentityIsWritten() throws Exception {
        System.out.printf(
                "fuzz: seed %d, %d records per raw topic (-Dzonestat.fuzz.seed, -Dzonestat.fuzz.records)%n",
                SEED, PER_TOPIC);
        try {
            run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("fuzz seed " + SEED + ": " + e.getMessage(), e);
        }
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers())
                        .withTopics(Topics.defaults().withSuffix(".fuzz"))
                        .withGroupId("fuzz")
                        .withCheckpointInterval(Duration.ofSeconds(1));
        Topics topics = config.topics();
        KAFKA.broker().createTopics(topics.newTopics(2, (short) 1));
        Map<Feed, String> topicOf =
                Map.of(
                        Feed.INCIDENTS, topics.incidents(),
                        Feed.REQUESTS311, topics.requests311(),
                        Feed.TIPS, topics.tips(),
                        Feed.ACTIVITIES, topics.activities());

        // The job starts while the corpus is generated.
        try (RunningJob job = RunningJob.start(FLINK.getMiniCluster(), config, "fuzz-it")) {
            List<Hostile> corpus = new HostileRecords(SEED, Instant.now()).corpus(PER_TOPIC);
            double generated = (System.nanoTime() - started) / 1e9;
            KafkaTopics.produceKeyed(
                    KAFKA.bootstrapServers(), topics.zones(), "world", WORLD_LAYER);
            UNUSABLE_LAYERS.forEach(
                    (key, value) ->
                            KafkaTopics.produceKeyed(
                                    KAFKA.bootstrapServers(), topics.zones(), key, value));
            KafkaTopics.produceKeyed(KAFKA.bootstrapServers(), topics.zones(), "never-was", null);
            long bytes = produce(corpus, topicOf);
            double produced = (System.nanoTime() - started) / 1e9;

            // in = events + activity-log + rejected (of the raw topics), and it stays so.
            Set<String> raw = new HashSet<>(topics.raw());
            AtomicLong out = new AtomicLong();
            await("events + activity-log + rejected to reach " + corpus.size())
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(1))
                    .failFast("the job failed or restarted", job::failed)
                    .until(() -> outputs(topics, raw, out) >= corpus.size());
            double allOut = (System.nanoTime() - started) / 1e9;
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("the job failed or restarted", job::failed)
                    .until(() -> outputs(topics, raw, out) == corpus.size());
            assertThat(job.restarts()).as("restarts of the job").isZero();
            assertThat(job.status().isGloballyTerminalState()).isFalse();

            List<ConsumerRecord<String, String>> events =
                    new ArrayList<>(KafkaTopics.readAll(KAFKA.bootstrapServers(), topics.events()));
            events.addAll(KafkaTopics.readAll(KAFKA.bootstrapServers(), topics.activityLog()));
            List<JsonNode> rejected =
                    KafkaTopics.readJson(KAFKA.bootstrapServers(), topics.rejected());
            List<JsonNode> rawRejected =
                    rejected.stream()
                            .filter(r -> raw.contains(r.get("sourceTopic").asText()))
                            .toList();
            assertThat(events.size() + rawRejected.size()).isEqualTo(corpus.size());
            assertThat(rawRejected)
                    .extracting(
                            r ->
                                    r.get("sourceTopic").asText()
                                            + "/"
                                            + r.get("partition")
                                            + "/"
                                            + r.get("offset"))
                    .as("each raw record rejected at most once")
                    .doesNotHaveDuplicates();
            Set<String> codes =
                    Arrays.stream(RejectReason.values())
                            .map(RejectReason::code)
                            .collect(Collectors.toSet());
            assertThat(rejected)
                    .allSatisfy(
                            r -> {
                                assertThat(codes).contains(r.get("reason").asText());
                                assertThat(r.get("detail").asText()).isNotBlank();
                            });
            assertThat(rejected)
                    .filteredOn(r -> r.get("sourceTopic").asText().equals(topics.zones()))
                    .as("one rejection per unusable zone layer message")
                    .hasSize(UNUSABLE_LAYERS.size());

            // No identity: no marker in any output topic, no identity key left in any original.
            for (String topic : outputTopics(topics)) {
                for (ConsumerRecord<String, String> r :
                        KafkaTopics.readAll(KAFKA.bootstrapServers(), topic)) {
                    assertThat(r.value())
                            .as("a record of %s", topic)
                            .doesNotContain(HostileRecords.IDENTITY_MARKER);
                    assertThat(String.valueOf(r.key()))
                            .doesNotContain(HostileRecords.IDENTITY_MARKER);
                }
            }
            for (JsonNode r : rejected) {
                String original = r.get("original").asText();
                assertThat(IdentityRedaction.strip(original))
                        .as("an original on rejected has no identity field left")
                        .isEqualTo(original);
            }
            for (ConsumerRecord<String, String> e : events) {
                assertThat(keys(JSON.readTree(e.value())))
                        .as("the keys of an event")
                        .noneMatch(IdentityFields::isIdentity);
            }

            Map<String, Long> reasons =
                    new TreeMap<>(
                            rawRejected.stream()
                                    .collect(
                                            Collectors.groupingBy(
                                                    r -> r.get("reason").asText(),
                                                    Collectors.counting())));
            Map<HostileRecords.Mutation, Long> mutations =
                    new TreeMap<>(
                            corpus.stream()
                                    .collect(
                                            Collectors.groupingBy(
                                                    Hostile::mutation, Collectors.counting())));
            System.out.printf(
                    "fuzz: seed %d: %d records (%d MB) in %d mutation cases, %d with identity fields;"
                            + " %d events + %d rejected = %d; restarts 0; generated at %.1f s, sent at"
                            + " %.1f s, all out at %.1f s%n  rejected by reason: %s%n"
                            + "  records by case: %s%n",
                    SEED,
                    corpus.size(),
                    bytes / 1_000_000,
                    mutations.size(),
                    corpus.stream().filter(Hostile::identity).count(),
                    events.size(),
                    rawRejected.size(),
                    events.size() + rawRejected.size(),
                    generated,
                    produced,
                    allOut,
                    reasons,
                    mutations);
            assertThat(mutations).hasSize(HostileRecords.cases());
        }
    }

    /** Events and activities plus rejections of raw records now on the topics. */
    private static long outputs(Topics topics, Set<String> raw, AtomicLong last) throws Exception {
        long events =
                KafkaTopics.readAll(KAFKA.bootstrapServers(), topics.events()).size()
                        + KafkaTopics.readAll(KAFKA.bootstrapServers(), topics.activityLog())
                                .size();
        long rejected =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), topics.rejected()).stream()
                        .filter(r -> raw.contains(r.get("sourceTopic").asText()))
                        .count();
        last.set(events + rejected);
        return events + rejected;
    }

    private static long produce(List<Hostile> corpus, Map<Feed, String> topicOf) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (Hostile h : corpus) {
                bytes += h.value() == null ? 0 : h.value().length;
                acks.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topicOf.get(h.feed()),
                                        h.partition(),
                                        h.receivedAtMillis(),
                                        null,
                                        h.value())));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> ack : acks) {
                try {
                    ack.get();
                } catch (Exception e) {
                    throw new IllegalStateException("the broker refused a corpus record", e);
                }
            }
        }
        return bytes;
    }

    private static List<String> outputTopics(Topics t) {
        return List.of(
                t.events(),
                t.rejected(),
                t.alerts(),
                t.notifications(),
                t.zoneStats(),
                t.hotspots(),
                t.activityLog());
    }

    /** Every object key in the tree, at any depth. */
    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        List<JsonNode> todo = new ArrayList<>(List.of(node));
        while (!todo.isEmpty()) {
            JsonNode n = todo.remove(todo.size() - 1);
            if (n.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.add(e.getKey());
                    todo.add(e.getValue());
                }
            } else if (n.isArray()) {
                n.forEach(todo::add);
            }
        }
        return out;
    }
}
