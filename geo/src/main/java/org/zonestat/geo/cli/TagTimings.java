package org.zonestat.geo.cli;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;

/**
 * When each phase of a {@code tag} run ended, for {@code --timings}: milliseconds since the JVM
 * started, written as one line to standard error. The zones are read and indexed on one thread
 * while the CSV is read on another and written on a third, so the phases overlap; the line gives
 * the moments, from which the durations follow.
 *
 * <p>Thread-safe: each thread marks its own phases.
 */
class TagTimings {
    /** Records nothing and prints nothing. */
    static final TagTimings OFF = new TagTimings(false);

    /** The phases, in the order they usually end. */
    enum Mark {
        MAIN("main entered"),
        ZONES_READ("zones read"),
        INDEX_BUILT("index built"),
        READ("input read and parsed"),
        INDEX_AWAITED("writer had the index"),
        WRITTEN("output written"),
        DONE("done");

        final String label;

        Mark(String label) {
            this.label = label;
        }
    }

    private final boolean on;
    private final Map<Mark, Long> at = new EnumMap<>(Mark.class);

    private TagTimings(boolean on) {
        this.on = on;
    }

    /** Timings that record, if {@code on}; else {@link #OFF}. */
    static TagTimings of(boolean on) {
        return on ? new TagTimings(true) : OFF;
    }

    /** Notes that {@code mark} has ended now. */
    void mark(Mark mark) {
        if (on) {
            long now = System.currentTimeMillis();
            synchronized (at) {
                at.put(mark, now);
            }
        }
    }

    /** The line for standard error, or {@code null} when off. */
    String describe() {
        if (!on) {
            return null;
        }
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        StringBuilder line = new StringBuilder("zonestat tag: timings (ms since the JVM started):");
        synchronized (at) {
            String sep = " ";
            for (Mark m : Mark.values()) {
                Long t = at.get(m);
                if (t != null) {
                    line.append(sep).append(m.label).append(' ').append(t - start);
                    sep = ", ";
                }
            }
        }
        return line.toString();
    }
}
