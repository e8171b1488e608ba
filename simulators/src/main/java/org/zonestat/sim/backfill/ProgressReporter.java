package org.zonestat.sim.backfill;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.zonestat.topics.ProgressBar;

/**
 * A backfill's publishing progress on one stream (stderr), as a {@link ProgressBar} labelled {@code
 * publishing FILE}: records so far, records per second, the share of the input published and the
 * time left at that rate, at most once per {@code interval}, and a final line. The share is the
 * bytes read of the file (in file order) or the records published of those read (in time order,
 * where the whole file is read first). It also tells a {@link Listener} (the command announces the
 * load's progress on {@code history}, for the console) at most once per {@link #ANNOUNCE_EVERY}.
 * The clock is passed in, so tests control time.
 *
 * <p>Used from one thread.
 */
public final class ProgressReporter {
    /** The shortest time between two calls of the listener. */
    public static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(1);

    /** Told the progress so far, at most once per {@link #ANNOUNCE_EVERY}. */
    @FunctionalInterface
    public interface Listener {
        void progress(long records, long bytesRead, double recordsPerSecond);
    }

    private final ProgressBar bar;
    private final LongSupplier nanoClock;
    private final long start;
    private Listener listener = (records, bytesRead, rate) -> {};
    private long lastAnnounced;

    /**
     * @param terminal redraw one line in place (a terminal) or print plain lines
     */
    public ProgressReporter(
            PrintStream out,
            LongSupplier nanoClock,
            Duration interval,
            String inputName,
            boolean terminal) {
        this.bar = new ProgressBar(out, nanoClock, interval, "publishing " + inputName, terminal);
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastAnnounced = start;
    }

    /** Tells {@code listener} the progress from now on; returns this reporter. */
    public ProgressReporter announcingTo(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Called after each record; draws the bar if the interval has passed since the last draw. */
    public void update(long records, long bytesRead, long totalBytes) {
        long now = nanoClock.getAsLong();
        if (now - lastAnnounced >= ANNOUNCE_EVERY.toNanos()) {
            lastAnnounced = now;
            listener.progress(records, bytesRead, records * 1e9 / (now - start));
        }
        bar.update(
                records,
                totalBytes <= 0
                        ? ProgressBar.UNKNOWN
                        : Math.min(1.0, (double) bytesRead / totalBytes));
    }

    /** Draws the final line and returns the time since the start. */
    public Duration finish(long records) {
        return bar.finish(records);
    }

    /** How many times the bar was drawn (for tests). */
    public int lines() {
        return bar.draws();
    }
}
