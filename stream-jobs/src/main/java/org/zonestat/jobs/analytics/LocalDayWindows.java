package org.zonestat.jobs.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.zonestat.jobs.model.ZoneFact;

/**
 * Tumbling event-time windows of one <em>local calendar day</em> in a time zone: from local
 * midnight to the next local midnight. Unlike {@code TumblingEventTimeWindows} with an offset, this
 * follows daylight saving: in America/New_York the spring-forward day lasts 23 hours and the
 * fall-back day 25.
 *
 * <p>Thread-safe: immutable but for a cache of the latest day it computed (an immutable window in a
 * volatile field), since the facts and parts it places come mostly in time order.
 */
public final class LocalDayWindows extends WindowAssigner<Object, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private transient volatile TimeWindow latest;

    public LocalDayWindows(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Collection<TimeWindow> assignWindows(
            Object element, long timestamp, WindowAssignerContext context) {
        // A zone fact is placed by its own time: the 311 workload corrections of an update that
        // arrived out of order fall on earlier days than the record that carries them. A part of
        // a zone-day's facts is placed by its day.
        long at =
                element instanceof ZoneFact f
                        ? f.occurredAt().toEpochMilli()
                        : element instanceof ZoneDayPart p ? p.dayStart() : timestamp;
        return List.of(windowOf(at));
    }

    /** The local day containing an instant, as a window. */
    public TimeWindow windowOf(long timestamp) {
        TimeWindow w = latest;
        if (w != null && timestamp >= w.getStart() && timestamp < w.getEnd()) {
            return w;
        }
        LocalDate day = Instant.ofEpochMilli(timestamp).atZone(zone).toLocalDate();
        w =
                new TimeWindow(
                        day.atStartOfDay(zone).toInstant().toEpochMilli(),
                        day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
        latest = w;
        return w;
    }

    /** The local day a window of this assigner covers. */
    public LocalDate dayOf(TimeWindow window) {
        return Instant.ofEpochMilli(window.getStart()).atZone(zone).toLocalDate();
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "LocalDayWindows(" + zone + ")";
    }
}
