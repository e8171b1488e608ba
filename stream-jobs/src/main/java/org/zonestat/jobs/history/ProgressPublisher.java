package org.zonestat.jobs.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.zonestat.topics.RunMessage;

/**
 * Turns a running history run's processed-record counts into {@code progress} {@link RunMessage}s
 * on {@code history}: records so far, the total expected (a load's published records; 0 when not
 * known), the rate since the run started and the time left at that rate. Writes at most one message
 * per {@code interval} and only when the count has moved, so a long run adds about one small record
 * a second to the topic. Rate and interval use a monotonic clock; the messages' {@code at} the
 * service's clock.
 *
 * <p>Not thread-safe: one run's thread calls it.
 */
final class ProgressPublisher implements LongConsumer {
    /** Makes the run's {@code progress} message for a count. */
    interface Messages {
        RunMessage progress(long processed, double ratePerSecond, Double secondsLeft, Instant at);
    }

    private final Messages messages;
    private final long total;
    private final Consumer<RunMessage> writer;
    private final Clock clock;
    private final LongSupplier nanos;
    private final long intervalNanos;
    private final long start;
    private long last;
    private long lastCount = -1;

    /**
     * @param messages makes the run's {@code progress} message
     * @param total the records the run processes in all, 0 if unknown
     * @param writer writes a message to {@code history}
     * @param clock the messages' time
     * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param interval the shortest time between two messages
     */
    ProgressPublisher(
            Messages messages,
            long total,
            Consumer<RunMessage> writer,
            Clock clock,
            LongSupplier nanos,
            Duration interval) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.total = total;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.intervalNanos = interval.toNanos();
        this.start = nanos.getAsLong();
        this.last = start - intervalNanos;
    }

    @Override
    public void accept(long processed) {
        long now = nanos.getAsLong();
        if (processed == lastCount || now - last < intervalNanos) {
            return;
        }
        last = now;
        lastCount = processed;
        double seconds = (now - start) / 1e9;
        double rate = seconds <= 0 ? 0 : processed / seconds;
        Double left = total > 0 && rate > 0 ? Math.max(0, total - processed) / rate : null;
        writer.accept(messages.progress(processed, rate, left, clock.instant()));
    }
}
