package org.zonestat.benchmarks;

import static org.zonestat.benchmarks.PipelineResultsReport.ms;
import static org.zonestat.benchmarks.PipelineResultsReport.n;

import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code results/websocket.md} from one {@link WebSocketBenchmark} run;
 * benchmarks/README.md explains the rows.
 *
 * <p>Stateless; thread-safe.
 */
final class WebSocketResultsReport {
    private static final double GOAL_P99_MS = 250;

    private WebSocketResultsReport() {}

    /** What one run measured. */
    record Run(
            int records,
            int firstMeasured,
            double achievedRate,
            double connectSeconds,
            long expectedDeliveries,
            long expectedMeasured,
            List<WebSocketBenchmark.Check> checks,
            Percentiles latency,
            CpuMeter.Usage cpu,
            String loadAfter,
            Map<String, Long> recordsPerKind) {}

    static String render(
            WebSocketBenchmark.Arguments a,
            Run run,
            double generateSeconds,
            MachineDescription machine,
            String loadAtStart,
            String command) {
        List<WebSocketBenchmark.Check> checks = run.checks();
        long exact = checks.stream().filter(WebSocketBenchmark.Check::exact).count();
        long missingClients = checks.stream().filter(c -> c.missing() > 0).count();
        long missing = checks.stream().mapToLong(WebSocketBenchmark.Check::missing).sum();
        long extra = checks.stream().mapToLong(WebSocketBenchmark.Check::extra).sum();
        long duplicates = checks.stream().mapToLong(WebSocketBenchmark.Check::duplicates).sum();
        long foreign = checks.stream().mapToLong(WebSocketBenchmark.Check::foreign).sum();
        long closed = checks.stream().filter(c -> c.closeCode() >= 0).count();
        long errors = checks.stream().filter(c -> c.error() != null).count();
        long deliveries = checks.stream().mapToLong(WebSocketBenchmark.Check::deliveries).sum();
        IntSummaryStatistics perClient =
                checks.stream().mapToInt(WebSocketBenchmark.Check::expected).summaryStatistics();
        Percentiles p = run.latency();
        double p99 = p.count() == 0 ? Double.NaN : p.quantile(0.99) / 1e6;
        StringBuilder md = new StringBuilder();
        md.append(
                "# WebSocket benchmark: concurrent /ws/live clients with different subscriptions\n\n");
        md.append(
                        "Written by `org.zonestat.benchmarks.WebSocketBenchmark` (`./zonestat bench websocket`) on ")
                .append(a.date())
                .append(". The rows are explained in `benchmarks/README.md`.\n\n");
        md.append("## Goals\n\n| measure | goal | measured | |\n|---|---|---|---|\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "| p99 delivery latency (send to `events` → client receipt), %d clients, %s events/s | < 250 ms | %s ms | %s |%n",
                        a.clients(),
                        n(a.rate()),
                        ms(p99),
                        p99 < GOAL_P99_MS ? "met" : "**NOT met**"));
        md.append(
                String.format(
                        Locale.ROOT,
                        "| clients missing a message they subscribed to | 0 | %d (%s messages missing) | %s |%n%n",
                        missingClients,
                        n(missing),
                        missingClients == 0 ? "met" : "**NOT met**"));

        md.append("## Delivery\n\n| | |\n|---|---|\n");
        row(
                md,
                "clients",
                a.clients()
                        + " ("
                        + closed
                        + " closed by the server or the network during the run)");
        row(
                md,
                "connected and subscribed in",
                String.format(Locale.ROOT, "%.1f s", run.connectSeconds()));
        row(
                md,
                "records published",
                n(run.records())
                        + " ("
                        + n(run.firstMeasured())
                        + " warm-up, "
                        + n(run.records() - run.firstMeasured())
                        + " measured)");
        row(md, "records per kind", run.recordsPerKind().toString());
        row(
                md,
                "target / achieved rate (measured phase)",
                n(a.rate()) + " / " + n(run.achievedRate()) + " events/s");
        row(
                md,
                "deliveries expected (all records, per the subscriptions)",
                n(run.expectedDeliveries()));
        row(
                md,
                "deliveries expected per client, min / mean / max",
                perClient.getMin()
                        + " / "
                        + n(perClient.getAverage())
                        + " / "
                        + perClient.getMax());
        row(md, "**event messages received**", "**" + n(deliveries) + "**");
        row(md, "clients that got exactly their messages", exact + " of " + checks.size());
        row(md, "missing (expected, never received)", n(missing));
        row(md, "extra (received, not expected)", n(extra));
        row(md, "duplicates (received twice)", n(duplicates));
        row(md, "unreadable or foreign event messages", n(foreign));
        row(md, "clients that got an `error` message", Long.toString(errors));
        md.append('\n');

        md.append(
                "## Latency of the measured phase (send → receipt, every delivery)\n\n| | |\n|---|---|\n");
        row(
                md,
                "deliveries measured",
                n(p.count()) + " (expected " + n(run.expectedMeasured()) + ")");
        if (p.count() > 0) {
            row(md, "p50", ms(p.quantile(0.50) / 1e6) + " ms");
            row(md, "p95", ms(p.quantile(0.95) / 1e6) + " ms");
            row(md, "**p99**", "**" + ms(p99) + " ms**");
            row(md, "p99.9", ms(p.quantile(0.999) / 1e6) + " ms");
            row(md, "max", ms(p.max() / 1e6) + " ms");
            row(md, "mean", ms(p.mean() / 1e6) + " ms");
        }
        md.append('\n');

        md.append("## Machine\n\n| | |\n|---|---|\n");
        row(md, "nproc", Integer.toString(machine.processors()));
        row(md, "CPU", machine.cpuModel());
        row(md, "memory", machine.memory());
        row(md, "JVM", machine.jvm());
        row(md, "OS", machine.os());
        row(md, "load average at start (/proc/loadavg)", loadAtStart);
        row(md, "load average after the measured phase", run.loadAfter());
        CpuMeter.Usage u = run.cpu();
        row(
                md,
                "CPU during the measured phase",
                String.format(
                        Locale.ROOT,
                        "%.0f %% of all %d CPUs busy, %.0f %% stolen by the hypervisor, this JVM %.2f CPUs (broker, console,"
                                + " producer and all clients); busy beyond this JVM is other processes on the shared machine",
                        u.machineBusy() * 100,
                        machine.processors(),
                        u.steal() * 100,
                        u.processCpus()));
        row(md, "date", a.date());
        row(md, "command", "`" + command + "`");
        md.append('\n');

        md.append("## Settings\n\n| | |\n|---|---|\n");
        row(
                md,
                "console",
                "`OpsConsole.builder()` with the Baltimore layers, defaults (5,000 queued messages per"
                        + " client, recent buffer 500), reading `events` only (no alerts or hotspots topics)");
        row(
                md,
                "Kafka",
                "embedded KRaft broker in the same JVM, `events` with 2 partitions; producer acks=all,"
                        + " idempotent, linger.ms 0");
        row(
                md,
                "clients",
                "java.net.http WebSocket, 4 HttpClients sharing a 4-thread listener pool, 30 % with an"
                        + " analyst token (tips), the rest dispatcher");
        row(
                md,
                "load",
                String.format(
                        Locale.ROOT,
                        "seed %d, %d s warm-up + %d s measured; generated in %.1f s",
                        a.seed(),
                        a.warmup(),
                        a.seconds(),
                        generateSeconds));
        return md.toString();
    }

    private static void row(StringBuilder md, String label, String value) {
        md.append("| ").append(label).append(" | ").append(value).append(" |\n");
    }
}
