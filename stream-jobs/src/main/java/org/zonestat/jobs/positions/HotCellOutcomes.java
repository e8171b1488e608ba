package org.zonestat.jobs.positions;

import java.util.Optional;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.geo.H3Binner;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * The outcomes beside the hot cells' dosage ({@code hot-cell-outcomes}): each homicide, shooting or
 * other violent incident that happens in a cell that is hot at that moment counts for that cell, on
 * {@code zone-stats} under the layer {@code hot-cells} (the zone is the cell), so a hot cell's day
 * shows the patrol time spent in it next to the violence in it. Cells that are not hot get no
 * record.
 *
 * <p>Broadcast state: the hot cells ({@link HotCellSet}), as the tracker keeps them. No keyed
 * state.
 */
public final class HotCellOutcomes
        extends BroadcastProcessFunction<TaggedEvent, FenceUpdate, ZoneFact> {
    private static final long serialVersionUID = 1L;

    private final int cellResolution;
    private transient H3Binner binner;

    public HotCellOutcomes(int cellResolution) {
        this.cellResolution = cellResolution;
    }

    @Override
    public void processElement(TaggedEvent tagged, ReadOnlyContext ctx, Collector<ZoneFact> out)
            throws Exception {
        Optional<ZoneMeasure> measure = ZoneMeasure.of(tagged.event());
        if (measure.isEmpty()
                || !(measure.get() == ZoneMeasure.HOMICIDE
                        || measure.get() == ZoneMeasure.SHOOTING
                        || measure.get() == ZoneMeasure.OTHER_VIOLENT)) {
            return;
        }
        if (binner == null) {
            binner = new H3Binner(cellResolution);
        }
        String cell = binner.cellAddress(tagged.event().lon(), tagged.event().lat());
        if (HotCellSet.isHot(ctx.getBroadcastState(HotCellSet.DESCRIPTOR), cell)) {
            out.collect(
                    new ZoneFact(
                            DeviceTrack.HOT_CELLS,
                            cell,
                            measure.get(),
                            tagged.event().eventId(),
                            tagged.event().occurredAt()));
        }
    }

    @Override
    public void processBroadcastElement(FenceUpdate update, Context ctx, Collector<ZoneFact> out)
            throws Exception {
        if (update.cell() != null) {
            HotCellSet.apply(ctx.getBroadcastState(HotCellSet.DESCRIPTOR), update);
        }
    }
}
