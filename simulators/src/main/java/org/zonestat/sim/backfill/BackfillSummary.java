package org.zonestat.sim.backfill;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.zonestat.sim.mapping.Rejection;

/**
 * What a backfill did: rows read and rejected, records published (a 311 row may make several), the
 * first {@value #LISTED} rejections and how long it took.
 *
 * <p>Immutable; thread-safe.
 */
public record BackfillSummary(
        long goodRows,
        long rejectedRows,
        long recordsPublished,
        List<Rejection> firstRejections,
        Duration elapsed) {
    /** How many rejections are kept and listed. */
    public static final int LISTED = 20;

    public BackfillSummary {
        firstRejections = List.copyOf(firstRejections);
    }

    public long rows() {
        return goodRows + rejectedRows;
    }

    public double recordsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : recordsPublished / s;
    }

    /** The human summary the command prints at the end. */
    public void print(
            PrintStream out, String inputName, String topic, String bootstrap, String mappingName) {
        out.printf(
                Locale.ROOT,
                "backfill of %s (mapping %s) into %s on %s%n",
                inputName,
                mappingName,
                topic,
                bootstrap);
        out.printf(Locale.ROOT, "  rows read:         %,d%n", rows());
        out.printf(Locale.ROOT, "  good rows:         %,d%n", goodRows);
        out.printf(Locale.ROOT, "  rejected rows:     %,d%n", rejectedRows);
        out.printf(
                Locale.ROOT,
                "  records published: %,d in %.2f s (%,.0f records/s)%n",
                recordsPublished,
                elapsed.toNanos() / 1e9,
                recordsPerSecond());
        if (rejectedRows > 0) {
            out.printf(
                    Locale.ROOT,
                    "rejected rows (%s):%n",
                    rejectedRows > firstRejections.size()
                            ? "first " + firstRejections.size() + " of " + rejectedRows
                            : "all " + rejectedRows);
            firstRejections.forEach(r -> out.println("  " + r));
        }
        out.flush();
    }
}
