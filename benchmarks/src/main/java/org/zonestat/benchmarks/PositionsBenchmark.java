package org.zonestat.benchmarks;

import static org.zonestat.benchmarks.PipelineResultsReport.cpu;
import static org.zonestat.benchmarks.PipelineResultsReport.ms;
import static org.zonestat.benchmarks.PipelineResultsReport.n;
import static org.zonestat.benchmarks.PipelineResultsReport.s1;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.zonestat.config.Cli;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./zonestat bench positions}: the positions branch under a city-sized fleet, in the whole
 * job with every other stream beside it. Two runs against the embedded KRaft broker in this JVM:
 * {@link PositionsLatency} (unbounded: {@code --devices} reporting every {@code --interval}
 * seconds, fix-to-screen and transition-to-screen latency on a dispatcher's live map) and {@link
 * PositionsThroughput} (bounded: as many fixes a second as the job sustains, with transitions and
 * dosage checked against a sequential fold of the same fixes). Writes a markdown results file with
 * the machine's load.
 *
 * <pre>
 * ./zonestat bench positions [--devices 10000] [--interval 10] [--seconds 60] [--warmup 30]
 *     [--minutes 10] [--city-rate 50] [--seed 20240101] [--parallelism 2]
 *     [--only throughput|latency] [--output benchmarks/results/positions.md] [--date YYYY-MM-DD]
 * </pre>
 */
@Command(
        name = "positions",
        description =
                "Fixes per second the whole job sustains with transitions and dosage exact, and"
                        + " fix/transition-to-screen latency at a fleet's rate; writes a markdown"
                        + " results file.")
public final class PositionsBenchmark implements Callable<Integer> {
    static final double GOAL_FIXES_PER_SECOND = 20_000;
    static final double GOAL_P99_MILLIS = 500;

    @Spec private CommandSpec spec;

    @Option(names = "--devices", paramLabel = "N", description = "Devices, 100..200000.")
    private int devices = 10_000;

    @Option(
            names = "--interval",
            paramLabel = "S",
            description = "Seconds between a device's fixes.")
    private int interval = 10;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            description = "Measured seconds of the latency run.")
    private int seconds = 60;

    @Option(
            names = "--warmup",
            paramLabel = "S",
            description = "Warm-up seconds of the latency run.")
    private int warmup = 30;

    @Option(
            names = "--minutes",
            paramLabel = "M",
            description = "Event-time minutes of fixes in the throughput run.")
    private int minutes = 10;

    @Option(
            names = "--city-rate",
            paramLabel = "M",
            description = "The other streams' rate, times Baltimore's.")
    private double cityRate = 50;

    @Option(names = "--seed", paramLabel = "S", description = "The fleet's and the city's seed.")
    private long seed = 20240101;

    @Option(names = "--parallelism", paramLabel = "P", description = "The job's parallelism.")
    private int parallelism = 2;

    @Option(
            names = "--only",
            paramLabel = "throughput|latency",
            description = "Run one of the two (default: both).")
    private String only = "both";

    @Option(names = "--output", paramLabel = "FILE", description = "The results file.")
    private Path output = Path.of("benchmarks", "results", "positions.md");

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "The date written in the results (default: today).")
    private LocalDate date;

    /** Exits the JVM when done: Flink and Kafka leave non-daemon threads behind. */
    public static void main(String[] args) {
        Cli.main(new PositionsBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (devices < 100 || devices > 200_000) {
            throw invalid("--devices must be in [100, 200000], was " + devices);
        }
        if (interval < 1 || seconds < 1 || warmup < 0 || minutes < 1 || parallelism < 1) {
            throw invalid(
                    "--interval, --seconds, --minutes and --parallelism must be >= 1, --warmup >= 0");
        }
        if (!(cityRate > 0)) {
            throw invalid("--city-rate must be > 0, was " + cityRate);
        }
        if (!List.of("both", "throughput", "latency").contains(only)) {
            throw invalid("--only must be throughput or latency, was " + only);
        }
        String loadAtStart = MachineDescription.loadAverage();
        Path work = Files.createTempDirectory("zonestat-positions-bench-");
        PositionsLatency.Result latency = null;
        PositionsThroughput.Result throughput = null;
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDir(work).build().start()) {
            if (!only.equals("throughput")) {
                latency =
                        PositionsLatency.run(
                                broker,
                                work,
                                new PositionsLatency.Settings(
                                        devices,
                                        Duration.ofSeconds(interval),
                                        warmup,
                                        seconds,
                                        cityRate,
                                        seed,
                                        parallelism,
                                        10));
            }
            if (!only.equals("latency")) {
                throughput =
                        PositionsThroughput.run(
                                broker,
                                work,
                                new PositionsThroughput.Settings(
                                        devices,
                                        Duration.ofSeconds(interval),
                                        minutes,
                                        cityRate,
                                        seed,
                                        parallelism,
                                        10));
            }
        } finally {
            PipelineBenchmark.deleteRecursively(work);
        }
        String command =
                ("java -cp <benchmarks classpath> org.zonestat.benchmarks.PositionsBenchmark "
                                + String.join(
                                        " ", spec.commandLine().getParseResult().originalArgs()))
                        .trim();
        String md =
                render(
                        latency,
                        throughput,
                        MachineDescription.current(),
                        loadAtStart,
                        (date != null ? date : LocalDate.now()).toString(),
                        command);
        ResultsFile.write(output, md);
        return 0;
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static String render(
            PositionsLatency.Result l,
            PositionsThroughput.Result t,
            MachineDescription machine,
            String loadAtStart,
            String date,
            String command) {
        StringBuilder md = new StringBuilder("# Positions benchmark\n\n");
        md.append("Run ").append(date).append(". How it measures: `benchmarks/README.md`.\n\n");
        md.append("## Goals\n\n| goal | measured | met |\n|---|---|---|\n");
        if (t != null) {
            md.append("| >= ")
                    .append(n(GOAL_FIXES_PER_SECOND))
                    .append(" fixes/s sustained, transitions and dosage exact | ")
                    .append(n(t.sustainedFixesPerSecond()))
                    .append(" fixes/s; ")
                    .append(t.exact() ? "exact" : "NOT exact")
                    .append(" | ")
                    .append(
                            t.sustainedFixesPerSecond() >= GOAL_FIXES_PER_SECOND && t.exact()
                                    ? "yes"
                                    : "no")
                    .append(" |\n");
        }
        if (l != null) {
            double p99 = l.transitionLatency().quantile(0.99) / 1000.0;
            md.append("| transition-to-screen p99 < ")
                    .append(n(GOAL_P99_MILLIS))
                    .append(" ms at ")
                    .append(
                            n(
                                    l.settings().devices()
                                            / (double) l.settings().interval().toSeconds()))
                    .append(" fixes/s | ")
                    .append(ms(p99))
                    .append(" ms; ")
                    .append(n(l.transitionsSeen()))
                    .append(" of ")
                    .append(n(l.transitionsOut()))
                    .append(" transitions on screen | ")
                    .append(
                            p99 < GOAL_P99_MILLIS && l.transitionsSeen() == l.transitionsOut()
                                    ? "yes"
                                    : "no")
                    .append(" |\n");
        }
        md.append('\n');
        if (l != null) {
            latency(md, l);
        }
        if (t != null) {
            throughput(md, t);
        }
        md.append("## Machine\n\n| | |\n|---|---|\n");
        md.append("| processors | ").append(machine.processors()).append(" |\n");
        md.append("| CPU | ").append(machine.cpuModel()).append(" |\n");
        md.append("| memory | ").append(machine.memory()).append(" |\n");
        md.append("| JVM | ").append(machine.jvm()).append(" |\n");
        md.append("| OS | ").append(machine.os()).append(" |\n");
        md.append("| load average at start | ").append(loadAtStart).append(" |\n");
        if (l != null) {
            md.append("| latency run: CPU | ")
                    .append(cpu(l.cpu(), machine.processors()))
                    .append("; load after: ")
                    .append(l.loadAverageAfter())
                    .append(" |\n");
        }
        if (t != null) {
            md.append("| throughput run: CPU | ")
                    .append(cpu(t.cpu(), machine.processors()))
                    .append("; load after: ")
                    .append(t.loadAverageAfter())
                    .append(" |\n");
        }
        md.append("\n## Settings\n\n| | |\n|---|---|\n");
        md.append(
                "| job | `ZoneTaggingJob.withKafka(JobConfig.defaults(...))`: the full job with its"
                        + " positions branch, Baltimore layers, local MiniCluster, checkpoints every"
                        + " 10 s |\n");
        md.append(
                "| Kafka | embedded KRaft broker in the same JVM, every topic with 2 partitions |\n");
        md.append(
                "| console | `OpsConsole` reading `transitions`; one dispatcher on `/ws/live`"
                        + " subscribed to `unit` and `transition` |\n");
        md.append("| command | `").append(command).append("` |\n");
        return md.toString();
    }

    private static void latency(StringBuilder md, PositionsLatency.Result l) {
        md.append("## Latency at a fleet's rate (unbounded run)\n\n| | |\n|---|---|\n");
        md.append("| fleet | ")
                .append(n(l.settings().devices()))
                .append(" devices (1 % monitored) every ")
                .append(l.settings().interval().toSeconds())
                .append(" s; other streams at ")
                .append(n(l.settings().cityRate()))
                .append(" × Baltimore |\n");
        md.append("| achieved rate (measured phase) | ")
                .append(n(l.achievedRate()))
                .append(" fixes/s, and ")
                .append(n(l.otherSent()))
                .append(" other records |\n");
        md.append("| job showed a fix after | ").append(s1(l.readySeconds())).append(" s |\n");
        md.append("| warm-up, measured | ")
                .append(l.settings().warmupSeconds())
                .append(" s, ")
                .append(l.settings().seconds())
                .append(" s |\n");
        md.append("| fixes sent (measured phase) | ").append(n(l.fixesSent())).append(" |\n");
        md.append("| unit fixes the job wrote, seen on screen | ")
                .append(n(l.unitFixesOut()))
                .append(", ")
                .append(n(l.unitFixesSeen()))
                .append(" |\n");
        md.append("| unit transitions the job wrote, seen on screen | ")
                .append(n(l.transitionsOut()))
                .append(", ")
                .append(n(l.transitionsSeen()))
                .append(" |\n");
        percentiles(md, "transition to screen", l.transitionLatency());
        percentiles(md, "fix to screen", l.fixLatency());
        md.append('\n');
    }

    private static void percentiles(StringBuilder md, String what, Percentiles p) {
        if (p.count() == 0) {
            md.append("| ").append(what).append(" | none matched |\n");
            return;
        }
        md.append(
                String.format(
                        Locale.ROOT,
                        "| %s (%s matched) | p50 %s ms, p95 %s ms, **p99 %s ms**, p99.9 %s ms,"
                                + " max %s ms, mean %s ms |%n",
                        what,
                        n(p.count()),
                        ms(p.quantile(0.5) / 1000.0),
                        ms(p.quantile(0.95) / 1000.0),
                        ms(p.quantile(0.99) / 1000.0),
                        ms(p.quantile(0.999) / 1000.0),
                        ms(p.max() / 1000.0),
                        ms(p.mean() / 1000.0)));
    }

    private static void throughput(StringBuilder md, PositionsThroughput.Result t) {
        md.append("## Throughput (bounded run)\n\n| | |\n|---|---|\n");
        md.append("| input | ")
                .append(n(t.fixesIn()))
                .append(" fixes (")
                .append(n(t.settings().devices()))
                .append(" devices every ")
                .append(t.settings().interval().toSeconds())
                .append(" s, ")
                .append(t.settings().minutes())
                .append(" minutes of event time) and ")
                .append(n(t.otherIn()))
                .append(" other records (")
                .append(n(t.settings().cityRate()))
                .append(" × Baltimore) |\n");
        md.append("| generated + published in | ").append(s1(t.publishSeconds())).append(" s |\n");
        md.append("| first to last `transitions` record | ")
                .append(s1(t.firstToLastSeconds()))
                .append(" s |\n");
        md.append("| **sustained fixes/s** | **")
                .append(n(t.sustainedFixesPerSecond()))
                .append("** |\n");
        md.append("| steady fixes/s (10–90 % of the output) | ")
                .append(n(t.steadyFixesPerSecond()))
                .append(" |\n");
        md.append("| fixes per CPU-second (this JVM) | ")
                .append(
                        t.cpu().processCpus() <= 0
                                ? "n/a"
                                : n(t.sustainedFixesPerSecond() / t.cpu().processCpus()))
                .append(" |\n");
        md.append("| job wall time | ").append(s1(t.jobWallSeconds())).append(" s |\n");
        md.append("| `fix` messages out (distinct), reference | ")
                .append(n(t.fixesOut()))
                .append(", ")
                .append(n(t.reference().accepted()))
                .append(" |\n");
        md.append("| positions on `rejected`, by reason | ")
                .append(n(t.rejectedPositions()))
                .append(" ")
                .append(t.positionRejections())
                .append("; reference refused ")
                .append(n(t.reference().refused()))
                .append(" |\n");
        md.append("| fixes in = fixes out + rejected | ")
                .append(t.fixesOut() + t.rejectedPositions() == t.fixesIn() ? "yes" : "no")
                .append(" |\n");
        md.append("| zone-layer transitions out, reference | ")
                .append(t.transitionsOut())
                .append(", ")
                .append(new java.util.TreeMap<>(t.reference().transitions()))
                .append(" |\n");
        md.append("| hot-cell transitions out (not compared) | ")
                .append(n(t.hotCellTransitions()))
                .append(" |\n");
        md.append("| redelivered copies on `transitions` | ")
                .append(n(t.redelivered()))
                .append(" |\n");
        double[] d = t.dosageTotals();
        md.append("| zone days with dosage, equal in `zone-stats` | ")
                .append(n(t.dosageDays()))
                .append(", ")
                .append(n(t.dosageDaysMatching()))
                .append(
                        String.format(
                                Locale.ROOT,
                                " (reference totals: patrol %s min, %s visits, %s of 10+ min;"
                                        + " outreach %s min, %s visits, %s of 10+ min) |%n",
                                n(d[0]),
                                n(d[1]),
                                n(d[2]),
                                n(d[3]),
                                n(d[4]),
                                n(d[5])));
        for (String m : t.dosageMismatches()) {
            md.append("| mismatch | ").append(m).append(" |\n");
        }
        md.append("| silence closes between fixes (reference) | ")
                .append(n(t.reference().silenceClosed()))
                .append(" |\n\n");
        md.append("What was busy (ms/s, averaged over subtasks, middle of the run):\n\n");
        md.append("| vertex | busy | backpressured | samples |\n|---|---|---|---|\n");
        for (FlinkBusyProbe.VertexLoad v : t.load()) {
            md.append("| ")
                    .append(v.vertex())
                    .append(" | ")
                    .append(n(v.busyMsPerSecond()))
                    .append(" | ")
                    .append(n(v.backPressuredMsPerSecond()))
                    .append(" | ")
                    .append(v.samples())
                    .append(" |\n");
        }
        md.append('\n');
    }
}
