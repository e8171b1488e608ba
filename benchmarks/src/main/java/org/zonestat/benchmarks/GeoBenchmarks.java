package org.zonestat.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.zonestat.config.Cli;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the geo benchmarks ({@link ZoneLookupBenchmark}, {@link ZoneIndexBuildBenchmark}) with JMH's
 * Runner API, measures each locator's retained heap, and writes {@code geo.md} and {@code
 * geo-jmh.json} to the results folder.
 *
 * <pre>
 * ./zonestat bench geo [--data DIR] [--results DIR] [--date YYYY-MM-DD]
 *      [--warmup N] [--iterations N] [--seconds S] [--forks N]
 * </pre>
 *
 * Defaults: data {@value BenchmarkBase#DEFAULT_DATA}, results {@code benchmarks/results} (both
 * relative to the repository root, where {@code ./zonestat bench geo} runs), today's date, 3
 * warm-up and 5 measurement iterations of 1 s, 1 fork.
 */
@Command(
        name = "geo",
        description =
                "Runs the geo JMH benchmarks (zone lookup and index build per locator) and writes"
                        + " geo.md and geo-jmh.json to the results folder.")
public final class GeoBenchmarks implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "The shipped Baltimore data (relative to the repository root).")
    private Path data = Path.of(BenchmarkBase.DEFAULT_DATA);

    @Option(names = "--results", paramLabel = "DIR", description = "Where the results go.")
    private Path results = Path.of("benchmarks", "results");

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "The date written in the results (default: today).")
    private LocalDate date;

    @Option(names = "--warmup", paramLabel = "N", description = "JMH warm-up iterations.")
    private int warmup = 3;

    @Option(names = "--iterations", paramLabel = "N", description = "JMH measurement iterations.")
    private int iterations = 5;

    @Option(names = "--seconds", paramLabel = "S", description = "Seconds per iteration.")
    private int seconds = 1;

    @Option(names = "--forks", paramLabel = "N", description = "JMH forks.")
    private int forks = 1;

    /** Parsed command line. */
    record Arguments(
            Path data,
            Path results,
            String date,
            int warmup,
            int iterations,
            int seconds,
            int forks) {}

    public static void main(String[] args) {
        Cli.main(new GeoBenchmarks(), args);
    }

    @Override
    public Integer call() throws RunnerException, IOException {
        Arguments a =
                new Arguments(
                        data,
                        results,
                        (date != null ? date : LocalDate.now()).toString(),
                        warmup,
                        iterations,
                        seconds,
                        forks);
        return run(a, spec.commandLine().getParseResult().originalArgs());
    }

    private static int run(Arguments a, List<String> args) throws RunnerException, IOException {
        if (!Files.isDirectory(a.data())) {
            System.err.println(
                    "GeoBenchmarks: no data folder "
                            + a.data().toAbsolutePath()
                            + " (run from the repository root or pass --data DIR)");
            return 1;
        }
        Files.createDirectories(a.results());
        String loadAverage = readFirstLine(Path.of("/proc/loadavg"));
        Path json = a.results().resolve("geo-jmh.json");
        Options options =
                new OptionsBuilder()
                        .include(ZoneLookupBenchmark.class.getName() + ".")
                        .include(ZoneIndexBuildBenchmark.class.getName() + ".")
                        .warmupIterations(a.warmup())
                        .measurementIterations(a.iterations())
                        .warmupTime(TimeValue.seconds(a.seconds()))
                        .measurementTime(TimeValue.seconds(a.seconds()))
                        .forks(a.forks())
                        .threads(1)
                        .jvmArgsAppend(
                                "-Xms1g",
                                "-Xmx1g",
                                "-D"
                                        + BenchmarkBase.DATA_PROPERTY
                                        + "="
                                        + a.data().toAbsolutePath())
                        .resultFormat(ResultFormatType.JSON)
                        .result(json.toString())
                        .build();
        Collection<RunResult> results = new Runner(options).run();

        System.setProperty(BenchmarkBase.DATA_PROPERTY, a.data().toAbsolutePath().toString());
        EventPoints points =
                EventPoints.sample(a.data(), ZoneLookupBenchmark.POINTS, EventPoints.DEFAULT_SEED);
        ZoneLayer layer = BaltimoreLayers.neighborhoods2010();
        List<GeoResultsReport.Row> rows = new ArrayList<>();
        for (LocatorStrategy strategy : LocatorStrategy.values()) {
            Result lookups = primary(results, "ZoneLookupBenchmark", strategy);
            Result build = primary(results, "ZoneIndexBuildBenchmark", strategy);
            long bytes =
                    RetainedHeap.measure(() -> strategy.build(layer), l -> lookAll(l, points), 3);
            rows.add(
                    new GeoResultsReport.Row(
                            strategy,
                            lookups.getScore(),
                            lookups.getScoreError(),
                            build.getScore(),
                            build.getScoreError(),
                            bytes));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "JMH",
                String.format(
                        "%d warm-up + %d measurement iterations of %d s, %d fork(s), 1 thread, -Xmx1g",
                        a.warmup(), a.iterations(), a.seconds(), a.forks()));
        settings.put(
                "retained heap",
                "System.gc() + Runtime used heap before/after building and one pass of lookups, median of 3");
        GeoResultsReport.Machine machine =
                new GeoResultsReport.Machine(
                        Runtime.getRuntime().availableProcessors(),
                        cpuModel(),
                        System.getProperty("java.vm.name")
                                + " "
                                + System.getProperty("java.runtime.version"),
                        System.getProperty("os.name")
                                + " "
                                + System.getProperty("os.version")
                                + " "
                                + System.getProperty("os.arch"),
                        loadAverage,
                        a.date(),
                        "java -cp <benchmarks classpath> org.zonestat.benchmarks.GeoBenchmarks "
                                + String.join(" ", args),
                        settings);
        String md = GeoResultsReport.render(rows, machine, points.size(), points.distinctEvents());
        Path out = a.results().resolve("geo.md");
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("Wrote " + out.toAbsolutePath() + " and " + json.toAbsolutePath());
        return 0;
    }

    private static long lookAll(ZoneLocator locator, EventPoints points) {
        long sum = 0;
        for (int i = 0; i < points.size(); i++) {
            sum += locator.locate(points.lons()[i], points.lats()[i]);
        }
        return sum;
    }

    private static Result primary(
            Collection<RunResult> results, String benchmark, LocatorStrategy strategy) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().contains("." + benchmark + "."))
                .filter(r -> strategy.name().equals(r.getParams().getParam("strategy")))
                .map(RunResult::getPrimaryResult)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "no result for " + benchmark + " " + strategy));
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux: fall through.
        }
        return System.getProperty("os.arch");
    }

    private static String readFirstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0).trim();
        } catch (IOException | IndexOutOfBoundsException e) {
            return "n/a";
        }
    }
}
