package org.zonestat.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;

/**
 * Time to build each locator over the 278 Baltimore neighborhoods (2010), in milliseconds per build
 * (the layer is read once, outside the measurement). The STR-tree's prepared geometries index
 * themselves lazily on first use, so its figure excludes that part; the grid builds everything
 * eagerly.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ZoneIndexBuildBenchmark extends BenchmarkBase {

    /** The layer to index. */
    @State(Scope.Thread)
    public static class BuildContext {
        @Param({"GRID", "STRTREE", "BRUTE_FORCE"})
        public LocatorStrategy strategy;

        ZoneLayer layer;

        @Setup(Level.Trial)
        public void setUp() {
            layer = BaltimoreLayers.neighborhoods2010();
        }
    }

    @Benchmark
    public ZoneLocator build(BuildContext context) {
        return context.strategy.build(context.layer);
    }
}
