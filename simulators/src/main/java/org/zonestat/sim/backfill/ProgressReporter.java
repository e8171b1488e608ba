package org.zonestat.sim.backfill;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints a backfill's progress on one stream (stderr): records so far, records per second and the
 * share of the input read, at most once per {@code interval}, and a final line. The clock is passed
 * in, so tests control time.
 *
 * <p>Used from one thread.
 */
public final class ProgressReporter {
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final String inputName;
    private final long start;
    private long lastPrint;
    private int lines;

    public ProgressReporter(
            PrintStream out, LongSupplier nanoClock, Duration interval, String inputName) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.intervalNanos = interval.toNanos();
        this.inputName = inputName;
        this.start = nanoClock.getAsLong();
        this.lastPrint = start;
    }

    /** Called after each record; prints if the interval has passed since the last line. */
    public void update(long records, long bytesRead, long totalBytes) {
        long now = nanoClock.getAsLong();
        if (now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        lines++;
        out.printf(
                Locale.ROOT,
                "backfill: %,d records, %,.0f records/s, %s of %s%n",
                records,
                perSecond(records, now - start),
                share(bytesRead, totalBytes),
                inputName);
        out.flush();
    }

    /** Prints the final line and returns the time since the start. */
    public Duration finish(long records) {
        long elapsed = nanoClock.getAsLong() - start;
        lines++;
        out.printf(
                Locale.ROOT,
                "backfill: done, %,d records in %.2f s (%,.0f records/s), 100%% of %s%n",
                records,
                elapsed / 1e9,
                perSecond(records, elapsed),
                inputName);
        out.flush();
        return Duration.ofNanos(elapsed);
    }

    /** How many lines were printed (for tests). */
    public int lines() {
        return lines;
    }

    private static double perSecond(long records, long nanos) {
        return nanos <= 0 ? 0 : records * 1e9 / nanos;
    }

    private static String share(long bytesRead, long totalBytes) {
        if (totalBytes <= 0) {
            return "?%";
        }
        return Math.min(100, bytesRead * 100 / totalBytes) + "%";
    }
}
