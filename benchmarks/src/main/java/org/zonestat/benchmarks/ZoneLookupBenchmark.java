package org.zonestat.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;

/**
 * Point-to-zone lookups per second on the 278 Baltimore neighborhoods (2010), over {@value #POINTS}
 * points resampled from real event locations. One invocation looks up every point; {@link
 * OperationsPerInvocation} turns that into per-lookup throughput.
 */
public class ZoneLookupBenchmark extends BenchmarkBase {
    public static final int POINTS = 100_000;

    /** The locator under test and its input. */
    @State(Scope.Thread)
    public static class LookupContext {
        @Param({"GRID", "STRTREE", "BRUTE_FORCE"})
        public LocatorStrategy strategy;

        ZoneLocator locator;
        double[] lons;
        double[] lats;

        @Setup(Level.Trial)
        public void setUp() {
            ZoneLayer layer = BaltimoreLayers.neighborhoods2010();
            EventPoints points =
                    EventPoints.sample(EventPoints.dataDir(), POINTS, EventPoints.DEFAULT_SEED);
            lons = points.lons();
            lats = points.lats();
            locator = strategy.build(layer);
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long locate(LookupContext context) {
        ZoneLocator locator = context.locator;
        double[] lons = context.lons;
        double[] lats = context.lats;
        long sum = 0;
        for (int i = 0; i < lons.length; i++) {
            sum += locator.locate(lons[i], lats[i]);
        }
        return sum;
    }
}
