package org.zonestat.jobs.analytics;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.zonestat.jobs.model.ZoneFact;

/**
 * Adds up zone facts per (layer, zone, local day) before the exchange to the daily scorecard
 * window, so that the window sees about one record per zone-day and subtask between two watermarks
 * ({@link ZoneDayPart}) instead of one per event and layer: fewer records to serialize and shuffle,
 * and fewer window timers to register. Each fact is added with {@link ZoneDayTallying}, as the
 * window adds them, and the window adds the parts up ({@link ZoneDayPartMerging}): the scorecard is
 * the same.
 *
 * <p>When the parts are passed on, so that the window sees every fact as on time or as late as it
 * would have seen it alone, and fires as often:
 *
 * <ul>
 *   <li>before every watermark this operator forwards, and before its input turns idle: a fact
 *       reaches the window before any watermark that came after it, so nothing that was on time
 *       here becomes late there, and a day's window fires with all of the day's facts;
 *   <li>before every checkpoint barrier ({@link #prepareSnapshotPreBarrier}): the operator holds
 *       nothing in a checkpoint, so a restore neither loses nor repeats a fact;
 *   <li>at the end of the input, and when {@code maxZoneDays} are held (then the window receives
 *       more parts of the same day, which it adds up as well).
 * </ul>
 *
 * A fact of a day that has already ended by this operator's watermark is passed on at once, alone
 * (a part of one fact): the window fires a day again for each late fact within the allowed
 * lateness, or sends the fact to its late output, just as it does with the facts one by one. Parts
 * need no timer of their own: the window emits nothing for a day before a watermark ends it, and
 * every part is passed on before that watermark.
 *
 * <p>State: the parts on the heap, outside Flink's state, and the latest watermark; nothing is left
 * in a checkpoint. Not thread-safe: Flink calls it from its task thread only.
 */
public final class ZoneDayCombiner extends AbstractStreamOperator<ZoneDayPart>
        implements OneInputStreamOperator<ZoneFact, ZoneDayPart>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final LocalDayWindows days;
    private final int maxZoneDays;
    private final ZoneDayTallying tallying = new ZoneDayTallying();
    private transient Map<ZoneDay, Held> parts;
    private transient StreamRecord<ZoneDayPart> record;
    private transient long watermark;

    /** A combiner placing facts in {@code days}, holding at most {@code maxZoneDays} parts. */
    public ZoneDayCombiner(LocalDayWindows days, int maxZoneDays) {
        this.days = Objects.requireNonNull(days, "days");
        if (maxZoneDays < 1) {
            throw new IllegalArgumentException("maxZoneDays must be positive: " + maxZoneDays);
        }
        this.maxZoneDays = maxZoneDays;
    }

    @Override
    public void open() throws Exception {
        super.open();
        parts = new HashMap<>();
        record = new StreamRecord<>(null);
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<ZoneFact> element) {
        ZoneFact fact = element.getValue();
        TimeWindow day = days.windowOf(fact.occurredAt().toEpochMilli());
        long dayStart = day.getStart();
        if (day.maxTimestamp() <= watermark) {
            // Late here: alone, with its own timestamp, which the window's late output tests.
            ZoneDayTally alone = tallying.add(fact, tallying.createAccumulator());
            if (element.hasTimestamp()) {
                record.setTimestamp(element.getTimestamp());
            } else {
                record.eraseTimestamp();
            }
            emit(fact.layer(), fact.zone(), dayStart, 1, alone);
            return;
        }
        Held held =
                parts.computeIfAbsent(
                        new ZoneDay(fact.layer(), fact.zone(), dayStart), d -> new Held());
        tallying.add(fact, held.tally);
        held.facts++;
        if (parts.size() >= maxZoneDays) {
            emitAll();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emitAll();
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            emitAll();
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emitAll();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        emitAll();
    }

    /** The number of zone-days held; for tests. */
    int held() {
        return parts.size();
    }

    private void emitAll() {
        if (parts.isEmpty()) {
            return;
        }
        record.eraseTimestamp();
        parts.forEach((d, h) -> emit(d.layer(), d.zone(), d.dayStart(), h.facts, h.tally));
        parts.clear();
    }

    private void emit(String layer, String zone, long start, long facts, ZoneDayTally tally) {
        output.collect(
                record.replace(
                        new ZoneDayPart(layer + ZoneKey.SEPARATOR + zone, start, facts, tally)));
    }

    /** The map key of a part. */
    private record ZoneDay(String layer, String zone, long dayStart) {}

    /** A part being added up: its tally and how many facts it holds. */
    private static final class Held {
        final ZoneDayTally tally = new ZoneDayTally();
        long facts;
    }
}
