package org.zonestat.benchmarks;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.zonestat.config.Cli;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.scorecard.Scorecard;
import org.zonestat.console.scorecard.ScorecardQuery;
import org.zonestat.console.scorecard.ScorecardStore;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.history.HistoryService;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.sim.backfill.BackfillCommand;
import org.zonestat.sim.backfill.KafkaRecordPublisher;
import org.zonestat.topics.HistoryMessage;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.MalformedMessageException;
import org.zonestat.topics.RunMessage;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.ZoneStatsMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The history benchmark: ten years of a city's history from export files to committed outputs, on
 * the embedded KRaft broker and the history service's MiniCluster as {@code ./zonestat demo} wires
 * them, all in this JVM under a temporary folder removed at the end. In one run:
 *
 * <ol>
 *   <li><b>ceiling</b>: the files' rows written to Kafka as they are, no parsing (a producer with
 *       the backfill's settings);
 *   <li><b>history path</b>: {@code ./zonestat backfill --load} of the incident file, then of the
 *       311 file ({@link BackfillCommand}, in process), while the {@link HistoryService} runs each
 *       load in batch mode once it is published; from the first published record to the second
 *       load's {@code done}, written after its outputs ({@code events}, {@code rejected}, {@code
 *       zone-stats}) are committed; a JFR recording covers it;
 *   <li><b>scorecard</b>: from that {@code done} until the console's {@link ScorecardStore}, fed
 *       from {@code zone-stats} as the console feeds it, shows for every layer the ten years' gun
 *       violence counted from the files.
 * </ol>
 *
 * A run that fails or loses a record (a failed backfill or run; {@code in != events + rejected};
 * the topics holding other counts than the runs say; the scorecard not reaching the files' counts
 * within {@code --scorecard-timeout}) throws, so the command exits non-zero and writes no results.
 *
 * <p>Not JMH, for the reason given on {@link PipelineBenchmark}. No test asserts on its timing.
 *
 * <pre>
 * ./zonestat bench history [--incidents N] [--seed S] [--parallelism P] [--output FILE]
 *      [--date YYYY-MM-DD] [--scorecard-timeout S]
 * </pre>
 */
@Command(
        name = "history",
        description =
                "Ten years of history from files through backfill and the history service's batch"
                        + " runs to the scorecard, beside a file-to-Kafka ceiling; writes a markdown"
                        + " results file.")
public final class HistoryBenchmark implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--incidents",
            paramLabel = "N",
            description = "Incident rows, >= 1000; the 311 rows follow in the shipped proportion.")
    private long incidents = 1_000_000;

    @Option(names = "--seed", paramLabel = "S", description = "The resampling's seed.")
    private long seed = 20100101;

    @Option(names = "--parallelism", paramLabel = "P", description = "Each run's parallelism.")
    private int parallelism = 2;

    @Option(names = "--output", paramLabel = "FILE", description = "The results file.")
    private Path output = Path.of("benchmarks", "results", "history.md");

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "The date written in the results (default: today).")
    private LocalDate date;

    @Option(
            names = "--scorecard-timeout",
            paramLabel = "S",
            description = "Seconds the scorecard may take before the run fails.")
    private int scorecardTimeout = 120;

    @Option(
            names = "--profile-frames",
            paramLabel = "N",
            description = "Frames listed from the JFR profile.")
    private int profileFrames = 15;

    private static final Duration RUN_TIMEOUT = Duration.ofHours(3);
    private static final String CEILING_TOPIC = "history-ceiling.raw";

    /** Exits the JVM when done: Flink and Kafka leave non-daemon threads behind. */
    public static void main(String[] args) {
        Cli.main(new HistoryBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (incidents < 1000 || incidents > 50_000_000) {
            throw invalid("--incidents must be in [1000, 50000000], was " + incidents);
        }
        if (parallelism < 1 || scorecardTimeout < 1 || profileFrames < 1) {
            throw invalid(
                    "--parallelism, --scorecard-timeout and --profile-frames must be positive");
        }
        String loadAtStart = MachineDescription.loadAverage();
        Path work = Files.createTempDirectory("zonestat-history-bench-");
        HistoryResultsReport.Result result;
        try {
            result = run(work, loadAtStart);
        } finally {
            PipelineBenchmark.deleteRecursively(work);
        }
        String command =
                "java -cp <benchmarks classpath> org.zonestat.benchmarks.BenchCommand "
                        + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String md =
                HistoryResultsReport.render(
                        result,
                        new PipelineResultsReport.Context(
                                MachineDescription.current(),
                                (date != null ? date : LocalDate.now()).toString(),
                                command.trim(),
                                loadAtStart,
                                Map.of()));
        ResultsFile.write(output, md);
        return 0;
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private HistoryResultsReport.Result run(Path work, String loadAtStart) throws Exception {
        Path files = Files.createDirectories(work.resolve("files"));
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).build().start()) {
            JobConfig config = JobConfig.defaults(broker.bootstrapServers());
            System.err.printf("history bench: writing %,d incident rows...%n", incidents);
            HistoryInput input = HistoryInput.write(files, incidents, seed, config.layers());
            broker.createTopics(config.topics().newTopics(2, (short) 1));
            broker.createTopics(List.of(new NewTopic(CEILING_TOPIC, 2, (short) 1)));

            System.err.println("history bench: ceiling (files to Kafka, no processing)...");
            HistoryResultsReport.Phase ceiling =
                    ceiling(broker.bootstrapServers(), input.incidents(), input.requests311());

            ScorecardStore store = new ScorecardStore();
            try (TopicFeed feed = new TopicFeed(broker.bootstrapServers(), "history-bench");
                    HistoryService service =
                            new HistoryService(config, parallelism, Clock.systemUTC()).start()) {
                feed.subscribe(
                        config.topics().zoneStats(),
                        ZoneStatsMessage.class,
                        StartAt.beginning(),
                        r -> store.accept(r.value()));
                feed.start();
                System.err.println("history bench: backfill and the history service's runs...");
                JfrProfile profile = JfrProfile.start(work.resolve("history.jfr"));
                CpuMeter cpu = CpuMeter.start();
                long t0 = System.nanoTime();
                List<String> loads = new ArrayList<>();
                loads.add(
                        backfill(config, input.incidents(), "incidents", "baltimore-part1-legacy"));
                double publishedIncidents = (System.nanoTime() - t0) / 1e9;
                loads.add(backfill(config, input.requests311(), "requests311", "baltimore-311"));
                double published = (System.nanoTime() - t0) / 1e9;
                Outcome outcome = awaitRuns(config, loads);
                long tDone = System.nanoTime();
                CpuMeter.Usage usage = cpu.sinceStart();
                String loadAfter = MachineDescription.loadAverage();
                List<JfrProfile.Frame> frames = profile.stop(profileFrames);
                double scorecardSeconds = awaitScorecard(store, input, tDone);
                long in = outcome.publishedRecords();
                RunMessage.Reconciliation total = outcome.total();
                requireNothingLost(broker.bootstrapServers(), config, outcome, total);
                return new HistoryResultsReport.Result(
                        input,
                        in,
                        parallelism,
                        seed,
                        ceiling,
                        new HistoryResultsReport.Phase(
                                in, (tDone - t0) / 1e9, input.incidentRows() + input.requestRows()),
                        publishedIncidents,
                        published,
                        outcome.runs(),
                        total,
                        scorecardSeconds,
                        frames,
                        usage,
                        loadAfter);
            }
        }
    }

    /** Writes every data row of the files, unchanged, to a topic; waits until all are stored. */
    static HistoryResultsReport.Phase ceiling(String bootstrap, Path... files) throws IOException {
        Properties p = KafkaRecordPublisher.producerProperties(bootstrap);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long rows = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Path file : files) {
                try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    r.readLine(); // the header
                    String line;
                    while ((line = r.readLine()) != null) {
                        producer.send(
                                new ProducerRecord<>(CEILING_TOPIC, line),
                                (md, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                        rows++;
                    }
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("the ceiling could not write its rows", failure.get());
        }
        return new HistoryResultsReport.Phase(rows, seconds, rows);
    }

    /** {@code ./zonestat backfill --load} of one file; fails the run unless it exits 0. */
    private static String backfill(JobConfig config, Path file, String kind, String mapping) {
        String load = "bench-" + kind;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                new BackfillCommand(KafkaRecordPublisher::forLoad, Duration.ofSeconds(10))
                        .run(
                                new String[] {
                                    "--kind",
                                    kind,
                                    "--input",
                                    file.toString(),
                                    "--mapping",
                                    mapping,
                                    "--bootstrap",
                                    config.bootstrapServers(),
                                    "--topic-history",
                                    config.topics().history(),
                                    "--load",
                                    load,
                                    "--order",
                                    "file"
                                },
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err);
        System.err.print(out.toString(StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("backfill of " + file + " exited " + code);
        }
        return load;
    }

    /** The published loads and their finished runs. */
    record Outcome(Map<String, LoadMessage> loads, Map<String, RunMessage> runs) {
        long publishedRecords() {
            return loads.values().stream().mapToLong(LoadMessage::records).sum();
        }

        RunMessage.Reconciliation total() {
            long in = 0;
            long events = 0;
            long zoneDays = 0;
            Map<String, Long> rejected = new java.util.TreeMap<>();
            for (RunMessage r : runs.values()) {
                RunMessage.Reconciliation c = r.reconciliation();
                in += c.loadedIn();
                events += c.eventsWritten();
                zoneDays += c.zoneDaysWritten();
                c.rejected().forEach((k, v) -> rejected.merge(k, v, Long::sum));
            }
            return new RunMessage.Reconciliation(in, events, rejected, zoneDays);
        }
    }

    /** Follows {@code history} until every load's run is done; a failed run fails the benchmark. */
    private static Outcome awaitRuns(JobConfig config, List<String> loads) {
        Map<String, LoadMessage> published = new LinkedHashMap<>();
        Map<String, RunMessage> done = new LinkedHashMap<>();
        TopicPartition history = new TopicPartition(config.topics().history(), 0);
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProperties(config))) {
            c.assign(List.of(history));
            c.seekToBeginning(List.of(history));
            while (done.size() < loads.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the history runs did not finish within " + RUN_TIMEOUT);
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(50))) {
                    HistoryMessage m;
                    try {
                        m = TopicCodec.decode(r.topic(), r.value(), HistoryMessage.class);
                    } catch (MalformedMessageException e) {
                        continue;
                    }
                    if (m instanceof LoadMessage l && l.isPublished()) {
                        published.put(l.loadId(), l);
                    } else if (m instanceof RunMessage run && loads.containsAll(run.loads())) {
                        if (RunMessage.FAILED.equals(run.status())) {
                            throw new IllegalStateException(
                                    "history run " + run.runId() + " failed: " + run.detail());
                        }
                        if (run.isDone()) {
                            done.put(run.runId(), run);
                        }
                    }
                }
            }
        }
        return new Outcome(published, done);
    }

    /**
     * Seconds from {@code doneNanos} until the scorecard of every layer sums to the files' counts
     * of gun violence over the ten years.
     */
    private double awaitScorecard(ScorecardStore store, HistoryInput input, long doneNanos) {
        long deadline = doneNanos + Duration.ofSeconds(scorecardTimeout).toNanos();
        Map<String, Long> shown = new LinkedHashMap<>();
        while (true) {
            shown.clear();
            for (String layer : input.gunViolenceByLayer().keySet()) {
                Scorecard s =
                        store.query(
                                ScorecardQuery.gunViolence(
                                        layer, HistoryInput.FIRST_DAY, HistoryInput.LAST_DAY));
                shown.put(layer, s.zones().stream().mapToLong(Scorecard.ZoneScore::total).sum());
            }
            if (shown.equals(input.gunViolenceByLayer())) {
                return (System.nanoTime() - doneNanos) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the scorecard shows "
                                + shown
                                + " homicides and shootings per layer, not the files' "
                                + input.gunViolenceByLayer()
                                + ", "
                                + scorecardTimeout
                                + " s after the last run");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * Every record accounted for: each run read its whole load, {@code in = events + rejected}, and
     * the output topics hold as many records as the runs say they wrote.
     */
    private static void requireNothingLost(
            String bootstrap, JobConfig config, Outcome outcome, RunMessage.Reconciliation total) {
        for (LoadMessage load : outcome.loads().values()) {
            RunMessage run = outcome.runs().get("run/" + load.loadId());
            if (run == null || run.reconciliation().loadedIn() != load.records()) {
                throw new IllegalStateException(
                        "load "
                                + load.loadId()
                                + " published "
                                + load.records()
                                + " records, its run read "
                                + (run == null ? "none" : run.reconciliation().loadedIn()));
            }
        }
        if (total.loadedIn() != total.eventsWritten() + total.rejectedTotal()) {
            throw new IllegalStateException("in != events + rejected: " + total);
        }
        Map<String, Long> topics = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProperties(config))) {
            for (String topic :
                    List.of(
                            config.topics().events(),
                            config.topics().rejected(),
                            config.topics().zoneStats())) {
                List<TopicPartition> parts =
                        c.partitionsFor(topic).stream()
                                .map(i -> new TopicPartition(topic, i.partition()))
                                .toList();
                topics.put(
                        topic,
                        c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum());
            }
        }
        long events = topics.get(config.topics().events());
        long rejected = topics.get(config.topics().rejected());
        long zoneDays = topics.get(config.topics().zoneStats());
        if (events != total.eventsWritten()
                || rejected != total.rejectedTotal()
                || zoneDays != total.zoneDaysWritten()) {
            throw new IllegalStateException(
                    "the topics hold "
                            + topics
                            + " records, the runs say "
                            + total
                            + " (bootstrap "
                            + bootstrap
                            + ")");
        }
    }

    private static Properties consumerProperties(JobConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }
}
