package org.zonestat.benchmarks;

import org.zonestat.config.Cli;
import picocli.CommandLine.Command;

/**
 * {@code zonestat bench geo|pipeline|positions|websocket|tag|history}: the benchmarks, each writing
 * its results file under {@code benchmarks/results} (see the module README).
 */
@Command(
        name = "bench",
        description = "Runs a benchmark and writes its results under benchmarks/results.",
        subcommands = {
            GeoBenchmarks.class,
            ReplayBenchmark.class,
            PipelineBenchmark.class,
            PositionsBenchmark.class,
            WebSocketBenchmark.class,
            TagBenchmark.class,
            HistoryBenchmark.class
        })
public final class BenchCommand {
    public static void main(String[] args) {
        Cli.main(new BenchCommand(), args);
    }
}
