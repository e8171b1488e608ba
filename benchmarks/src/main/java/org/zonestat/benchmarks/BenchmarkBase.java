package org.zonestat.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Common JMH settings of the ZoneStat benchmarks (after apache/flink-benchmarks): throughput in
 * operations per second, one thread, one fork, 3 warm-up and 5 measurement iterations of one
 * second. {@link GeoBenchmarks} may override them from the command line.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@State(Scope.Thread)
public abstract class BenchmarkBase {
    /** System property naming the folder with the Baltimore event CSV files. */
    public static final String DATA_PROPERTY = "zonestat.data";

    /** The default data folder, relative to the repository root. */
    public static final String DEFAULT_DATA =
            "simulators/src/main/resources/zonestat/data/baltimore";
}
