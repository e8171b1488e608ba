package org.zonestat.topics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A command line's progress bar for one phase of history work ({@code publishing}, {@code
 * processing}): records so far, records per second, the share done and the time left at that rate.
 *
 * <p>How it draws: on a terminal it redraws one line in place (a carriage return, then the line
 * padded over the previous one) at most once per {@code interval}; elsewhere (a log file, CI) it
 * prints plain lines, at most once per {@code interval}. {@link #finish} (done) and {@link #stop}
 * (failed) always end with a full line and a newline. The share is given by the caller (bytes of a
 * file read, records of a known total), so the bar does not care what is counted; with no share
 * known it shows records and rate only. The time left is {@code elapsed * (1 - share) / share}: the
 * rate so far applied to what is left. The clock is passed in, so tests control time.
 *
 * <p>Not thread-safe: one thread updates a bar.
 */
public final class ProgressBar {
    /** Cells of the drawn bar. */
    static final int WIDTH = 24;

    /** A share that is not known. */
    public static final double UNKNOWN = -1;

    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final String label;
    private final boolean terminal;
    private final long start;
    private long lastDraw;
    private int drawn;
    private int lastLength;

    /**
     * @param out where the bar goes (stderr)
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param interval the shortest time between two draws
     * @param label the phase, e.g. {@code publishing}
     * @param terminal redraw in place (a terminal) or print plain lines (anything else)
     */
    public ProgressBar(
            PrintStream out,
            LongSupplier nanoClock,
            Duration interval,
            String label,
            boolean terminal) {
        this.out = Objects.requireNonNull(out, "out");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.intervalNanos = interval.toNanos();
        this.label = Objects.requireNonNull(label, "label");
        this.terminal = terminal;
        this.start = nanoClock.getAsLong();
        this.lastDraw = start;
    }

    /**
     * A bar on stderr with the system clock: redrawn four times a second on a terminal, a plain
     * line every five seconds otherwise.
     */
    public static ProgressBar onStderr(String label) {
        boolean terminal = System.console() != null;
        return new ProgressBar(
                System.err,
                System::nanoTime,
                terminal ? Duration.ofMillis(250) : Duration.ofSeconds(5),
                label,
                terminal);
    }

    /**
     * Draws the bar if the interval has passed since the last draw.
     *
     * @param records records so far
     * @param share the share done in [0, 1], or {@link #UNKNOWN}
     */
    public void update(long records, double share) {
        long now = nanoClock.getAsLong();
        if (now - lastDraw < intervalNanos) {
            return;
        }
        lastDraw = now;
        draw(render(label, records, share, now - start), false);
    }

    /** Draws the bar at 100% with {@code records} and ends its line; returns the time taken. */
    public Duration finish(long records) {
        long elapsed = nanoClock.getAsLong() - start;
        draw(render(label, records, 1.0, elapsed), true);
        return Duration.ofNanos(elapsed);
    }

    /** Draws the bar where it stopped (a failed run) and ends its line. */
    public void stop(long records, double share) {
        draw(render(label, records, share, nanoClock.getAsLong() - start), true);
    }

    /** How many times the bar was drawn (for tests). */
    public int draws() {
        return drawn;
    }

    private void draw(String line, boolean last) {
        drawn++;
        if (terminal) {
            String pad = " ".repeat(Math.max(0, lastLength - line.length()));
            lastLength = line.length();
            out.print("\r" + line + pad + (last ? System.lineSeparator() : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * Below this share the time left is not shown: one record of a file, or a run's first seconds
     * of sorting, say nothing yet about the rate of the rest.
     */
    static final double MIN_SHARE_FOR_TIME_LEFT = 0.01;

    /**
     * One line of the bar, e.g. {@code processing [############------------] 50% 1,000 records 250
     * records/s 0:04 left}.
     *
     * @param share the share done in [0, 1], or {@link #UNKNOWN} (no bar, share or time left)
     * @param elapsedNanos time since the start
     */
    static String render(String label, long records, double share, long elapsedNanos) {
        double rate = elapsedNanos <= 0 ? 0 : records * 1e9 / elapsedNanos;
        StringBuilder b = new StringBuilder(label);
        if (share >= 0) {
            double s = Math.min(1, share);
            int full = (int) Math.floor(s * WIDTH);
            b.append(" [")
                    .append("#".repeat(full))
                    .append("-".repeat(WIDTH - full))
                    .append(String.format(Locale.ROOT, "] %3d%%", (int) Math.floor(s * 100)));
        }
        b.append(String.format(Locale.ROOT, " %,d records %,.0f records/s", records, rate));
        if (share < MIN_SHARE_FOR_TIME_LEFT) {
            if (share >= 0) {
                b.append(" estimating time left");
            }
        } else if (share < 1 && elapsedNanos > 0) {
            long left = Math.round(elapsedNanos / 1e9 * (1 - share) / share);
            b.append(' ').append(clock(left)).append(" left");
        }
        return b.toString();
    }

    /** Seconds as {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
