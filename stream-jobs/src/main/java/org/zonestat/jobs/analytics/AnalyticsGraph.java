package org.zonestat.jobs.analytics;

import java.util.Objects;
import org.apache.flink.api.java.functions.KeySelector;
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
 *           └▶ zone-facts ─(∪ 311 workload facts)─keyBy(layer,zone)─▶ zone-day-stats (local days)
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
    /** Zone facts that arrived after their day's allowed lateness. */
    public static final OutputTag<ZoneFact> LATE_ZONE_FACTS = new OutputTag<>("late-zone-facts") {};

    private AnalyticsGraph() {}

    /**
     * What the analytics produce: one stream per output, plus the two streams of input they could
     * not use.
     *
     * @param alerts overdue 311 requests and near repeats ({@code alerts})
     * @param notifications closing-the-loop messages ({@code notifications})
     * @param zoneStats per-zone daily scorecards ({@code zone-stats})
     * @param halos near-repeat risk halos ({@code hotspots})
     * @param lateZoneFacts scorecard input that came after its day was final (counted)
     * @param staleRequestUpdates 311 updates for requests already forgotten (counted)
     */
    public record Outputs(
            DataStream<Alert> alerts,
            DataStream<Notification> notifications,
            DataStream<ZoneDayStats> zoneStats,
            DataStream<RiskHalo> halos,
            DataStream<ZoneFact> lateZoneFacts,
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
                zoneDayStats(zoneFacts(tagged, overdue, moreFacts), config);
        SingleOutputStreamOperator<ZoneDayStats> stats = workload(days, config);
        SingleOutputStreamOperator<ZoneFact> late =
                days.getSideOutput(LATE_ZONE_FACTS)
                        .process(new CountingPassThrough<ZoneFact>("lateZoneFacts"))
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
     * keeps only the scorecard (a backfill's history run); late facts are not counted.
     */
    public static SingleOutputStreamOperator<ZoneDayStats> zoneStatsOnly(
            DataStream<TaggedEvent> tagged, AnalyticsConfig config) {
        Objects.requireNonNull(tagged, "tagged");
        Objects.requireNonNull(config, "config");
        return workload(
                zoneDayStats(zoneFacts(tagged, requestLifecycle(tagged, config), null), config),
                config);
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
    private static DataStream<ZoneFact> zoneFacts(
            DataStream<TaggedEvent> tagged,
            SingleOutputStreamOperator<Alert> lifecycle,
            DataStream<ZoneFact> moreFacts) {
        DataStream<ZoneFact> facts =
                tagged.flatMap(new ToZoneFacts())
                        .name("zone-facts")
                        .uid("analytics-zone-facts")
                        .union(lifecycle.getSideOutput(RequestLifecycleFunction.WORKLOAD));
        return moreFacts == null ? facts : facts.union(moreFacts);
    }

    /** Each zone-day's 311 workload added to its scorecard. */
    private static SingleOutputStreamOperator<ZoneDayStats> workload(
            SingleOutputStreamOperator<ZoneDayStats> days, AnalyticsConfig config) {
        return days.keyBy(new ZoneWorkload.DayZoneKey())
                .process(new ZoneWorkload(config.zoneStatsLateness()))
                .name("zone-311-workload")
                .uid("analytics-zone-311-workload");
    }

    /**
     * The daily scorecard of {@code tagged} alone (no 311 workload): its zone facts in the
     * local-day windows, as a reprocess of a layer counts the events it tags again.
     */
    public static SingleOutputStreamOperator<ZoneDayStats> scorecardOnly(
            DataStream<TaggedEvent> tagged, AnalyticsConfig config) {
        return zoneDayStats(
                tagged.flatMap(new ToZoneFacts()).name("zone-facts").uid("analytics-zone-facts"),
                config);
    }

    /** The daily scorecard window over zone facts; late facts go to {@link #LATE_ZONE_FACTS}. */
    static SingleOutputStreamOperator<ZoneDayStats> zoneDayStats(
            DataStream<ZoneFact> facts, AnalyticsConfig config) {
        LocalDayWindows days = new LocalDayWindows(config.timeZone());
        return facts.keyBy(new ZoneKey())
                .window(days)
                .allowedLateness(config.zoneStatsLateness())
                .sideOutputLateData(LATE_ZONE_FACTS)
                .aggregate(new ZoneDayTallying(), new ZoneDailyCounts(days))
                .name("zone-day-stats")
                .uid("analytics-zone-day-stats");
    }

    /** Keys 311 updates by request id. */
    public static final class RequestIdKey implements KeySelector<RequestUpdate, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(RequestUpdate u) {
            return u.requestId();
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
