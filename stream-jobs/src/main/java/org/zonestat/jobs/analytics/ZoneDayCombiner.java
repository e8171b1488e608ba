package org.zonestat.jobs.analytics;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.zonestat.jobs.model.ZoneFact;

/**
 * Adds up a batch run's zone facts per (layer, zone, local day) before the exchange to the daily
 * scorecard window, so that the window's sort sees about one record per zone-day and subtask
 * ({@link ZoneDayPart}) instead of one per event and layer. Each fact is added with {@link
 * ZoneDayTallying}, as the window adds them, and the window adds the parts up ({@link
 * ZoneDayPartMerging}): the scorecard is the same.
 *
 * <p>State: the parts on the heap, outside Flink's state, emitted when {@code maxZoneDays} are held
 * (then the window receives more parts of the same day, which it adds up as well) and at the end of
 * the input. Nothing is checkpointed, so only a bounded run in batch execution mode, which has no
 * checkpoints and restarts from its start, may use it. Not thread-safe: Flink calls it from its
 * task thread only.
 */
public final class ZoneDayCombiner extends AbstractStreamOperator<ZoneDayPart>
        implements OneInputStreamOperator<ZoneFact, ZoneDayPart>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final LocalDayWindows days;
    private final int maxZoneDays;
    private final ZoneDayTallying tallying = new ZoneDayTallying();
    private transient Map<ZoneDay, ZoneDayTally> parts;

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
    }

    @Override
    public void processElement(StreamRecord<ZoneFact> element) {
        ZoneFact fact = element.getValue();
        ZoneDay zoneDay =
                new ZoneDay(
                        fact.layer(),
                        fact.zone(),
                        days.windowOf(fact.occurredAt().toEpochMilli()).getStart());
        tallying.add(fact, parts.computeIfAbsent(zoneDay, d -> tallying.createAccumulator()));
        if (parts.size() >= maxZoneDays) {
            emitAll();
        }
    }

    @Override
    public void endInput() {
        emitAll();
    }

    private void emitAll() {
        StreamRecord<ZoneDayPart> record = new StreamRecord<>(null);
        parts.forEach(
                (d, tally) ->
                        output.collect(
                                record.replace(
                                        new ZoneDayPart(
                                                d.layer() + ZoneKey.SEPARATOR + d.zone(),
                                                d.dayStart(),
                                                tally))));
        parts = new HashMap<>();
    }

    /** The map key of a part. */
    private record ZoneDay(String layer, String zone, long dayStart) {}
}
