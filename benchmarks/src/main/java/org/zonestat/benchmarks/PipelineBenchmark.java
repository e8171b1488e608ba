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
import org.zonestat.kafka.EmbeddedKafkaBroker;

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
 * java --add-opens ... -cp CLASSPATH org.zonestat.benchmarks.PipelineBenchmark
 *      [--records N] [--rate R] [--seconds S] [--warmup S] [--output FILE] [--seed S]
 *      [--rate-multiplier M] [--compression lz4|none|...] [--parallelism P] [--only throughput|latency]
 *      [--flink KEY=VALUE]... [--checkpoint-seconds S] [--date YYYY-MM-DD]
 * </pre>
 *
 * Defaults: 300,000 records (about a minute of processing at the rate this job reaches on 2 cores),
 * 5,000 records/s for 60 s after a 10 s warm-up, output {@code benchmarks/results/pipeline.md}
 * (relative to the repository root), seed 20240101, city rate multiplier 50 for the throughput run,
 * lz4, parallelism 2, checkpoints every 10 s (the job's default). A default run takes about 4
 * minutes.
 */
public final class PipelineBenchmark {
    private PipelineBenchmark() {}

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
        static final String USAGE =
                "usage: PipelineBenchmark [--records N] [--rate R] [--seconds S] [--warmup S]"
                        + " [--output FILE] [--seed S] [--rate-multiplier M] [--compression lz4|none|snappy|zstd|gzip]"
                        + " [--parallelism P] [--only throughput|latency] [--flink KEY=VALUE]... [--checkpoint-seconds S]"
                        + " [--date YYYY-MM-DD]";

        static Arguments parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> flink = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException(
                            "expected --option value, got '" + args[i] + "'");
                }
                String key = args[i].substring(2);
                String value = args[++i];
                if (key.equals("flink")) {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(
                                "--flink needs KEY=VALUE, got '" + value + "'");
                    }
                    flink.put(value.substring(0, eq), value.substring(eq + 1));
                } else {
                    values.put(key, value);
                }
            }
            Arguments a =
                    new Arguments(
                            Long.parseLong(values.getOrDefault("records", "300000")),
                            Double.parseDouble(values.getOrDefault("rate", "5000")),
                            Integer.parseInt(values.getOrDefault("seconds", "60")),
                            Integer.parseInt(values.getOrDefault("warmup", "10")),
                            Path.of(
                                    values.getOrDefault(
                                            "output", "benchmarks/results/pipeline.md")),
                            Long.parseLong(values.getOrDefault("seed", "20240101")),
                            Double.parseDouble(values.getOrDefault("rate-multiplier", "50")),
                            values.getOrDefault("compression", "lz4"),
                            Integer.parseInt(values.getOrDefault("parallelism", "2")),
                            values.getOrDefault("only", "both"),
                            Map.copyOf(flink),
                            Integer.parseInt(values.getOrDefault("checkpoint-seconds", "10")),
                            values.getOrDefault("date", LocalDate.now().toString()));
            values.keySet()
                    .removeAll(
                            List.of(
                                    "records",
                                    "rate",
                                    "seconds",
                                    "warmup",
                                    "output",
                                    "seed",
                                    "rate-multiplier",
                                    "compression",
                                    "parallelism",
                                    "only",
                                    "checkpoint-seconds",
                                    "date"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + values.keySet());
            }
            if (a.records() < 10_000) {
                throw new IllegalArgumentException(
                        "--records must be >= 10000, was " + a.records());
            }
            if (!(a.rate() >= 1 && a.rate() <= 200_000)) {
                throw new IllegalArgumentException(
                        "--rate must be in [1, 200000], was " + a.rate());
            }
            if (a.seconds() < 1
                    || a.warmup() < 0
                    || a.parallelism() < 1
                    || a.checkpointSeconds() < 1) {
                throw new IllegalArgumentException(
                        "--seconds >= 1, --warmup >= 0, --parallelism >= 1 and --checkpoint-seconds >= 1 are needed");
            }
            if (!List.of("both", "throughput", "latency").contains(a.only())) {
                throw new IllegalArgumentException(
                        "--only must be throughput or latency, was " + a.only());
            }
            return a;
        }

        boolean throughput() {
            return !only.equals("latency");
        }

        boolean latency() {
            return !only.equals("throughput");
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PipelineBenchmark: " + e.getMessage());
            System.err.println(Arguments.USAGE);
            System.exit(2);
            return;
        }
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
        // Flink and Kafka leave non-daemon threads behind; the results are written.
        System.exit(0);
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
