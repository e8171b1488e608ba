package org.zonestat.benchmarks;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.zonestat.config.Cli;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.sim.Feed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The pipeline benchmark: sustained throughput of the whole zone-tagging job ({@link
 * PipelineThroughput}) and its event-to-{@code events} latency at a fixed rate ({@link
 * PipelineLatency}), both on a local Flink MiniCluster against the embedded KRaft broker in this
 * JVM, everything on 127.0.0.1 and under a temporary folder removed at the end. Writes a markdown
 * results file with the machine description.
 *
 * <p>Not a JMH benchmark (STYLE rule 19 expects JMH): a measurement here is one long run of a job
 * with a broker, which JMH's iterations and forks do not fit; it keeps the rule's point, figures in
 * a results file the README explains, and no timing in tests.
 *
 * <pre>
 * ./zonestat bench pipeline [--records N] [--runs RUN,...] [--tips-share F] [--rate R] [--seconds S]
 *      [--warmup S] [--output FILE] [--seed S] [--rate-multiplier M] [--compression lz4|none|...]
 *      [--parallelism P] [--only throughput|latency] [--flink KEY=VALUE]...
 *      [--checkpoint-interval-seconds S] [--date YYYY-MM-DD]
 * </pre>
 *
 * Defaults: 1,000,000 records of a city's mix ({@link CityMix#realProportions}, 5 % tips), the runs
 * {@code ceiling,full,tagging,incidents,311,tips}, 5,000 records/s for 60 s after a 10 s warm-up,
 * output {@code benchmarks/results/pipeline.md} (relative to the repository root), seed 20240101,
 * incidents at 50 times the synthetic city's rate, lz4, parallelism 2, checkpoints every 10 s (the
 * job's default). A default run took 15 minutes on a loaded 2-core machine.
 */
@Command(
        name = "pipeline",
        description =
                "Whole-job throughput and p50/p99 latency on the MiniCluster with the embedded"
                        + " broker; writes a markdown results file.")
public final class PipelineBenchmark implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--records",
            paramLabel = "N",
            description = "Records of the whole-job throughput run, >= 10000.")
    private long records = 1_000_000;

    @Option(
            names = "--rate",
            paramLabel = "R",
            description = "Records per second of the latency run, 1..200000.")
    private double rate = 5000;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            description = "Measured seconds of the latency run.")
    private int seconds = 60;

    @Option(
            names = "--warmup",
            paramLabel = "S",
            description = "Warm-up seconds of the latency run.")
    private int warmup = 10;

    @Option(
            names = "--latency-clock",
            paramLabel = "live|replay|both",
            description =
                    "The latency run's event times: replay (the records' own times: years of"
                            + " history at the fixed rate), live (each record happens when it is"
                            + " sent) or both, one run each (default: replay).")
    private String latencyClock = "replay";

    @Option(names = "--output", paramLabel = "FILE", description = "The results file.")
    private Path output = Path.of("benchmarks", "results", "pipeline.md");

    @Option(names = "--seed", paramLabel = "S", description = "The synthetic city's seed.")
    private long seed = 20240101;

    @Option(
            names = "--rate-multiplier",
            paramLabel = "M",
            description = "The incidents' rate multiplier: 50 is a large city's violent incidents.")
    private double rateMultiplier = 50;

    @Option(
            names = "--tips-share",
            paramLabel = "F",
            description = "Tips' share of the records (the real data has none), in [0, 0.5].")
    private double tipsShare = CityMix.DEFAULT_TIPS_SHARE;

    @Option(
            names = "--runs",
            paramLabel = "RUN[,RUN...]",
            split = ",",
            description =
                    "Throughput runs, in order: ceiling, full, tagging, incidents, 311, tips"
                            + " (default: all).")
    private List<String> runs = List.copyOf(RUNS);

    @Option(
            names = "--compression",
            paramLabel = "lz4|none|snappy|zstd|gzip",
            description = "The producer's compression.")
    private String compression = "lz4";

    @Option(names = "--parallelism", paramLabel = "P", description = "The job's parallelism.")
    private int parallelism = 2;

    @Option(
            names = "--only",
            paramLabel = "throughput|latency",
            description = "Run one of the two (default: both).")
    private String only = "both";

    @Option(
            names = "--flink",
            paramLabel = "KEY=VALUE",
            description = "A Flink configuration override; repeatable.")
    private Map<String, String> flink = new LinkedHashMap<>();

    @Option(
            names = {"--checkpoint-interval-seconds", "--checkpoint-seconds"},
            paramLabel = "S",
            description = "The job's checkpoint interval (--checkpoint-seconds is the old name).")
    private int checkpointSeconds = 10;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "The date written in the results (default: today).")
    private LocalDate date;

    /** Every throughput run, in the order they run by default. */
    static final List<String> RUNS =
            List.of("ceiling", "full", "tagging", "incidents", "311", "tips");

    /** Parsed command line. */
    record Arguments(
            long records,
            double rate,
            int seconds,
            int warmup,
            Path output,
            long seed,
            CityMix mix,
            List<String> runs,
            String compression,
            int parallelism,
            String only,
            Map<String, String> flink,
            int checkpointSeconds,
            List<PipelineLatency.Clock> clocks,
            String date) {

        boolean throughput() {
            return !only.equals("latency");
        }

        boolean latency() {
            return !only.equals("throughput");
        }
    }

    /** Exits the JVM when done: Flink and Kafka leave non-daemon threads behind. */
    public static void main(String[] args) {
        Cli.main(new PipelineBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (records < 10_000) {
            throw invalid("--records must be >= 10000, was " + records);
        }
        if (!(rate >= 1 && rate <= 200_000)) {
            throw invalid("--rate must be in [1, 200000], was " + rate);
        }
        if (seconds < 1 || warmup < 0 || parallelism < 1 || checkpointSeconds < 1) {
            throw invalid(
                    "--seconds >= 1, --warmup >= 0, --parallelism >= 1 and --checkpoint-interval-seconds"
                            + " >= 1 are needed");
        }
        if (!List.of("both", "live", "replay").contains(latencyClock)) {
            throw invalid("--latency-clock must be live, replay or both, was " + latencyClock);
        }
        if (!List.of("both", "throughput", "latency").contains(only)) {
            throw invalid("--only must be throughput or latency, was " + only);
        }
        if (!RUNS.containsAll(runs) || runs.isEmpty()) {
            throw invalid("--runs must name some of " + RUNS + ", was " + runs);
        }
        if (!(tipsShare >= 0 && tipsShare <= 0.5) || !(rateMultiplier > 0)) {
            throw invalid("--tips-share must be in [0, 0.5] and --rate-multiplier positive");
        }
        CityMix mix = CityMix.realProportions(seed, records, rateMultiplier, tipsShare);
        Arguments a =
                new Arguments(
                        records,
                        rate,
                        seconds,
                        warmup,
                        output,
                        seed,
                        mix,
                        List.copyOf(runs),
                        compression,
                        parallelism,
                        only,
                        Map.copyOf(flink),
                        checkpointSeconds,
                        switch (latencyClock) {
                            case "live" -> List.of(PipelineLatency.Clock.LIVE);
                            case "replay" -> List.of(PipelineLatency.Clock.REPLAY);
                            default ->
                                    List.of(
                                            PipelineLatency.Clock.LIVE,
                                            PipelineLatency.Clock.REPLAY);
                        },
                        (date != null ? date : LocalDate.now()).toString());
        run(a, spec.commandLine().getParseResult().originalArgs());
        return 0;
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void run(Arguments a, List<String> args) throws Exception {
        String loadAtStart = MachineDescription.loadAverage();
        Path work = Files.createTempDirectory("zonestat-pipeline-bench-");
        List<PipelineThroughput.Result> throughput = new ArrayList<>();
        List<PipelineLatency.Result> latency = new ArrayList<>();
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDir(work).build().start()) {
            if (a.throughput()) {
                for (String run : a.runs()) {
                    throughput.add(
                            PipelineThroughput.run(
                                    broker, work, throughputSettings(a, run, a.mix())));
                }
            }
            if (a.latency()) {
                for (PipelineLatency.Clock clock : a.clocks()) {
                    latency.add(
                            PipelineLatency.run(
                                    broker,
                                    work,
                                    new PipelineLatency.Settings(
                                            clock,
                                            a.rate(),
                                            a.warmup(),
                                            a.seconds(),
                                            a.mix(),
                                            a.parallelism(),
                                            a.flink(),
                                            a.checkpointSeconds())));
                }
            }
        } finally {
            deleteRecursively(work);
        }

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "job",
                "`ZoneTaggingJob.withKafka(JobConfig.defaults(...))`: the full job (parse, dedupe-and-tag,"
                        + " analytics, hotspots), Baltimore layers, checkpoints every "
                        + a.checkpointSeconds()
                        + " s (unaligned)"
                        + (a.checkpointSeconds() == 10 ? ", as `./zonestat demo` runs it" : ""));
        settings.put(
                "Flink",
                "local MiniCluster, parallelism "
                        + a.parallelism()
                        + (a.flink().isEmpty() ? "" : ", overrides " + a.flink()));
        settings.put(
                "Kafka", "embedded KRaft broker in the same JVM, raw topics with 2 partitions");
        Map<Feed, Long> counts = a.mix().counts();
        settings.put(
                "input mix",
                String.format(
                        Locale.ROOT,
                        "the real data's proportions (`CityMix`): the shipped files replay %,d incident and"
                                + " %,d 311 records (%.1f %% : %.1f %%) and no tips; tips set to %.1f %% of the"
                                + " records, the rest in the real ratio: incidents %.1f %%, 311 %.1f %%, tips %.1f %%",
                        CityMix.REAL_INCIDENTS,
                        CityMix.REAL_311,
                        100.0
                                * CityMix.REAL_INCIDENTS
                                / (CityMix.REAL_INCIDENTS + CityMix.REAL_311),
                        100.0 * CityMix.REAL_311 / (CityMix.REAL_INCIDENTS + CityMix.REAL_311),
                        100 * a.mix().shares().get(Feed.TIPS),
                        100 * a.mix().shares().get(Feed.INCIDENTS),
                        100 * a.mix().shares().get(Feed.REQUESTS311),
                        100 * a.mix().shares().get(Feed.TIPS)));
        settings.put(
                "throughput input",
                String.format(
                        Locale.ROOT,
                        "%,d synthetic-city records (incidents %,d, 311 %,d, tips %,d), seed %d, each stream"
                                + " generated alone and merged by event time; incidents at rate multiplier %s,"
                                + " the others at the rates that fill their shares: about %.0f days of event time up to"
                                + " 2024-01-01; no injected faults; each stream's run publishes that stream's records"
                                + " of the same mix; producer acks=all, idempotent, linger.ms 20, batch.size 256 KiB,"
                                + " compression %s",
                        a.records(),
                        counts.get(Feed.INCIDENTS),
                        counts.get(Feed.REQUESTS311),
                        counts.get(Feed.TIPS),
                        a.seed(),
                        PipelineResultsReport.n(a.mix().incidentMultiplier()),
                        a.mix().spanDays(),
                        a.compression()));
        settings.put(
                "latency input",
                String.format(
                        Locale.ROOT,
                        "%,.0f records/s, %d s warm-up + %d s measured: the first records of the same mix;"
                                + " live: each record moved in time as a whole so that it happens when it is sent"
                                + " (its 311 due and closing times keep their distance), replay: the records' own"
                                + " event times (a history replayed at a fixed rate); simulators'"
                                + " KafkaRecordPublisher (acks=all, idempotent, linger.ms 10, batch.size 256 KiB)",
                        a.rate(),
                        a.warmup(),
                        a.seconds()));
        String command =
                "java -cp <benchmarks classpath> org.zonestat.benchmarks.PipelineBenchmark "
                        + String.join(" ", args);
        String md =
                PipelineResultsReport.render(
                        throughput,
                        latency,
                        new PipelineResultsReport.Context(
                                MachineDescription.current(),
                                a.date(),
                                command.trim(),
                                loadAtStart,
                                settings));
        ResultsFile.write(a.output(), md);
    }

    /** A throughput run's settings: its job variant and which streams of the mix it reads. */
    static PipelineThroughput.Settings throughputSettings(Arguments a, String run, CityMix mix) {
        PipelineThroughput.Variant variant =
                switch (run) {
                    case "ceiling" -> PipelineThroughput.Variant.CEILING;
                    case "tagging" -> PipelineThroughput.Variant.TAGGING;
                    default -> PipelineThroughput.Variant.FULL;
                };
        Set<Feed> feeds =
                switch (run) {
                    case "incidents" -> Set.of(Feed.INCIDENTS);
                    case "311" -> Set.of(Feed.REQUESTS311);
                    case "tips" -> Set.of(Feed.TIPS);
                    default -> Set.copyOf(CityMix.STREAMS);
                };
        return new PipelineThroughput.Settings(
                run,
                variant,
                mix,
                feeds,
                a.compression(),
                a.parallelism(),
                a.flink(),
                a.checkpointSeconds());
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e)
                            throws IOException {
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }
}
