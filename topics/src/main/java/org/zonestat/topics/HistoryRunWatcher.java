package org.zonestat.topics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code history} for the run that processes one load or answers one reprocess request
 * (what {@code zonestat backfill} and {@code zonestat reprocess} wait for): draws its {@code
 * progress} messages on a {@link ProgressBar} and returns its last message ({@code done} or {@code
 * failed}). {@link #report} prints a finished run's reconciliation.
 *
 * <p>Not thread-safe: one wait at a time per instance.
 */
public final class HistoryRunWatcher {
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String historyTopic;

    public HistoryRunWatcher(String bootstrapServers, String historyTopic) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.historyTopic = Objects.requireNonNull(historyTopic, "historyTopic");
    }

    /**
     * Waits for the run of {@code id} (a load's or a reprocess request's id), reading {@code
     * history} from {@code fromOffset}.
     *
     * @param bar makes the processing bar when the run's first message arrives (so its rate and
     *     time left count from the run's start)
     * @return the run's final message, or empty if none came within {@code atMost}
     */
    public Optional<RunMessage> await(
            String id, long fromOffset, Duration atMost, Supplier<ProgressBar> bar) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long deadline = System.nanoTime() + atMost.toNanos();
        ProgressBar shown = null;
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(historyTopic, 0);
            c.assign(List.of(tp));
            c.seek(tp, fromOffset);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(POLL)) {
                    Optional<RunMessage> run = runOf(r, id);
                    if (run.isEmpty()) {
                        continue;
                    }
                    RunMessage m = run.get();
                    if (shown == null) {
                        shown = bar.get();
                    }
                    if (m.isFinal()) {
                        if (m.isDone()) {
                            shown.finish(m.recordsRead());
                        } else {
                            shown.stop(m.recordsRead(), share(m));
                        }
                        return run;
                    }
                    shown.update(m.recordsRead(), share(m));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<RunMessage> runOf(ConsumerRecord<String, String> r, String id) {
        if (r.value() == null) {
            return Optional.empty();
        }
        HistoryMessage m;
        try {
            m = TopicCodec.decode(r.topic(), r.value(), HistoryMessage.class);
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
        return m instanceof RunMessage run
                        && (run.loads().contains(id) || run.requests().contains(id))
                ? Optional.of(run)
                : Optional.empty();
    }

    /** The run's records processed of its total, or {@link ProgressBar#UNKNOWN}. */
    static double share(RunMessage m) {
        return m.recordsTotal() > 0
                ? (double) m.recordsRead() / m.recordsTotal()
                : ProgressBar.UNKNOWN;
    }

    /**
     * Prints a finished run's outcome: for a done run its reconciliation (records in, accepted as
     * events, rejected by reason, zone-days written; it reconciles when {@code in = accepted +
     * rejected} and, for a load, {@code in} is every record published); for a failed one what went
     * wrong.
     *
     * @param command the command's name, starting each line
     * @return whether the run is done and reconciles
     */
    public static boolean report(RunMessage run, PrintStream out, String command) {
        if (!run.isDone()) {
            out.printf(Locale.ROOT, "%s: run %s failed: %s%n", command, run.runId(), run.detail());
            return false;
        }
        RunMessage.Reconciliation r = run.reconciliation();
        String reasons =
                r.rejected().isEmpty()
                        ? ""
                        : r.rejected().entrySet().stream()
                                .map(
                                        e ->
                                                String.format(
                                                        Locale.ROOT,
                                                        "%s %,d",
                                                        e.getKey(),
                                                        e.getValue()))
                                .collect(Collectors.joining(", ", " (", ")"));
        out.printf(Locale.ROOT, "%s: run %s done%n", command, run.runId());
        out.printf(Locale.ROOT, "  in:                %,d%n", r.loadedIn());
        out.printf(Locale.ROOT, "  accepted (events): %,d%n", r.eventsWritten());
        out.printf(Locale.ROOT, "  rejected:          %,d%s%n", r.rejectedTotal(), reasons);
        out.printf(Locale.ROOT, "  zone-days written: %,d%n", r.zoneDaysWritten());
        if (!r.reconciles()) {
            out.printf(
                    Locale.ROOT,
                    "%s: the counts do not reconcile: in %,d != accepted %,d + rejected %,d%n",
                    command,
                    r.loadedIn(),
                    r.eventsWritten(),
                    r.rejectedTotal());
            return false;
        }
        if (run.recordsTotal() > 0 && r.loadedIn() != run.recordsTotal()) {
            out.printf(
                    Locale.ROOT,
                    "%s: the counts do not reconcile: %,d records processed of %,d published%n",
                    command,
                    r.loadedIn(),
                    run.recordsTotal());
            return false;
        }
        return true;
    }
}
