package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.history.HistoryService;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.kafka.TopicContents;
import org.zonestat.sim.backfill.BackfillCommand;
import org.zonestat.sim.backfill.KafkaRecordPublisher;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.topics.HistoryMessage;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.RunMessage;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.Topics;

/**
 * Progress people can trust: {@code ./zonestat backfill}'s command publishes the real shooting
 * cases of 2012-2017 into a real broker beside a running history service and waits for its run (no
 * {@code --no-wait}). The service's {@code progress} messages for the run appear on {@code
 * history}, counting up towards the load's published records; the command draws both bars and ends
 * with a reconciliation that reconciles ({@code in = accepted + rejected}, and {@code in} is every
 * record published).
 */
class LoadProgressITCase {
    @TempDir static Path dir;

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KAFKA.broker();
    }

    @Test
    void aWaitedLoadShowsItsProcessingOnHistoryAndEndsReconciled() throws Exception {
        Path input = dir.resolve(BaltimoreData.SHOOTINGS_2012_2017);
        try (InputStream in = BaltimoreData.open(BaltimoreData.SHOOTINGS_2012_2017)) {
            Files.copy(in, input);
        }
        JobConfig config =
                JobConfig.defaults(kafka.bootstrapServers())
                        .withTopics(Topics.defaults().withSuffix(".progress"))
                        .withGroupId("progress");
        kafka.createTopics(config.topics().newTopics(2, (short) 1));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (HistoryService service = new HistoryService(config, 2, Clock.systemUTC()).start()) {
            code =
                    new BackfillCommand(KafkaRecordPublisher::forLoad, Duration.ofMillis(500))
                            .run(
                                    new String[] {
                                        "--kind",
                                        "incidents",
                                        "--input",
                                        input.toString(),
                                        "--mapping",
                                        "baltimore-shootings-trace",
                                        "--bootstrap",
                                        kafka.bootstrapServers(),
                                        "--topic",
                                        config.topics().incidents(),
                                        "--topic-history",
                                        config.topics().history(),
                                        "--load",
                                        "shootings-progress",
                                        "--wait-seconds",
                                        "120"
                                    },
                                    new PrintStream(out, true, StandardCharsets.UTF_8),
                                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        String bars = err.toString(StandardCharsets.UTF_8);
        System.out.print(bars);
        System.out.print(printed);
        assertThat(code).as(printed).isEqualTo(BackfillCommand.OK);

        List<HistoryMessage> history = history(config.topics().history());
        LoadMessage load =
                history.stream()
                        .filter(m -> m instanceof LoadMessage l && l.isPublished())
                        .map(LoadMessage.class::cast)
                        .findFirst()
                        .orElseThrow();
        List<RunMessage> runs =
                history.stream()
                        .filter(m -> m instanceof RunMessage r && r.loads().contains(load.loadId()))
                        .map(RunMessage.class::cast)
                        .toList();
        List<RunMessage> progress =
                runs.stream().filter(r -> RunMessage.PROGRESS.equals(r.status())).toList();
        RunMessage done = runs.get(runs.size() - 1);
        System.out.printf(
                "%d progress messages: %s%n",
                progress.size(), progress.stream().map(RunMessage::recordsRead).toList());

        assertThat(runs.get(0).status()).isEqualTo(RunMessage.RUNNING);
        assertThat(progress).as("progress of the running load").isNotEmpty();
        assertThat(progress).allMatch(p -> p.recordsTotal() == load.records());
        assertThat(progress.stream().map(RunMessage::recordsRead).toList())
                .isSorted()
                .allMatch(n -> n <= load.records());
        assertThat(done.status()).isEqualTo(RunMessage.DONE);
        RunMessage.Reconciliation r = done.reconciliation();
        assertThat(r.reconciles()).as("in = events + rejected: %s", r).isTrue();
        assertThat(r.loadedIn()).isEqualTo(load.records());
        assertThat(r.zoneDaysWritten()).isPositive();
        assertThat(done.layerVersions())
                .as("the run names every layer it tagged with, each at its version")
                .containsOnlyKeys(config.layers().stream().map(ZoneLayerSpec::id).toList())
                .allSatisfy((layer, version) -> assertThat(version).isEqualTo(1));

        assertThat(bars).contains("publishing " + input.getFileName() + " [");
        assertThat(bars).contains("processing " + input.getFileName() + " [");
        assertThat(printed)
                .contains(
                        String.format("  in:                %,d", r.loadedIn()),
                        String.format("  accepted (events): %,d", r.eventsWritten()),
                        String.format("  zone-days written: %,d", r.zoneDaysWritten()));
    }

    private static List<HistoryMessage> history(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<HistoryMessage> messages = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicContents.readFromBeginning(
                    c,
                    topic,
                    Duration.ofSeconds(60),
                    r ->
                            messages.add(
                                    TopicCodec.decode(r.topic(), r.value(), HistoryMessage.class)));
        }
        return messages;
    }
}
