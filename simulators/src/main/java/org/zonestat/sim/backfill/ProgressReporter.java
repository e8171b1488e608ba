package org.zonestat.sim.backfill;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.zonestat.topics.ProgressBar;

/**
 * A backfill's publishing progress on one stream (stderr), as a {@link ProgressBar} labelled {@code
 * publishing FILE}: records so far, records per second, the share of the input published and the
 * time left at that rate, at most once per {@code interval}, and a final line. The share is the
 * bytes read of the file (in file order) or the records published of those read (in time order,
 * where the whole file is read first). The clock is passed in, so tests control time.
 *
 * <p>Used from one thread.
 */
public final class ProgressReporter {
    private final ProgressBar bar;

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
    }

    /** Called after each record; draws the bar if the interval has passed since the last draw. */
    public void update(long records, long bytesRead, long totalBytes) {
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
