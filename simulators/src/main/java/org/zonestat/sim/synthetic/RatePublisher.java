package org.zonestat.sim.synthetic;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.backfill.RecordPublisher;

/**
 * Publishes records from an iterator at a target rate (records per wall-clock second), each to its
 * feed's topic, until the iterator ends. Pacing is by a token count against the clock, so short
 * stalls are caught up; progress goes to {@code progress} once a second.
 *
 * <p>Used from one thread. The clock and the pause are passed in so tests control time.
 */
public final class RatePublisher {
    /** Waits for about the given number of nanoseconds. */
    @FunctionalInterface
    public interface Pause {
        void nanos(long nanos) throws InterruptedException;
    }

    private final RecordPublisher publisher;
    private final Map<Feed, String> topics;
    private final double ratePerSecond;
    private final LongSupplier nanoClock;
    private final Pause pause;
    private final PrintStream progress;

    public RatePublisher(
            RecordPublisher publisher,
            Map<Feed, String> topics,
            double ratePerSecond,
            LongSupplier nanoClock,
            Pause pause,
            PrintStream progress) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0, was " + ratePerSecond);
        }
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.topics = Map.copyOf(topics);
        this.ratePerSecond = ratePerSecond;
        this.nanoClock = nanoClock;
        this.pause = pause;
        this.progress = progress;
    }

    /** Publishes everything; returns how many records were sent. */
    public long run(Iterator<RawEvent> records) throws InterruptedException {
        long start = nanoClock.getAsLong();
        long nextReport = start + 1_000_000_000L;
        long sent = 0;
        while (records.hasNext()) {
            long now = nanoClock.getAsLong();
            long allowed = (long) ((now - start) / 1e9 * ratePerSecond) + 1;
            if (sent >= allowed) {
                pause.nanos(Math.max(100_000L, (long) (1e9 / ratePerSecond)));
                continue;
            }
            while (sent < allowed && records.hasNext()) {
                RawEvent e = records.next();
                publisher.send(topics.get(e.feed()), e);
                sent++;
            }
            if (now >= nextReport) {
                nextReport += 1_000_000_000L;
                progress.printf(
                        Locale.ROOT,
                        "synthetic-city: %,d records, %,.0f records/s%n",
                        sent,
                        sent / ((now - start) / 1e9));
            }
        }
        publisher.flush();
        double seconds = (nanoClock.getAsLong() - start) / 1e9;
        progress.printf(
                Locale.ROOT,
                "synthetic-city: done, %,d records in %.1f s (%,.0f records/s)%n",
                sent,
                seconds,
                seconds <= 0 ? 0 : sent / seconds);
        return sent;
    }
}
