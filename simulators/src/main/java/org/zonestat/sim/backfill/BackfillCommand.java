package org.zonestat.sim.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.zonestat.sim.mapping.FeedMapping;
import org.zonestat.sim.mapping.InvalidInputException;

/**
 * {@code ./zonestat backfill}: loads one export through a mapping into a running system's raw
 * topic, as fast as possible, with the records' original ids and event times (see {@link
 * BackfillOptions#USAGE}). Progress goes to stderr, at most twice a second, then a final line; the
 * summary (good and rejected rows, the first rejections as {@code file:line: reason}) to stdout.
 *
 * <p>Exit codes: 0 published (rejected rows do not change that), 1 bad arguments, unreadable input
 * or mapping, 2 Kafka unreachable, topic missing or records not stored.
 *
 * <p>{@link #main} only wires the real streams and exits; {@link #run} holds the logic.
 */
public final class BackfillCommand {
    public static final int OK = 0;
    public static final int BAD_INPUT = 1;
    public static final int KAFKA_PROBLEM = 2;

    private final Function<String, RecordPublisher> publishers;
    private final Duration progressInterval;

    /**
     * @param publishers makes the publisher for a bootstrap address (Kafka in production)
     * @param progressInterval the shortest time between two progress lines
     */
    public BackfillCommand(
            Function<String, RecordPublisher> publishers, Duration progressInterval) {
        this.publishers = publishers;
        this.progressInterval = progressInterval;
    }

    public static void main(String[] args) {
        BackfillCommand command =
                new BackfillCommand(KafkaRecordPublisher::new, Duration.ofMillis(500));
        System.exit(command.run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit code. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        BackfillOptions options;
        try {
            options = BackfillOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals("help")) {
                err.println("backfill: " + e.getMessage());
            }
            err.println(BackfillOptions.USAGE);
            return e.getMessage().equals("help") ? OK : BAD_INPUT;
        }
        FeedMapping mapping;
        try {
            mapping = FeedMapping.resolve(options.mapping());
            if (options.source().isPresent()) {
                mapping = mapping.withSource(options.source().get());
            }
        } catch (InvalidInputException e) {
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
        try (RecordPublisher publisher = publishers.apply(options.bootstrap());
                InputStream in = Files.newInputStream(options.input())) {
            publisher.requireTopic(topic);
            long size = Files.size(options.input());
            ProgressReporter progress =
                    new ProgressReporter(err, System::nanoTime, progressInterval, name);
            BackfillSummary summary =
                    new Backfill(mapping.adapter(), publisher, topic, options.timeOrder())
                            .run(in, name, size, progress);
            summary.print(out, name, topic, options.bootstrap(), mapping.name());
            return OK;
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
