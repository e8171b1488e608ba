package org.zonestat.jobs.hotspots;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;
import org.zonestat.jobs.analytics.LocalDayWindows;
import org.zonestat.jobs.functions.CountingPassThrough;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotWindowSummary;
import org.zonestat.jobs.model.HotspotZoneCounts;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Attaches the hotspot statistics to a stream of tagged events: daily incident counts per H3 cell
 * and per zone, the Getis-Ord Gi* hot and cold cells of every configured window length with their
 * emerging-hotspot class, one summary per window close, and per-zone sliding-window counts by kind.
 * Only incidents are counted. The input must already carry event time and watermarks (in the
 * zone-tagging job they come from the raw source, see {@link
 * org.zonestat.jobs.functions.ParsedRecordWatermarks}).
 *
 * <pre>
 *   tagged ─▶ hotspot-facts ─▶ hotspot-day-combine ─keyBy(cell | layer,zone)─▶ hotspot-day-counts (local days)
 *                                                         │  └─(late)─▶ hotspot-late-facts (counted, not used)
 *             ┌───────────────────────────────────────────┤
 *             ├▶ hotspot-cell-days (× each window length) ─keyBy(length)─▶ hotspot-gi-star ─▶ changes
 *             │                                                                  └─(summaries)─▶ summaries
 *             └▶ hotspot-zone-days ─keyBy(layer,zone)─▶ hotspot-zone-windows ─▶ zone counts
 * </pre>
 *
 * Every operator has a name and a uid prefixed {@code hotspots-}. The job writes the three outputs
 * to the {@code hotspots} topic as the {@code topics} module's {@code HotspotCellMessage}, {@code
 * HotspotWindowMessage} and {@code ZoneWindowCountsMessage}, each message with a {@code type} field
 * ({@code hotspot-cell}, {@code hotspot-window}, {@code zone-window-counts}), beside the
 * near-repeat risk halos.
 *
 * <p>Stateless; the class only builds graph nodes.
 */
public final class HotspotGraph {
    /** Parts of facts that arrived after their day's allowed lateness. */
    public static final OutputTag<HotspotDayPart> LATE_FACTS =
            new OutputTag<>("late-hotspot-facts") {};

    /**
     * How many scope-days {@code hotspot-day-combine} holds per subtask between watermarks: a few
     * days of every cell and zone with incidents.
     */
    static final int MAX_COMBINED_PARTS = 20_000;

    private HotspotGraph() {}

    /**
     * What the hotspot analytics produce.
     *
     * @param changes hot, cold and changed cells at each window close ({@code hotspots}, type
     *     {@code hotspot-cell})
     * @param summaries one overview per window length and close ({@code hotspots}, type {@code
     *     hotspot-window})
     * @param zoneCounts per-zone sliding-window counts by kind ({@code hotspots}, type {@code
     *     zone-window-counts})
     * @param lateFacts input that came after its day was final, combined per scope-day (its facts
     *     counted as {@code zonestat.lateHotspotFacts}, not used)
     * @param days the day counts of every cell and zone (the forecast scoring reads the cells')
     */
    public record Outputs(
            DataStream<HotspotChange> changes,
            DataStream<HotspotWindowSummary> summaries,
            DataStream<HotspotZoneCounts> zoneCounts,
            DataStream<HotspotDayPart> lateFacts,
            DataStream<HotspotDayCounts> days) {}

    /** Adds the hotspot branch to {@code tagged}. */
    public static Outputs attach(DataStream<TaggedEvent> tagged, HotspotConfig config) {
        Objects.requireNonNull(tagged, "tagged");
        Objects.requireNonNull(config, "config");
        LocalDayWindows localDays = new LocalDayWindows(config.timeZone());

        SingleOutputStreamOperator<HotspotDayCounts> days =
                tagged.flatMap(new ToHotspotFacts(config.cellResolution()))
                        .name("hotspot-facts")
                        .uid("hotspots-facts")
                        .transform(
                                "hotspot-day-combine",
                                TypeInformation.of(HotspotDayPart.class),
                                new HotspotDayCombiner(localDays, MAX_COMBINED_PARTS))
                        .uid("hotspots-day-combine")
                        .keyBy(new HotspotKeys.PartScope())
                        .window(localDays)
                        .allowedLateness(config.lateness())
                        .sideOutputLateData(LATE_FACTS)
                        .aggregate(
                                new HotspotDailyCounts.Tallying(),
                                new HotspotDailyCounts(localDays))
                        .name("hotspot-day-counts")
                        .uid("hotspots-day-tallies");

        SingleOutputStreamOperator<HotspotChange> changes =
                days.flatMap(new CellDaysByWindowLength(config.windowDays()))
                        .name("hotspot-cell-days")
                        .uid("hotspots-cell-days")
                        .keyBy(new HotspotKeys.WindowLength())
                        .process(new CellHotspotFunction(config))
                        .name("hotspot-gi-star")
                        .uid("hotspots-gi-star");

        SingleOutputStreamOperator<HotspotZoneCounts> zones =
                days.filter(new ZoneDaysOnly())
                        .name("hotspot-zone-days")
                        .uid("hotspots-zone-days")
                        .keyBy(new HotspotKeys.DayScope())
                        .process(new ZoneWindowSums(config))
                        .name("hotspot-zone-windows")
                        .uid("hotspots-zone-windows");

        SingleOutputStreamOperator<HotspotDayPart> late =
                days.getSideOutput(LATE_FACTS)
                        .process(
                                new CountingPassThrough<HotspotDayPart>(
                                        "lateHotspotFacts", HotspotDayPart::total))
                        .name("hotspot-late-facts")
                        .uid("hotspots-late-facts");

        return new Outputs(
                changes, changes.getSideOutput(CellHotspotFunction.SUMMARIES), zones, late, days);
    }
}
