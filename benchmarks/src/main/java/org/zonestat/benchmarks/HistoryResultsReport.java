package org.zonestat.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zonestat.topics.RunMessage;

/** Renders the history benchmark's results file. Stateless; thread-safe. */
final class HistoryResultsReport {
    static final double GOAL_RECORDS_PER_SECOND = 100_000;
    static final double GOAL_SCORECARD_SECONDS = 10;

    /**
     * One timed phase.
     *
     * @param records raw records it carried (for the ceiling: file rows)
     * @param seconds wall time
     * @param rows data rows of the files it read
     */
    record Phase(long records, double seconds, long rows) {
        double recordsPerSecond() {
            return records / seconds;
        }

        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /**
     * What one run measured.
     *
     * @param input the files
     * @param in raw records the backfills published
     * @param parallelism each history run's parallelism
     * @param seed the input's seed
     * @param ceiling the files' rows to Kafka
     * @param history first published record to the last run's {@code done}
     * @param incidentsPublishedSeconds when the incident backfill ended, from the start
     * @param publishedSeconds when the 311 backfill ended, from the start
     * @param runs the history service's finished runs by run id
     * @param total their reconciliations summed
     * @param scorecardSeconds the last {@code done} to the scorecard's full counts
     * @param frames the JFR profile's hottest frames over the history phase
     * @param cpu the machine's and this JVM's CPU over the history phase
     * @param loadAfter the load average after the history phase
     */
    record Result(
            HistoryInput input,
            long in,
            int parallelism,
            long seed,
            Phase ceiling,
            Phase history,
            double incidentsPublishedSeconds,
            double publishedSeconds,
            Map<String, RunMessage> runs,
            RunMessage.Reconciliation total,
            double scorecardSeconds,
            List<JfrProfile.Frame> frames,
            CpuMeter.Usage cpu,
            String loadAfter) {}

    private HistoryResultsReport() {}

    static String render(Result r, PipelineResultsReport.Context c) {
        StringBuilder md = new StringBuilder();
        md.append("# History benchmark: ten years of history from files to the scorecard\n\n");
        md.append(
                        "Written by `org.zonestat.benchmarks.HistoryBenchmark` (`./zonestat bench history`) on ")
                .append(c.date())
                .append(". The columns are explained in `benchmarks/README.md`. Size: **")
                .append(String.format(Locale.ROOT, "%,d", r.input().incidentRows()))
                .append(" incident rows** and ")
                .append(String.format(Locale.ROOT, "%,d", r.input().requestRows()))
                .append(" 311 rows, ")
                .append(String.format(Locale.ROOT, "%,d", r.in()))
                .append(" raw records.\n\n");

        double ratio = r.history().rowsPerSecond() / r.ceiling().rowsPerSecond();
        md.append("## Goals\n\n| measure | goal | measured | |\n|---|---|---|---|\n");
        row(
                md,
                "raw records/s, first published record to last committed output",
                ">= " + n(GOAL_RECORDS_PER_SECOND),
                n(r.history().recordsPerSecond()),
                met(r.history().recordsPerSecond() >= GOAL_RECORDS_PER_SECOND));
        row(
                md,
                "last committed output to the scorecard's full counts",
                "<= " + n(GOAL_SCORECARD_SECONDS) + " s",
                s(r.scorecardSeconds()) + " s",
                met(r.scorecardSeconds() <= GOAL_SCORECARD_SECONDS));
        row(
                md,
                "history path / ceiling, file rows/s (same files, same run)",
                "(reported)",
                String.format(Locale.ROOT, "%.3f", ratio),
                "");
        md.append('\n');

        md.append(
                        "## Phases\n\n| phase | file rows | raw records | seconds | rows/s | records/s |\n")
                .append("|---|---|---|---|---|---|\n");
        phase(md, "ceiling: file rows to Kafka, no processing", r.ceiling(), false);
        phase(
                md,
                "history path: backfill --load, then batch runs to committed outputs",
                r.history(),
                true);
        md.append('\n');
        md.append("Within the history path: the incident backfill ended at ")
                .append(s(r.incidentsPublishedSeconds()))
                .append(" s, the 311 backfill at ")
                .append(s(r.publishedSeconds()))
                .append(
                        " s; the history service ran each load once it was published, one at a time:\n\n");
        md.append(
                "| run | records in | seconds (running to done) | records/s |\n|---|---|---|---|\n");
        r.runs()
                .values()
                .forEach(
                        run ->
                                md.append("| ")
                                        .append(run.runId())
                                        .append(" | ")
                                        .append(n(run.reconciliation().loadedIn()))
                                        .append(" | ")
                                        .append(
                                                s(
                                                        run.ratePerSecond() <= 0
                                                                ? 0
                                                                : run.reconciliation().loadedIn()
                                                                        / run.ratePerSecond()))
                                        .append(" | ")
                                        .append(n(run.ratePerSecond()))
                                        .append(" |\n"));
        md.append('\n');

        RunMessage.Reconciliation t = r.total();
        md.append("## Reconciliation\n\n| | records |\n|---|---|\n");
        md.append("| in (published by the backfills, read by the runs) | ")
                .append(n(t.loadedIn()))
                .append(" |\n");
        md.append("| events | ").append(n(t.eventsWritten())).append(" |\n");
        t.rejected()
                .forEach(
                        (reason, v) ->
                                md.append("| rejected `")
                                        .append(reason)
                                        .append("` | ")
                                        .append(n(v))
                                        .append(" |\n"));
        md.append("| in - events - rejected | ")
                .append(n(t.loadedIn() - t.eventsWritten() - t.rejectedTotal()))
                .append(" |\n");
        md.append("| zone-days written (`zone-stats`) | ")
                .append(n(t.zoneDaysWritten()))
                .append(" |\n");
        md.append("| homicides and shootings in zones, by layer (files = scorecard) | ");
        md.append(
                String.join(
                        ", ",
                        r.input().gunViolenceByLayer().entrySet().stream()
                                .map(e -> e.getKey() + " " + n(e.getValue()))
                                .toList()));
        md.append(" |\n\n");

        md.append("## JFR profile of the history path\n\n")
                .append(
                        "CPU samples of every Java thread in this JVM (backfill, broker, MiniCluster) over the history phase.\n\n")
                .append("| view | frame | samples | share |\n|---|---|---|---|\n");
        for (JfrProfile.Frame f : r.frames()) {
            md.append("| ")
                    .append(f.view())
                    .append(" | `")
                    .append(f.name())
                    .append("` | ")
                    .append(n(f.samples()))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f %%", 100 * f.share()))
                    .append(" |\n");
        }
        md.append('\n');

        PipelineResultsReport.machine(md, c.machine());
        md.append("| load average at start; after the history phase | ")
                .append(c.loadAverageAtStart())
                .append("; ")
                .append(r.loadAfter())
                .append(" |\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "| CPU over the history phase | machine %.0f %% busy (%.0f %% stolen), this JVM %.2f of %d CPUs |%n",
                        100 * r.cpu().machineBusy(),
                        100 * r.cpu().steal(),
                        r.cpu().processCpus(),
                        c.machine().processors()));
        md.append("| date | ").append(c.date()).append(" |\n");
        md.append("| command | `").append(c.command()).append("` |\n\n");

        long realRecords311 = CityMix.REAL_311;
        md.append("## Settings\n\n| | |\n|---|---|\n");
        md.append("| input | ")
                .append(
                        String.format(
                                Locale.ROOT,
                                "resampled from the shipped Baltimore history (seed %d), days uniform over %s to %s:"
                                        + " %,d incident rows (`baltimore-part1-legacy` layout; kind, place and address of a"
                                        + " shipped shooting case or 2018 Part 1 row, rows without coordinates included;"
                                        + " time of day of a Part 1 row) and %,d 311 export rows (`baltimore-311` layout; a"
                                        + " shipped row, dates moved), the shipped proportion %,d export rows : %,d incident"
                                        + " rows; each 311 row is 1 or 2 lifecycle records (%,d : %,d shipped). Files in time"
                                        + " order, published with `--order file` |",
                                r.seed(),
                                HistoryInput.FIRST_DAY,
                                HistoryInput.LAST_DAY,
                                r.input().incidentRows(),
                                r.input().requestRows(),
                                HistoryInput.REAL_311_ROWS,
                                HistoryInput.REAL_INCIDENT_ROWS,
                                realRecords311,
                                HistoryInput.REAL_311_ROWS))
                .append('\n');
        md.append(
                "| Kafka | embedded KRaft broker in this JVM, the demo's topics with 2 partitions |\n");
        md.append(
                "| ceiling | the files' data rows, unchanged, as record values without keys to a 2-partition topic;"
                        + " producer as the backfill's (acks=all, idempotent, linger.ms 10, batch.size 256 KiB) |\n");
        md.append(
                        "| history path | `BackfillCommand` in process (incidents, then 311, each `--load`), the `HistoryService`"
                                + " as the demo starts it (`HistoryJob` in batch mode, local MiniCluster, parallelism ")
                .append(r.parallelism())
                .append(
                        "), the console's `ScorecardStore` fed from `zone-stats` by a `TopicFeed` |\n");
        return md.toString();
    }

    private static void phase(StringBuilder md, String name, Phase p, boolean records) {
        md.append("| ")
                .append(name)
                .append(" | ")
                .append(n(p.rows()))
                .append(" | ")
                .append(records ? n(p.records()) : "")
                .append(" | ")
                .append(s(p.seconds()))
                .append(" | ")
                .append(n(p.rowsPerSecond()))
                .append(" | ")
                .append(records ? n(p.recordsPerSecond()) : "")
                .append(" |\n");
    }

    private static void row(
            StringBuilder md, String measure, String goal, String value, String verdict) {
        md.append("| ")
                .append(measure)
                .append(" | ")
                .append(goal)
                .append(" | ")
                .append(value)
                .append(" | ")
                .append(verdict)
                .append(" |\n");
    }

    private static String met(boolean met) {
        return met ? "**met**" : "**NOT met**";
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String s(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
