package org.zonestat.jobs.history;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.zonestat.config.BootstrapOption;
import org.zonestat.config.Cli;
import org.zonestat.topics.HistoryRunWatcher;
import org.zonestat.topics.ProgressBar;
import org.zonestat.topics.ReprocessMessage;
import org.zonestat.topics.RunMessage;
import org.zonestat.topics.TopicCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./zonestat reprocess --layer ID [--from DATE] [--to DATE]}: asks the history service to
 * count a zone layer's past events again with the layer as it is now (after planners uploaded or
 * edited it), so a newly drawn zone has last year's numbers. Writes a {@link ReprocessMessage} on
 * {@code history}, then waits for its run, with a progress bar of the events counted on stderr, and
 * prints its reconciliation (events counted, zone-days written), unless {@code --wait-seconds 0}.
 *
 * <p>Exit codes: 0 done (or asked, without waiting), 1 the run failed or its counts do not
 * reconcile, 2 bad flags, 3 Kafka unreachable or no answer in time. Not thread-safe: one command
 * line per instance.
 */
@Command(
        name = "reprocess",
        description =
                "Recomputes a zone layer's past scorecard from the stored events with the layer as"
                        + " it is now.")
public final class ReprocessCommand implements Callable<Integer> {
    @Option(
            names = "--layer",
            required = true,
            paramLabel = "ID",
            description = "The layer to recompute (as uploaded to the zones topic).")
    private String layer;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "The first local day recomputed (default: the earliest).")
    private LocalDate from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description = "The last local day recomputed (default: the latest).")
    private LocalDate to;

    @Option(
            names = "--wait-seconds",
            paramLabel = "N",
            defaultValue = "600",
            description = "How long to wait for the run's outcome (0: ask and exit).")
    private long waitSeconds;

    @Option(
            names = "--topic-history",
            paramLabel = "TOPIC",
            defaultValue = "history",
            description = "Loads, reprocess requests and history runs, one partition.")
    private String historyTopic;

    @Mixin private BootstrapOption kafka;

    private final PrintStream out;

    public ReprocessCommand() {
        this(System.out);
    }

    /** A command that prints its outcome on {@code out}. */
    public ReprocessCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.main(new ReprocessCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (from != null && to != null && to.isBefore(from)) {
            out.println("reprocess: --to " + to + " is before --from " + from);
            return Cli.USAGE;
        }
        String id = "reprocess-" + layer + "-" + UUID.randomUUID().toString().substring(0, 8);
        ReprocessMessage request = new ReprocessMessage(id, layer, from, to, Instant.now());
        long offset;
        try (KafkaProducer<String, String> producer = producer()) {
            offset =
                    producer.send(
                                    new ProducerRecord<>(
                                            historyTopic,
                                            null,
                                            request.timestamp().toEpochMilli(),
                                            id,
                                            TopicCodec.encodeToString(request)))
                            .get(30, TimeUnit.SECONDS)
                            .offset();
        } catch (Exception e) {
            out.println("reprocess: cannot write to " + historyTopic + ": " + e.getMessage());
            return 3;
        }
        out.printf(Locale.ROOT, "reprocess: asked (%s) for layer %s%n", id, layer);
        if (waitSeconds <= 0) {
            return 0;
        }
        Optional<RunMessage> run =
                new HistoryRunWatcher(kafka.servers(), historyTopic)
                        .await(
                                id,
                                offset,
                                Duration.ofSeconds(waitSeconds),
                                () -> ProgressBar.onStderr("processing"));
        if (run.isEmpty()) {
            out.printf(Locale.ROOT, "reprocess: no outcome within %d s%n", waitSeconds);
            return 3;
        }
        if (run.get().isDone()) {
            out.printf(
                    Locale.ROOT,
                    "reprocess: layer %s version %s counted again%n",
                    run.get().layer(),
                    run.get().layerVersions().get(run.get().layer()));
        }
        return HistoryRunWatcher.report(run.get(), out, "reprocess") ? 0 : 1;
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        return new KafkaProducer<>(p);
    }
}
