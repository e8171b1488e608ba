package org.zonestat.jobs.analytics;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;
import org.zonestat.jobs.functions.CountingPassThrough;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.CellEvent;
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.RequestUpdate;
import org.zonestat.jobs.model.RiskHalo;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.jobs.model.ZoneFact;

/**
 * Attaches the event analytics to a stream of tagged events: the 311 request lifecycle (overdue
 * alerts and closing-the-loop notifications), near-repeat alerts with their risk halos, and the
 * per-zone daily scorecard with each zone's 311 workload. The input must already carry event time
 * and watermarks (in the zone-tagging job they come from the raw source, see {@link
 * org.zonestat.jobs.functions.ParsedRecordWatermarks}; tests assign them to their own tagged
 * events).
 *
 * <pre>
 *   tagged ─┬▶ 311-updates ─keyBy(request)─▶ 311-lifecycle ─▶ alerts (overdue-311)
 *           │                                      ├─(notifications)─▶ notifications
 *           │                                      ├─(stale updates: counted, not used)
 *           │                                      └─(311 workload facts)──┐
 *           ├▶ near-repeat-fan-out ─keyBy(H3 cell)─▶ near-repeat ─▶ alerts (near-repeat)
 *           │                                             └─(halos)─▶ halos (hotspots topic)
 *           └▶ zone-facts ─▶ zone-day-combine ─┐
 *      311 workload facts ─▶ zone-day-combine ─┤ (and the units' dosage facts, combined alike)
 *                                              └─keyBy(layer,zone)─▶ zone-day-stats (local days)
 *                 ─keyBy(layer,zone)─▶ zone-311-workload ─▶ zone-stats
 *              zone-day-stats ─(late facts)─▶ late-zone-facts (counted, not used)
 * </pre>
 *
 * Every operator has a name and a uid prefixed {@code analytics-}. Tip matching ({@link
 * TipMatching}) and the hotspot statistics ({@link org.zonestat.jobs.hotspots.HotspotGraph}) are
 * attached to the same tagged events by the job, beside these branches.
 *
 * <p>Stateless; the class only builds graph nodes.
 */
public final class AnalyticsGraph {
    /**
     * Zone facts that arrived after their day's allowed lateness, each as a part of one fact
     * ({@link ZoneDayCombiner} passes a fact of an ended day on alone).
     */
    public static final OutputTag<ZoneDayPart> LATE_ZONE_FACTS =
            new OutputTag<>("late-zone-facts") {};

    /**
     * The zone-days a batch run's {@link ZoneDayCombiner} holds per subtask before it passes them
     * on (a few tens of MB of tallies at most).
     */
    static final int COMBINED_ZONE_DAYS = 100_000;

    /**
     * The zone-days a live job's {@link ZoneDayCombiner} holds per subtask at most; it passes them
     * on before every watermark, so it seldom holds more than a few days' zones.
     */
    static final int LIVE_COMBINED_ZONE_DAYS = 10_000;

    private AnalyticsGraph() {}

    /**
     * What the analytics produce: one stream per output, plus the two streams of input they could
     * not use.
     *
     * @param alerts overdue 311 requests and near repeats ({@code alerts})
     * @param notifications closing-the-loop messages ({@code notifications})
     * @param zoneStats per-zone daily scorecards ({@code zone-stats})
     * @param halos near-repeat risk halos ({@code hotspots})
     * @param lateZoneFacts scorecard input that came after its day was final (counted by facts)
     * @param staleRequestUpdates 311 updates for requests already forgotten (counted)
     */
    public record Outputs(
            DataStream<Alert> alerts,
            DataStream<Notification> notifications,
            DataStream<ZoneDayStats> zoneStats,
            DataStream<RiskHalo> halos,
            DataStream<ZoneDayPart> lateZoneFacts,
            DataStream<RequestUpdate> staleRequestUpdates) {}

    /** Adds the 311 lifecycle, near-repeat and daily scorecard branches to {@code tagged}. */
    public static Outputs attach(DataStream<TaggedEvent> tagged, AnalyticsConfig config) {
        return attach(tagged, null, config);
    }

    /**
     * Adds the branches, with more facts for the daily scorecard (the units' dosage, placed by
     * their own time like the others); {@code moreFacts} may be null.
     */
    public static Outputs attach(
            DataStream<TaggedEvent> tagged,
            DataStream<ZoneFact> moreFacts,
            AnalyticsConfig config) {
        Objects.requireNonNull(tagged, "tagged");
        Objects.requireNonNull(config, "config");

        SingleOutputStreamOperator<Alert> overdue = requestLifecycle(tagged, config);

        SingleOutputStreamOperator<Alert> nearRepeats =
                tagged.flatMap(
                                new NearRepeatFanOut(
                                        new NearRepeatCover(
                                                config.nearRepeatCellResolution(),
                                                config.nearRepeatRadiusMeters())))
                        .name("near-repeat-fan-out")
                        .uid("analytics-near-repeat-fan-out")
                        .keyBy(new CellKey())
                        .process(NearRepeatDetector.of(config))
                        .name("near-repeat")
                        .uid("analytics-near-repeat");

        SingleOutputStreamOperator<ZoneDayStats> days =
                runZoneDayStats(zoneFacts(tagged, overdue, moreFacts), config);
        SingleOutputStreamOperator<ZoneDayStats> stats = workload(days, config);
        SingleOutputStreamOperator<ZoneDayPart> late =
                days.getSideOutput(LATE_ZONE_FACTS)
                        .process(
                                new CountingPassThrough<ZoneDayPart>(
                                        "lateZoneFacts", ZoneDayPart::facts))
                        .name("late-zone-facts")
                        .uid("analytics-late-zone-facts");

        return new Outputs(
                overdue.union(nearRepeats),
                overdue.getSideOutput(RequestLifecycleFunction.NOTIFICATIONS),
                stats,
                nearRepeats.getSideOutput(NearRepeatDetector.HALOS),
                late,
                overdue.getSideOutput(RequestLifecycleFunction.STALE_UPDATES));
    }

    /**
     * The daily scorecard with each zone's 311 workload alone: the same {@code zone-stats} records
     * as {@link #attach} writes for {@code tagged} (no further facts), without the near-repeat
     * branch and with the 311 lifecycle's alerts and notifications left unread. For a run that
     * keeps only the scorecard (a backfill's history run); late facts are not counted. The facts
     * are first added up per zone-day on each subtask ({@link ZoneDayCombiner}), so in batch
     * execution mode the window's sort sees one part per zone-day and subtask rather than one fact
     * per event and layer; the scorecard is the same.
     */
    public static SingleOutputStreamOperator<ZoneDayStats> zoneStatsOnly(
            DataStream<TaggedEvent> tagged, AnalyticsConfig config) {
        Objects.requireNonNull(tagged, "tagged");
        Objects.requireNonNull(config, "config");
        SingleOutputStreamOperator<Alert> lifecycle = requestLifecycle(tagged, config);
        return workload(
                runZoneDayStats(
                        List.of(
                                eventFacts(tagged),
                                lifecycle.getSideOutput(RequestLifecycleFunction.WORKLOAD)),
                        config),
                config);
    }

    /**
     * The daily scorecard over {@code facts} ({@link #zoneDayStats}), each combiner holding {@link
     * #COMBINED_ZONE_DAYS} in a batch run and {@link #LIVE_COMBINED_ZONE_DAYS} in a live one.
     */
    private static SingleOutputStreamOperator<ZoneDayStats> runZoneDayStats(
            List<DataStream<ZoneFact>> facts, AnalyticsConfig config) {
        boolean batch =
                facts.get(0)
                                .getExecutionEnvironment()
                                .getConfiguration()
                                .get(ExecutionOptions.RUNTIME_MODE)
                        == RuntimeExecutionMode.BATCH;
        return zoneDayStats(facts, config, batch ? COMBINED_ZONE_DAYS : LIVE_COMBINED_ZONE_DAYS);
    }

    /**
     * The daily scorecard: each input's facts added up per zone-day on each subtask, in a combiner
     * chained to the operator that makes them ({@link ZoneDayCombiner}, holding at most {@code
     * maxZoneDays}; uid {@code analytics-zone-day-combine-<input>}), then the parts in local-day
     * windows keyed by (layer, zone), with the allowed lateness; facts that come later go to {@link
     * #LATE_ZONE_FACTS} (never in batch mode, where nothing is late). The window's state is the
     * same {@link ZoneDayTally} per zone-day as when it added the facts one by one.
     */
    static SingleOutputStreamOperator<ZoneDayStats> zoneDayStats(
            List<DataStream<ZoneFact>> facts, AnalyticsConfig config, int maxZoneDays) {
        LocalDayWindows days = new LocalDayWindows(config.timeZone());
        DataStream<ZoneDayPart> parts = null;
        for (int i = 0; i < facts.size(); i++) {
            DataStream<ZoneDayPart> combined =
                    facts.get(i)
                            .transform(
                                    "zone-day-combine",
                                    TypeInformation.of(ZoneDayPart.class),
                                    new ZoneDayCombiner(days, maxZoneDays))
                            .uid("analytics-zone-day-combine-" + i);
            parts = parts == null ? combined : parts.union(combined);
        }
        return parts.keyBy(new PartKey())
                .window(days)
                .allowedLateness(config.zoneStatsLateness())
                .sideOutputLateData(LATE_ZONE_FACTS)
                .aggregate(new ZoneDayPartMerging(), new ZoneDailyCounts(days))
                .name("zone-day-stats")
                .uid("analytics-zone-day-stats");
    }

    /** The 311 lifecycle: overdue alerts, with notifications and workload facts on the side. */
    private static SingleOutputStreamOperator<Alert> requestLifecycle(
            DataStream<TaggedEvent> tagged, AnalyticsConfig config) {
        return tagged.flatMap(new ToRequestUpdate())
                .name("311-updates")
                .uid("analytics-311-updates")
                .keyBy(new RequestIdKey())
                .process(new RequestLifecycleFunction(RequestLifecycle.of(config)))
                .name("311-lifecycle")
                .uid("analytics-311-lifecycle");
    }

    /** The scorecard's facts: each tagged event's, the 311 workload's and {@code moreFacts}. */
    private static List<DataStream<ZoneFact>> zoneFacts(
            DataStream<TaggedEvent> tagged,
            SingleOutputStreamOperator<Alert> lifecycle,
            DataStream<ZoneFact> moreFacts) {
        DataStream<ZoneFact> events = eventFacts(tagged);
        DataStream<ZoneFact> workload = lifecycle.getSideOutput(RequestLifecycleFunction.WORKLOAD);
        return moreFacts == null ? List.of(events, workload) : List.of(events, workload, moreFacts);
    }

    /** Each tagged event's zone facts ({@link ToZoneFacts}). */
    private static SingleOutputStreamOperator<ZoneFact> eventFacts(DataStream<TaggedEvent> tagged) {
        return tagged.flatMap(new ToZoneFacts()).name("zone-facts").uid("analytics-zone-facts");
    }

    /** Each zone-day's 311 workload added to its scorecard. */
    static SingleOutputStreamOperator<ZoneDayStats> workload(
            SingleOutputStreamOperator<ZoneDayStats> days, AnalyticsConfig config) {
        return days.keyBy(new ZoneWorkload.DayZoneKey())
                .process(new ZoneWorkload(config.zoneStatsLateness()))
                .name("zone-311-workload")
                .uid("analytics-zone-311-workload");
    }

    /**
     * The daily scorecard of {@code tagged} alone (no 311 workload): its zone facts in the
     * local-day windows, as a reprocess of a layer counts the events it tags again; combined per
     * zone-day first, as {@link #zoneStatsOnly} does.
     */
    public static SingleOutputStreamOperator<ZoneDayStats> scorecardOnly(
            DataStream<TaggedEvent> tagged, AnalyticsConfig config) {
        return runZoneDayStats(List.of(eventFacts(tagged)), config);
    }

    /** Keys 311 updates by request id. */
    public static final class RequestIdKey implements KeySelector<RequestUpdate, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(RequestUpdate u) {
            return u.requestId();
        }
    }

    /** Keys zone-day parts by (layer, zone), as {@link ZoneKey} keys their facts. */
    public static final class PartKey implements KeySelector<ZoneDayPart, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ZoneDayPart p) {
            return p.key();
        }
    }

    /** Keys cell copies by their H3 cell. */
    public static final class CellKey implements KeySelector<CellEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CellEvent e) {
            return e.cell();
        }
    }
}
