package org.zonestat.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.zonestat.config.Cli;
import org.zonestat.kafka.EmbeddedKafkaBroker;
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
 * ./zonestat bench pipeline [--records N] [--rate R] [--seconds S] [--warmup S] [--output FILE] [--seed S]
 *      [--rate-multiplier M] [--compression lz4|none|...] [--parallelism P] [--only throughput|latency]
 *      [--flink KEY=VALUE]... [--checkpoint-interval-seconds S] [--date YYYY-MM-DD]
 * </pre>
 *
 * Defaults: 300,000 records (about a minute of processing at the rate this job reaches on 2 cores),
 * 5,000 records/s for 60 s after a 10 s warm-up, output {@code benchmarks/results/pipeline.md}
 * (relative to the repository root), seed 20240101, city rate multiplier 50 for the throughput run,
 * lz4, parallelism 2, checkpoints every 10 s (the job's default). A default run takes about 4
 * minutes.
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
            description = "Records of the throughput run, >= 10000.")
    private long records = 300_000;

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

    @Option(names = "--output", paramLabel = "FILE", description = "The results file.")
    private Path output = Path.of("benchmarks", "results", "pipeline.md");

    @Option(names = "--seed", paramLabel = "S", description = "The synthetic city's seed.")
    private long seed = 20240101;

    @Option(
            names = "--rate-multiplier",
            paramLabel = "M",
            description = "City size of the throughput run.")
    private double rateMultiplier = 50;

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

    /** Parsed command line. */
    record Arguments(
            long records,
            double rate,
            int seconds,
            int warmup,
            Path output,
            long seed,
            double rateMultiplier,
            String compression,
            int parallelism,
            String only,
            Map<String, String> flink,
            int checkpointSeconds,
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
        if (!List.of("both", "throughput", "latency").contains(only)) {
            throw invalid("--only must be throughput or latency, was " + only);
        }
        Arguments a =
                new Arguments(
                        records,
                        rate,
                        seconds,
                        warmup,
                        output,
                        seed,
                        rateMultiplier,
                        compression,
                        parallelism,
                        only,
                        Map.copyOf(flink),
                        checkpointSeconds,
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
        PipelineThroughput.Result throughput = null;
        PipelineLatency.Result latency = null;
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDir(work).build().start()) {
            if (a.throughput()) {
                throughput =
                        PipelineThroughput.run(
                                broker,
                                work,
                                new PipelineThroughput.Settings(
                                        a.records(),
                                        a.seed(),
                                        a.rateMultiplier(),
                                        a.compression(),
                                        a.parallelism(),
                                        a.flink(),
                                        a.checkpointSeconds()));
            }
            if (a.latency()) {
                latency =
                        PipelineLatency.run(
                                broker,
                                work,
                                new PipelineLatency.Settings(
                                        a.rate(),
                                        a.warmup(),
                                        a.seconds(),
                                        a.seed(),
                                        a.parallelism(),
                                        a.flink(),
                                        a.checkpointSeconds()));
            }
        } finally {
            deleteRecursively(work);
        }

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "job",
                "`ZoneTaggingJob.withKafka(JobConfig.defaults(...))`: the full job (parse, dedupe-and-tag,"
                        + " analytics, hotspots; 9 Kafka sinks), Baltimore layers, heap state, checkpoints every "
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
        settings.put(
                "throughput input",
                String.format(
                        Locale.ROOT,
                        "%,d synthetic-city records, seed %d, rate multiplier %s (event times from %s), no injected faults;"
                                + " producer acks=all, idempotent, linger.ms 20, batch.size 256 KiB, compression %s",
                        a.records(),
                        a.seed(),
                        PipelineResultsReport.n(a.rateMultiplier()),
                        "2024-01-01",
                        a.compression()));
        settings.put(
                "latency input",
                String.format(
                        Locale.ROOT,
                        "%,.0f records/s, %d s warm-up + %d s measured, seed %d, event times from the wall clock;"
                                + " simulators' KafkaRecordPublisher (acks=all, idempotent, linger.ms 10, batch.size 256 KiB)",
                        a.rate(),
                        a.warmup(),
                        a.seconds(),
                        a.seed()));
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
        if (a.output().getParent() != null) {
            Files.createDirectories(a.output().getParent());
        }
        Files.writeString(a.output(), md, StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("Wrote " + a.output().toAbsolutePath());
    }

    private static void deleteRecursively(Path root) throws IOException {
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
