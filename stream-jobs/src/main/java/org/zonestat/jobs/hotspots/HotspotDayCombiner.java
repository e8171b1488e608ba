package org.zonestat.jobs.hotspots;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.zonestat.jobs.analytics.LocalDayWindows;
import org.zonestat.jobs.model.HotspotFact;
import org.zonestat.jobs.model.IncidentKind;

/**
 * Adds up the hotspot facts of each (scope, key, local day) on one subtask before the keyed
 * exchange to {@code hotspot-day-counts}, so that the day windows receive one {@link
 * HotspotDayPart} per scope-day and flush instead of one fact per incident and scope (an incident
 * yields a fact for its cell and one per zone layer). Each part is emitted with its day's first
 * instant as timestamp, so it falls in the same day window as its facts.
 *
 * <p>The parts are emitted before every watermark is forwarded (so the window judges each part late
 * or on time exactly as it would have judged its facts: a fact is never held past the watermark
 * that follows it), before every checkpoint barrier ({@link #prepareSnapshotPreBarrier}: nothing is
 * held in a checkpoint), at the end of the input, and when {@code maxParts} are held.
 *
 * <p>State: the parts on the heap between two flushes, none in Flink's state. Not thread-safe:
 * Flink calls it from its task thread only.
 */
public final class HotspotDayCombiner extends AbstractStreamOperator<HotspotDayPart>
        implements OneInputStreamOperator<HotspotFact, HotspotDayPart>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final LocalDayWindows days;
    private final int maxParts;
    private transient Map<ScopeDay, long[]> parts;

    /** A combiner placing facts in {@code days}, holding at most {@code maxParts} parts. */
    public HotspotDayCombiner(LocalDayWindows days, int maxParts) {
        this.days = Objects.requireNonNull(days, "days");
        if (maxParts < 1) {
            throw new IllegalArgumentException("maxParts must be positive: " + maxParts);
        }
        this.maxParts = maxParts;
    }

    @Override
    public void open() throws Exception {
        super.open();
        parts = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<HotspotFact> element) {
        HotspotFact fact = element.getValue();
        // LocalDayWindows keeps the latest day it placed, so facts in time order cost no
        // time-zone conversion.
        long dayStart = days.windowOf(fact.occurredAt().toEpochMilli()).getStart();
        long[] counts =
                parts.computeIfAbsent(
                        new ScopeDay(fact.scope(), fact.key(), dayStart),
                        d -> new long[IncidentKind.values().length]);
        counts[IncidentKind.valueOf(fact.kind()).ordinal()]++;
        if (parts.size() >= maxParts) {
            flush();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        if (parts.isEmpty()) {
            return;
        }
        StreamRecord<HotspotDayPart> record = new StreamRecord<>(null);
        parts.forEach(
                (d, c) ->
                        output.collect(
                                record.replace(
                                        new HotspotDayPart(
                                                d.scope(),
                                                d.key(),
                                                d.dayStart(),
                                                c[IncidentKind.HOMICIDE.ordinal()],
                                                c[IncidentKind.SHOOTING.ordinal()],
                                                c[IncidentKind.AGGRAVATED_ASSAULT.ordinal()],
                                                c[IncidentKind.ROBBERY.ordinal()],
                                                c[IncidentKind.OTHER_VIOLENT.ordinal()],
                                                c[IncidentKind.OTHER.ordinal()]),
                                        d.dayStart())));
        parts = new HashMap<>();
    }

    /** The map key of a part. */
    private record ScopeDay(String scope, String key, long dayStart) {}
}
