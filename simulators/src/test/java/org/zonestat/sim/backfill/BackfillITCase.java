package org.zonestat.sim.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.kafka.TopicContents;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.topics.HistoryHeaders;
import org.zonestat.topics.HistoryMessage;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.TopicCodec;

/** The backfill command against a real embedded KRaft broker: every record reaches the topic. */
class BackfillITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static EmbeddedKafkaBroker kafka;

    @TempDir Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = KAFKA.broker();
    }

    @Test
    void all3479ShootingCasesAreBackfilledIntoTheTopic(TestInfo info) throws IOException {
        String topic = freshTopic(info);
        Path input = copy(BaltimoreData.SHOOTINGS_2012_2017);

        long start = System.nanoTime();
        int code =
                backfill(
                        "--kind",
                        "incidents",
                        "--input",
                        input.toString(),
                        "--mapping",
                        "baltimore-shootings-trace",
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "--topic",
                        topic,
                        "--topic-history",
                        topic + ".history",
                        "--load",
                        "trace-load");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(code).isEqualTo(0);
        List<ConsumerRecord<String, String>> inTopic = readAll(topic);
        assertThat(inTopic).hasSize(3479);
        assertThat(inTopic)
                .allMatch(
                        r ->
                                "trace-load"
                                        .equals(
                                                HistoryHeaders.text(
                                                        r.headers(), HistoryHeaders.LOAD)));
        List<HistoryMessage> history =
                readAll(topic + ".history").stream()
                        .map(r -> TopicCodec.decode(r.topic(), r.value(), HistoryMessage.class))
                        .toList();
        assertThat(history)
                .extracting(m -> ((LoadMessage) m).status())
                .containsExactly(LoadMessage.PUBLISHING, LoadMessage.PUBLISHED);
        LoadMessage published = (LoadMessage) history.get(1);
        assertThat(published.records()).isEqualTo(3479);
        long covered = published.ranges().stream().mapToLong(r -> r.last() - r.first() + 1).sum();
        assertThat(covered).as("the ranges hold exactly the load's records").isEqualTo(3479);
        assertThat(keys(inTopic)).isEqualTo(keys(BaltimoreData.shootings2012To2017()));
        System.out.printf(
                "backfill of 3,479 shooting cases: %.2f s end to end, %.0f records/s%n",
                seconds, 3479 / seconds);
    }

    @Test
    void all515Part1RowsAreBackfilledIntoTheTopicWithTheirOriginalTimes(TestInfo info)
            throws IOException {
        String topic = freshTopic(info);
        Path input = copy(BaltimoreData.PART1_2018);

        long start = System.nanoTime();
        int code =
                backfill(
                        "--kind",
                        "incidents",
                        "--input",
                        input.toString(),
                        "--mapping",
                        "baltimore-part1-legacy",
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "--topic",
                        topic,
                        "--topic-history",
                        topic + ".history");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(code).isEqualTo(0);
        List<ConsumerRecord<String, String>> inTopic = readAll(topic);
        assertThat(inTopic).hasSize(515);
        AdapterResult expected = BaltimoreData.part1Of2018();
        assertThat(keys(inTopic)).isEqualTo(keys(expected));
        assertThat(trees(inTopic.stream().map(ConsumerRecord::value).toList()))
                .as("the published JSON, original ids and times included")
                .containsExactlyInAnyOrderElementsOf(
                        trees(expected.events().stream().map(RawEvent::json).toList()));
        System.out.printf(
                "backfill of 515 Part 1 rows: %.2f s end to end, %.0f records/s%n",
                seconds, 515 / seconds);
    }

    @Test
    void aMissingTopicExitsWithTheKafkaProblemCode(TestInfo info) throws IOException {
        Path input = copy(BaltimoreData.PART1_2018);
        int code =
                backfill(
                        "--kind",
                        "incidents",
                        "--input",
                        input.toString(),
                        "--mapping",
                        "baltimore-part1-legacy",
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "--topic",
                        "no-such-topic-" + info.getTestMethod().get().getName());
        assertThat(code).isEqualTo(BackfillCommand.KAFKA_PROBLEM);
    }

    private int backfill(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                new BackfillCommand(KafkaRecordPublisher::forLoad, Duration.ofMillis(500))
                        .run(
                                withNoWait(args),
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8));
        System.out.print(err.toString(StandardCharsets.UTF_8));
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return code;
    }

    /** No history service runs here: the command exits once the load is published. */
    private static String[] withNoWait(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "--no-wait";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static String freshTopic(TestInfo info) {
        String topic = "backfill-" + info.getTestMethod().orElseThrow().getName();
        kafka.createTopic(topic, 2, Map.of());
        kafka.createTopic(topic + ".history", 1, Map.of());
        return topic;
    }

    private static List<JsonNode> trees(List<String> json) throws IOException {
        List<JsonNode> trees = new ArrayList<>();
        for (String j : json) {
            trees.add(JSON.readTree(j));
        }
        return trees;
    }

    private static List<String> keys(AdapterResult r) {
        return r.events().stream().map(RawEvent::key).sorted().toList();
    }

    private static List<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).sorted().toList();
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            TopicContents.readFromBeginning(consumer, topic, Duration.ofSeconds(30), all::add);
            return all;
        }
    }

    private Path copy(String shippedFile) throws IOException {
        Path target = dir.resolve(shippedFile);
        try (InputStream in = BaltimoreData.open(shippedFile)) {
            Files.copy(in, target);
        }
        return target;
    }
}
