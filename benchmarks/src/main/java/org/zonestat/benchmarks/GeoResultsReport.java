package org.zonestat.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the geo benchmark results as the markdown file {@code benchmarks/results/geo.md}. Pure:
 * every figure, including the date and machine, is passed in.
 *
 * <p>Stateless; thread-safe.
 */
public final class GeoResultsReport {
    /**
     * Goals of the issue: lookups per second of the fast path, and its speed-up over the STR-tree.
     */
    public static final double GOAL_LOOKUPS_PER_SECOND = 10_000_000;

    public static final double GOAL_SPEEDUP_OVER_STRTREE = 5;

    private GeoResultsReport() {}

    /**
     * One strategy's figures.
     *
     * @param lookupsPerSecond JMH score of {@link ZoneLookupBenchmark}, lookups per second
     * @param lookupsError half-width of its 99.9% confidence interval
     * @param buildMillis JMH score of {@link ZoneIndexBuildBenchmark}, ms per build
     * @param buildError half-width of its 99.9% confidence interval
     * @param retainedBytes heap retained by the built locator, beyond the layer itself
     */
    public record Row(
            LocatorStrategy strategy,
            double lookupsPerSecond,
            double lookupsError,
            double buildMillis,
            double buildError,
            long retainedBytes) {}

    /** The machine and run the figures come from. */
    public record Machine(
            int processors,
            String cpuModel,
            String jvm,
            String os,
            String loadAverage,
            String date,
            String command,
            Map<String, String> settings) {}

    public static String render(List<Row> rows, Machine machine, int points, int distinctEvents) {
        Row grid = find(rows, LocatorStrategy.GRID);
        Row strtree = find(rows, LocatorStrategy.STRTREE);
        Row brute = find(rows, LocatorStrategy.BRUTE_FORCE);
        StringBuilder md = new StringBuilder();
        md.append("# Geo benchmarks: point-to-zone lookup\n\n");
        md.append("Layer: Baltimore neighborhoods 2010 (278 zones). Input: ")
                .append(String.format(Locale.ROOT, "%,d", points))
                .append(" points resampled (seeded) from ")
                .append(String.format(Locale.ROOT, "%,d", distinctEvents))
                .append(
                        " real event locations (shootings 2012-2017, 2018 homicides and shootings, 311 requests).\n")
                .append(
                        "Single-threaded. Written by `org.zonestat.benchmarks.GeoBenchmarks`; column meanings in ")
                .append("benchmarks/README.md; raw JMH output in `geo-jmh.json`.\n\n");
        md.append(
                "| benchmark | strategy | lookups/s | ± error (99.9%) | fast / this | build ms | ± error | retained heap bytes |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| ZoneLookupBenchmark.locate | %s | %,.0f | %,.0f | %s | %,.1f | %,.1f | %,d |\n",
                            r.strategy().className(),
                            r.lookupsPerSecond(),
                            r.lookupsError(),
                            grid == null
                                    ? "n/a"
                                    : ratio(grid.lookupsPerSecond(), r.lookupsPerSecond()),
                            r.buildMillis(),
                            r.buildError(),
                            r.retainedBytes()));
        }
        md.append('\n');
        if (grid != null && strtree != null && brute != null) {
            double vsTree = grid.lookupsPerSecond() / strtree.lookupsPerSecond();
            double vsNaive = grid.lookupsPerSecond() / brute.lookupsPerSecond();
            md.append(
                    String.format(
                            Locale.ROOT,
                            "- Ratio fast/STRtree: **%.1fx**; ratio fast/naive: **%.0fx**.\n",
                            vsTree,
                            vsNaive));
            boolean met =
                    grid.lookupsPerSecond() >= GOAL_LOOKUPS_PER_SECOND
                            && vsTree >= GOAL_SPEEDUP_OVER_STRTREE;
            md.append(
                    String.format(
                            Locale.ROOT,
                            "- Goal (fast path >= %,.0f lookups/s on one core and >= %.0fx the STR-tree in the same run): **%s**.\n",
                            GOAL_LOOKUPS_PER_SECOND,
                            GOAL_SPEEDUP_OVER_STRTREE,
                            met ? "met" : "NOT met"));
        }
        md.append("\n## Machine and run\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(machine.date()).append(" |\n");
        md.append("| nproc | ").append(machine.processors()).append(" |\n");
        md.append("| CPU | ").append(machine.cpuModel()).append(" |\n");
        md.append("| JVM | ").append(machine.jvm()).append(" |\n");
        md.append("| OS | ").append(machine.os()).append(" |\n");
        md.append("| load average at start (/proc/loadavg) | ")
                .append(machine.loadAverage())
                .append(" |\n");
        machine.settings()
                .forEach(
                        (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("| command | `").append(machine.command()).append("` |\n");
        return md.toString();
    }

    private static String ratio(double fast, double other) {
        return String.format(Locale.ROOT, "%.1fx", fast / other);
    }

    private static Row find(List<Row> rows, LocatorStrategy strategy) {
        return rows.stream().filter(r -> r.strategy() == strategy).findFirst().orElse(null);
    }
}
