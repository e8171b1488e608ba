package org.zonestat.benchmarks;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zonestat.sim.Feed;

/**
 * Renders {@code results/pipeline.md} from a pipeline benchmark's measurements: the goals, the
 * throughput and latency tables, what limits throughput, the machine and the settings. Either
 * measurement may be missing (run with {@code --only}).
 *
 * <p>Stateless; thread-safe.
 */
final class PipelineResultsReport {
    static final double GOAL_RECORDS_PER_SECOND = 50_000;
    static final double GOAL_TAGGING_RECORDS_PER_SECOND = 100_000;
    static final double GOAL_CEILING_RATIO = 0.5;
    static final double GOAL_P99_MILLIS = 500;
    static final double GOAL_RATE = 5_000;

    /** Where and how the benchmark ran. */
    record Context(
            MachineDescription machine,
            String date,
            String command,
            String loadAverageAtStart,
            Map<String, String> settings) {}

    private PipelineResultsReport() {}

    /** The machine section's heading and its first rows: processors, CPU, memory, JVM, OS. */
    static void machine(StringBuilder md, MachineDescription m) {
        md.append("## Machine\n\n| | |\n|---|---|\n");
        md.append("| nproc | ").append(m.processors()).append(" |\n");
        md.append("| CPU | ").append(m.cpuModel()).append(" |\n");
        md.append("| memory | ").append(m.memory()).append(" |\n");
        md.append("| JVM | ").append(m.jvm()).append(" |\n");
        md.append("| OS | ").append(m.os()).append(" |\n");
    }

    static String render(
            List<PipelineThroughput.Result> runs,
            List<PipelineLatency.Result> latencyRuns,
            Context c) {
        PipelineThroughput.Result t = run(runs, "full");
        PipelineThroughput.Result tagging = run(runs, "tagging");
        PipelineThroughput.Result ceiling = run(runs, "ceiling");
        StringBuilder md = new StringBuilder();
        md.append(
                "# Pipeline benchmark: the whole zone-tagging job on a MiniCluster with the embedded broker\n\n");
        md.append(
                        "Written by `org.zonestat.benchmarks.PipelineBenchmark` (`./zonestat bench pipeline`) on ")
                .append(c.date())
                .append(". The columns are explained in `benchmarks/README.md`.\n\n");

        md.append("## Goals\n\n| measure | goal | measured | |\n|---|---|---|---|\n");
        if (t != null) {
            goal(
                    md,
                    "sustained input records/s, whole job, parallelism "
                            + t.settings().parallelism(),
                    ">= " + n(GOAL_RECORDS_PER_SECOND),
                    n(t.sustainedRecordsPerSecond()),
                    t.sustainedRecordsPerSecond() >= GOAL_RECORDS_PER_SECOND);
        }
        if (tagging != null) {
            goal(
                    md,
                    "sustained input records/s, the tagging path alone",
                    ">= " + n(GOAL_TAGGING_RECORDS_PER_SECOND),
                    n(tagging.sustainedRecordsPerSecond()),
                    tagging.sustainedRecordsPerSecond() >= GOAL_TAGGING_RECORDS_PER_SECOND);
        }
        if (t != null && ceiling != null) {
            double ratio = t.sustainedRecordsPerSecond() / ceiling.sustainedRecordsPerSecond();
            goal(
                    md,
                    "whole job / ceiling (same run)",
                    ">= " + GOAL_CEILING_RATIO,
                    String.format(Locale.ROOT, "%.2f", ratio),
                    ratio >= GOAL_CEILING_RATIO);
        }
        for (PipelineLatency.Result l : latencyRuns) {
            if (l.latencyMicros().count() == 0) {
                continue;
            }
            double p99 = l.latencyMicros().quantile(0.99) / 1000.0;
            boolean atGoalRate = l.settings().rate() == GOAL_RATE;
            md.append("| p99 event-to-`events` latency at ")
                    .append(n(l.settings().rate()))
                    .append(" records/s, >= 99 % matched, ")
                    .append(clockName(l))
                    .append(" | < ")
                    .append(n(GOAL_P99_MILLIS))
                    .append(" ms at ")
                    .append(n(GOAL_RATE))
                    .append("/s | ")
                    .append(ms(p99))
                    .append(" ms (")
                    .append(
                            String.format(
                                    Locale.ROOT, "%.2f %%", 100.0 * l.matched() / l.expected()))
                    .append(" matched) | ")
                    .append(
                            !atGoalRate
                                    ? "(other rate)"
                                    : p99 < GOAL_P99_MILLIS ? "**met**" : "**NOT met**")
                    .append(" |\n");
        }
        md.append('\n');

        if (!runs.isEmpty()) {
            runs(md, runs, ceiling);
        }

        if (t != null) {
            throughput(md, t);
        }
        for (PipelineLatency.Result l : latencyRuns) {
            latency(md, l);
        }
        if (t != null) {
            limits(md, t);
        }

        machine(md, c.machine());
        md.append("| load average at start (/proc/loadavg) | ")
                .append(c.loadAverageAtStart())
                .append(" |\n");
        for (PipelineThroughput.Result r : runs) {
            md.append("| after the ")
                    .append(r.settings().name())
                    .append(" run: load average; CPU while it wrote output | ")
                    .append(r.loadAverageAfter())
                    .append("; ")
                    .append(cpu(r.cpuWhileOutput(), c.machine().processors()))
                    .append(" |\n");
        }
        for (PipelineLatency.Result l : latencyRuns) {
            md.append("| load average after the latency run, ")
                    .append(clockName(l))
                    .append(" | ")
                    .append(l.loadAverageAfter())
                    .append(" |\n");
            md.append("| CPU during the measured latency phase, ")
                    .append(clockName(l))
                    .append(" | ")
                    .append(cpu(l.cpu(), c.machine().processors()))
                    .append(" |\n");
        }
        md.append("| date | ").append(c.date()).append(" |\n");
        md.append("| command | `").append(c.command()).append("` |\n\n");

        md.append("## Settings\n\n| | |\n|---|---|\n");
        c.settings()
                .forEach(
                        (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return md.toString();
    }

    private static PipelineThroughput.Result run(
            List<PipelineThroughput.Result> runs, String name) {
        return runs.stream().filter(r -> r.settings().name().equals(name)).findFirst().orElse(null);
    }

    private static void goal(
            StringBuilder md, String measure, String goal, String measured, boolean met) {
        md.append("| ")
                .append(measure)
                .append(" | ")
                .append(goal)
                .append(" | ")
                .append(measured)
                .append(" | ")
                .append(met ? "**met**" : "**NOT met**")
                .append(" |\n");
    }

    /** One row per throughput run, each as a ratio to the ceiling of the same benchmark run. */
    private static void runs(
            StringBuilder md,
            List<PipelineThroughput.Result> runs,
            PipelineThroughput.Result ceiling) {
        md.append("## Throughput: the ceiling and each path, in one run\n\n");
        md.append(
                "Each run publishes its input into fresh topics, then runs its job bounded; the rate is input"
                        + " records / first-to-last output record. The ceiling is a pass-through job (the raw"
                        + " topics' records copied to an output topic, no work).\n\n");
        md.append(
                "| run | input records | first to last output | input records/s | / ceiling | JVM CPUs while output | records per CPU-second |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (PipelineThroughput.Result r : runs) {
            double rate = r.sustainedRecordsPerSecond();
            double cpus = r.cpuWhileOutput().processCpus();
            md.append("| ")
                    .append(r.settings().name())
                    .append(": ")
                    .append(label(r))
                    .append(" | ")
                    .append(n(r.raw()))
                    .append(" | ")
                    .append(s1(r.firstToLastSeconds()))
                    .append(" s | **")
                    .append(n(rate))
                    .append("** | ")
                    .append(
                            ceiling == null
                                    ? "-"
                                    : String.format(
                                            Locale.ROOT,
                                            "%.2f",
                                            rate / ceiling.sustainedRecordsPerSecond()))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", cpus))
                    .append(" | ")
                    .append(cpus > 0 ? n(rate / cpus) : "-")
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static String label(PipelineThroughput.Result r) {
        return switch (r.settings().name()) {
            case "incidents" -> "the whole job, incidents alone";
            case "311" -> "the whole job, 311 records alone";
            case "tips" -> "the whole job, tips alone";
            default -> r.settings().variant().label;
        };
    }

    private static void throughput(StringBuilder md, PipelineThroughput.Result t) {
        md.append("## The whole job in detail\n\n| | |\n|---|---|\n");
        md.append("| raw records in | ")
                .append(n(t.raw()))
                .append(" (incidents ")
                .append(n(t.rawByFeed().getOrDefault(Feed.INCIDENTS, 0L)))
                .append(", 311 ")
                .append(n(t.rawByFeed().getOrDefault(Feed.REQUESTS311, 0L)))
                .append(", tips ")
                .append(n(t.rawByFeed().getOrDefault(Feed.TIPS, 0L)))
                .append(") |\n");
        md.append("| generated + published in | ")
                .append(s1(t.publishSeconds()))
                .append(" s (")
                .append(n(t.publishRecordsPerSecond()))
                .append(" records/s, compression ")
                .append(t.settings().compression())
                .append(") |\n");
        md.append("| events out | ").append(n(t.eventsOut())).append(" |\n");
        md.append("| rejected | ").append(n(t.rejected())).append(" |\n");
        t.analyticsOut()
                .forEach(
                        (topic, count) ->
                                md.append("| ")
                                        .append(topic)
                                        .append(" | ")
                                        .append(n(count))
                                        .append(" |\n"));
        md.append("| first to last `events` record | ")
                .append(s1(t.firstToLastSeconds()))
                .append(" s |\n");
        md.append("| **sustained input records/s** (raw records / first-to-last) | **")
                .append(n(t.sustainedRecordsPerSecond()))
                .append("** |\n");
        md.append("| steady input records/s (10 % to 90 % of the output) | ")
                .append(n(t.steadyRecordsPerSecond()))
                .append(" |\n");
        md.append("| events out/s (events / first-to-last) | ")
                .append(n(t.eventsOut() / t.firstToLastSeconds()))
                .append(" |\n");
        md.append("| job wall time (MiniCluster start to end, final checkpoint included) | ")
                .append(s1(t.jobWallSeconds()))
                .append(" s (")
                .append(n(t.raw() / t.jobWallSeconds()))
                .append(" records/s) |\n");
        md.append("| Flink net runtime | ").append(s1(t.flinkNetRuntimeSeconds())).append(" s |\n");
        md.append("| input records per CPU-second of this JVM | ")
                .append(n(perCpuSecond(t)))
                .append(
                        " (sustained rate / CPUs this JVM used from the first output record to the end) |\n\n");

        if (!t.load().isEmpty()) {
            md.append(
                            "Busy and backpressured time per job vertex (operator chain), ms per second averaged over ")
                    .append(
                            "its subtasks and over the samples taken between 5 % and 95 % of the output:\n\n");
            md.append(
                    "| job vertex | busy ms/s | backpressured ms/s | samples |\n|---|---|---|---|\n");
            for (FlinkBusyProbe.VertexLoad v : t.load()) {
                md.append("| ")
                        .append(v.vertex().replace("|", "/"))
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

    private static void latency(StringBuilder md, PipelineLatency.Result l) {
        Percentiles p = l.latencyMicros();
        md.append("## Latency at a fixed rate, ")
                .append(clockName(l))
                .append(" (unbounded run of the full job)\n\n| | |\n|---|---|\n");
        md.append("| event times | ").append(l.settings().clock().description()).append(" |\n");
        md.append("| target rate | ").append(n(l.settings().rate())).append(" records/s |\n");
        md.append("| achieved rate (measured phase) | ")
                .append(n(l.achievedRate()))
                .append(" records/s |\n");
        md.append("| job answered after | ").append(s1(l.readySeconds())).append(" s |\n");
        md.append("| warm-up, measured | ")
                .append(l.settings().warmupSeconds())
                .append(" s, ")
                .append(l.settings().seconds())
                .append(" s |\n");
        md.append("| sent in the measured phase | ").append(n(l.sent())).append(" |\n");
        md.append("| of which the job should tag | ").append(n(l.expected())).append(" |\n");
        md.append("| matched in `events` | ")
                .append(n(l.matched()))
                .append(" (")
                .append(
                        l.expected() == 0
                                ? "-"
                                : String.format(
                                        Locale.ROOT, "%.2f %%", 100.0 * l.matched() / l.expected()))
                .append(") |\n");
        md.append("| redelivered copies seen | ").append(n(l.duplicates())).append(" |\n");
        if (p.count() > 0) {
            md.append("| p50 | ").append(ms(p.quantile(0.5) / 1000.0)).append(" ms |\n");
            md.append("| p95 | ").append(ms(p.quantile(0.95) / 1000.0)).append(" ms |\n");
            md.append("| **p99** | **").append(ms(p.quantile(0.99) / 1000.0)).append(" ms** |\n");
            md.append("| p99.9 | ").append(ms(p.quantile(0.999) / 1000.0)).append(" ms |\n");
            md.append("| max | ").append(ms(p.max() / 1000.0)).append(" ms |\n");
            md.append("| mean | ").append(ms(p.mean() / 1000.0)).append(" ms |\n");
        }
        md.append("| event time the records sent span | ")
                .append(n(l.spanDays()))
                .append(" days |\n\n");
    }

    /** The latency run's clock as the tables name it. */
    private static String clockName(PipelineLatency.Result l) {
        return l.settings().clock() == PipelineLatency.Clock.LIVE ? "live clock" : "history replay";
    }

    private static void limits(StringBuilder md, PipelineThroughput.Result t) {
        md.append("## What limits throughput\n\n");
        int most = t.load().stream().mapToInt(FlinkBusyProbe.VertexLoad::samples).max().orElse(0);
        // A vertex seen in few samples (a source that finished at once) says nothing about the run.
        FlinkBusyProbe.VertexLoad busiest =
                t.load().stream()
                        .filter(v -> v.samples() * 2 >= most)
                        .max(Comparator.comparingDouble(FlinkBusyProbe.VertexLoad::busyMsPerSecond))
                        .orElse(null);
        if (busiest != null) {
            md.append("- Busiest job vertex: `")
                    .append(busiest.vertex().replace("|", "/"))
                    .append("` at ")
                    .append(n(busiest.busyMsPerSecond()))
                    .append(" ms/s busy; ");
            List<FlinkBusyProbe.VertexLoad> pressed =
                    t.load().stream().filter(v -> v.backPressuredMsPerSecond() >= 300).toList();
            if (pressed.isEmpty()) {
                md.append("no vertex is backpressured for 300 ms/s or more.\n");
            } else {
                md.append("backpressured (>= 300 ms/s): ");
                md.append(
                                String.join(
                                        ", ",
                                        pressed.stream()
                                                .map(
                                                        v ->
                                                                "`"
                                                                        + v.vertex()
                                                                                .replace("|", "/")
                                                                        + "` "
                                                                        + n(
                                                                                v
                                                                                        .backPressuredMsPerSecond()))
                                                .toList()))
                        .append(".\n");
            }
        }
        md.append("- CPU from the first output record to the end: ")
                .append(cpu(t.cpuWhileOutput(), Runtime.getRuntime().availableProcessors()))
                .append(
                        ". The broker, the MiniCluster (two task slots) and the benchmark share one JVM and ")
                .append(
                        "these cores; busy CPU beyond this JVM is other processes on the machine.\n");
        double perCpu = perCpuSecond(t);
        if (t.sustainedRecordsPerSecond() < GOAL_RECORDS_PER_SECOND && perCpu > 0) {
            md.append("- At ")
                    .append(n(perCpu))
                    .append(" input records per CPU-second, ")
                    .append(n(GOAL_RECORDS_PER_SECOND))
                    .append(" records/s would take about ")
                    .append(String.format(Locale.ROOT, "%.0f", GOAL_RECORDS_PER_SECOND / perCpu))
                    .append(" such CPUs if the job scaled linearly.\n");
        }
        md.append('\n');
    }

    static double perCpuSecond(PipelineThroughput.Result t) {
        return t.cpuWhileOutput().processCpus() <= 0
                ? 0
                : t.sustainedRecordsPerSecond() / t.cpuWhileOutput().processCpus();
    }

    static String cpu(CpuMeter.Usage u, int processors) {
        String machine =
                Double.isNaN(u.machineBusy())
                        ? "n/a"
                        : String.format(
                                Locale.ROOT,
                                "%.0f %% of all %d CPUs busy, %.0f %% stolen by the hypervisor",
                                100 * u.machineBusy(),
                                processors,
                                100 * u.steal());
        return machine + String.format(Locale.ROOT, ", this JVM %.2f CPUs", u.processCpus());
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String s1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }
}
