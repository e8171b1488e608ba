package org.zonestat.sim.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.zonestat.config.BootstrapOption;
import org.zonestat.config.Cli;
import org.zonestat.sim.Feed;
import org.zonestat.sim.mapping.FeedMapping;
import org.zonestat.sim.mapping.InvalidInputException;
import org.zonestat.topics.ContactKeyOption;
import org.zonestat.topics.HistoryRunWatcher;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.ProgressBar;
import org.zonestat.topics.RunMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./zonestat backfill}: loads one export through a mapping into a running system's raw
 * topic, as fast as possible, with the records' original ids and event times, as one load: every
 * record carries the load's id (header {@code zonestat-load}), so the live job leaves it to the
 * history service, which processes the load in batch once the command writes it {@code published}
 * on {@code history} (with the offsets of its records). Loads of any years, in any order, add up
 * and are never rejected as late. A picocli command; {@code --help} lists the flags. Then, unless
 * {@code --no-wait}, it follows the history service's run of the load on {@code history} ({@link
 * HistoryRunWatcher}) and ends with its reconciliation. Progress bars ({@code publishing}, then
 * {@code processing}: records, rate, share done, time left) go to stderr, redrawn in place on a
 * terminal and as plain lines otherwise; the summary (good and rejected rows, the first rejections
 * as {@code file:line: reason}) and the reconciliation (in, accepted, rejected by reason, zone-days
 * written) to stdout.
 *
 * <p>Exit codes: 0 published (and, when waiting, processed and reconciled; rejected rows do not
 * change that), 1 unreadable input or mapping, 2 bad or missing flags, 3 Kafka unreachable, topic
 * missing, records not stored or no run outcome in time, 4 the run failed or its counts do not
 * reconcile.
 *
 * <p>{@link #main} only wires the real streams and exits; {@link #run} holds the logic. Not
 * thread-safe: one instance runs one command line at a time.
 */
@Command(
        name = "backfill",
        description =
                "Publishes a city export into a running system's raw topic, with its original ids"
                        + " and event times.")
public final class BackfillCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int BAD_INPUT = 1;
    public static final int USAGE = Cli.USAGE;
    public static final int KAFKA_PROBLEM = 3;
    public static final int RUN_FAILED = 4;

    /** The order records are published in. */
    enum Order {
        /** Event-time order, as a live feed would deliver them; the whole file is read first. */
        TIME,
        /** File order: for files too large to hold that are already in time order. */
        FILE
    }

    @Spec private CommandSpec spec;

    @Option(
            names = "--kind",
            required = true,
            paramLabel = "incidents|requests311|tips|activities",
            description = "The raw feed the records are for (must match the mapping's feed).")
    private Feed kind;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description =
                    "The export to load (CSV, or Open311 JSON with --mapping"
                            + " open311-georeport-v2).")
    private Path input;

    @Option(
            names = "--mapping",
            required = true,
            paramLabel = "FILE|NAME",
            description =
                    "A mapping .properties file, or the name of a shipped mapping or of a"
                            + " shipped city's feed mapping (simulators/README.md lists them; an"
                            + " unknown name's error does too).")
    private String mappingName;

    @Mixin private BootstrapOption kafka;

    @Mixin private ContactKeyOption contactKey;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            description = "The destination topic (default: the mapping's; it must exist).")
    private String topicName;

    @Option(
            names = "--source",
            paramLabel = "NAME",
            description = "The records' source name (default: the mapping's).")
    private String sourceName;

    @Option(
            names = "--load",
            paramLabel = "ID",
            description = "The load's id (default: the file's name and a random part).")
    private String loadId;

    @Option(
            names = "--topic-history",
            paramLabel = "TOPIC",
            defaultValue = "history",
            description = "Loads, reprocess requests and history runs, one partition.")
    private String historyTopic;

    @Option(
            names = "--order",
            paramLabel = "time|file",
            defaultValue = "time",
            description =
                    "time: publish in event-time order, as a live feed would deliver them (the"
                            + " whole file is read first); file: in file order, for files too"
                            + " large to hold that are already in time order.")
    private Order order;

    @Option(
            names = "--no-wait",
            description =
                    "Exit once the load is published, without waiting for the history service to"
                            + " process it.")
    private boolean noWait;

    @Option(
            names = "--wait-seconds",
            paramLabel = "N",
            defaultValue = "3600",
            description = "How long to wait for the history service's run of the load.")
    private long waitSeconds;

    private final BiFunction<String, String, RecordPublisher> publishers;
    private final Duration progressInterval;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * The production command: publishes to Kafka; progress redrawn four times a second on a
     * terminal, a line every five seconds otherwise.
     */
    public BackfillCommand() {
        this(
                KafkaRecordPublisher::forLoad,
                System.console() != null ? Duration.ofMillis(250) : Duration.ofSeconds(5));
    }

    /**
     * @param publishers makes the publisher for a bootstrap address and a load id (Kafka in
     *     production)
     * @param progressInterval the shortest time between two progress lines
     */
    public BackfillCommand(
            BiFunction<String, String, RecordPublisher> publishers, Duration progressInterval) {
        this(publishers, progressInterval, System.out, System.err);
    }

    private BackfillCommand(
            BiFunction<String, String, RecordPublisher> publishers,
            Duration progressInterval,
            PrintStream out,
            PrintStream err) {
        this.publishers = publishers;
        this.progressInterval = progressInterval;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new BackfillCommand().run(args, System.out, System.err));
    }

    /**
     * Runs a command line with this command's publishers and the given streams (a fresh command
     * each time, so no flag carries over from an earlier run); returns its exit code.
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl =
                Cli.commandLine(
                        new BackfillCommand(publishers, progressInterval, out, err),
                        System.getenv());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        Cli.requireNonBlank(spec);
        return publish(
                new BackfillOptions(
                        kind,
                        input,
                        mappingName,
                        kafka.servers(),
                        Optional.ofNullable(topicName).map(String::strip),
                        Optional.ofNullable(sourceName).map(String::strip),
                        order == Order.TIME));
    }

    private int publish(BackfillOptions options) {
        FeedMapping mapping;
        try {
            mapping = FeedMapping.resolve(options.mapping());
            if (options.source().isPresent()) {
                mapping = mapping.withSource(options.source().get());
            }
            if (mapping.column("contact").isPresent()) {
                mapping = mapping.withContactTokens(contactKey.tokens());
            }
        } catch (InvalidInputException | IllegalArgumentException | UncheckedIOException e) {
            err.println("backfill: " + e.getMessage());
            return BAD_INPUT;
        }
        if (mapping.feed() != options.kind()) {
            err.printf(
                    Locale.ROOT,
                    "backfill: --kind %s does not match mapping %s, which is for %s%n",
                    options.kind().name().toLowerCase(Locale.ROOT),
                    mapping.name(),
                    mapping.feed().name().toLowerCase(Locale.ROOT));
            return BAD_INPUT;
        }
        if (!Files.isRegularFile(options.input()) || !Files.isReadable(options.input())) {
            err.println("backfill: cannot read input file " + options.input());
            return BAD_INPUT;
        }
        String topic = options.topic().orElse(mapping.topic());
        String name = options.input().getFileName().toString();
        err.printf(
                Locale.ROOT,
                "backfill: %s -> %s on %s (mapping %s)%n",
                options.input(),
                topic,
                options.bootstrap(),
                mapping.name());
        String load =
                loadId != null && !loadId.isBlank()
                        ? loadId.strip()
                        : name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String history = historyTopic.strip();
        try (RecordPublisher publisher = publishers.apply(options.bootstrap(), load);
                InputStream in = Files.newInputStream(options.input())) {
            publisher.requireTopic(topic);
            publisher.requireTopic(history);
            long size = Files.size(options.input());
            LoadMessage publishing =
                    new LoadMessage(
                            load,
                            LoadMessage.PUBLISHING,
                            options.kind().name().toLowerCase(Locale.ROOT),
                            topic,
                            name,
                            mapping.name(),
                            0,
                            0,
                            0,
                            size,
                            0,
                            List.of(),
                            null,
                            null,
                            Instant.now(),
                            null);
            publisher.announce(history, publishing);
            boolean terminal = err == System.err && System.console() != null;
            ProgressReporter progress =
                    new ProgressReporter(err, System::nanoTime, progressInterval, name, terminal)
                            .announcingTo(
                                    (records, bytesRead, rate) ->
                                            publisher.announce(
                                                    history,
                                                    publishing.withProgress(
                                                            records,
                                                            bytesRead,
                                                            rate,
                                                            Instant.now())));
            BackfillSummary summary;
            try {
                summary =
                        new Backfill(mapping.adapter(), publisher, topic, options.timeOrder())
                                .run(in, name, size, progress);
            } catch (RuntimeException e) {
                publisher.announce(
                        history,
                        publishing.withStatus(LoadMessage.FAILED, Instant.now(), e.getMessage()));
                throw e;
            }
            publisher.announce(
                    history,
                    new LoadMessage(
                            load,
                            LoadMessage.PUBLISHED,
                            publishing.feed(),
                            topic,
                            name,
                            mapping.name(),
                            summary.recordsPublished(),
                            summary.rejectedRows(),
                            size,
                            size,
                            summary.recordsPerSecond(),
                            publisher.ranges(),
                            null,
                            null,
                            Instant.now(),
                            null));
            summary.print(out, name, topic, options.bootstrap(), mapping.name());
            out.printf(
                    Locale.ROOT,
                    "  load:              %s, published on %s; the history service processes it%n",
                    load,
                    history);
            if (noWait) {
                return OK;
            }
            Optional<RunMessage> run =
                    new HistoryRunWatcher(options.bootstrap(), history)
                            .await(
                                    load,
                                    0,
                                    Duration.ofSeconds(waitSeconds),
                                    () ->
                                            new ProgressBar(
                                                    err,
                                                    System::nanoTime,
                                                    progressInterval,
                                                    "processing " + name,
                                                    terminal));
            if (run.isEmpty()) {
                err.printf(
                        Locale.ROOT,
                        "backfill: no outcome of load %s within %d s; is the history service"
                                + " running?%n",
                        load,
                        waitSeconds);
                return KAFKA_PROBLEM;
            }
            return HistoryRunWatcher.report(run.get(), out, "backfill") ? OK : RUN_FAILED;
        } catch (InvalidInputException e) {
            err.println("backfill: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println(
                    "backfill: cannot read input file " + options.input() + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            err.println("backfill: " + e.getMessage());
            return KAFKA_PROBLEM;
        }
    }
}
