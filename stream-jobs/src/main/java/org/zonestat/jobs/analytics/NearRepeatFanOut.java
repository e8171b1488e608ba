package org.zonestat.jobs.analytics;

import java.util.Objects;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.CellEvent;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.IncidentKind;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Sends each shooting and homicide to its home cell and to every neighbouring cell within the
 * near-repeat radius ({@link NearRepeatCover}), as {@link CellEvent}s to be keyed by cell for
 * {@link NearRepeatDetector}. Other events produce nothing. With R = 400 m and H3 resolution 7 an
 * event becomes 1 to 4 copies (7 at most).
 *
 * <p>Stateless.
 */
public final class NearRepeatFanOut implements FlatMapFunction<TaggedEvent, CellEvent> {
    private static final long serialVersionUID = 1L;

    private final NearRepeatCover cover;

    public NearRepeatFanOut(NearRepeatCover cover) {
        this.cover = Objects.requireNonNull(cover, "cover");
    }

    @Override
    public void flatMap(TaggedEvent tagged, Collector<CellEvent> out) {
        CityEvent e = tagged.event();
        if (e.stream() != EventStream.INCIDENT
                || !IncidentKind.parse(e.kind()).map(IncidentKind::isGunViolence).orElse(false)) {
            return;
        }
        var cells = cover.cells(e.lon(), e.lat());
        String home = cells.get(0);
        for (String cell : cells) {
            out.collect(
                    new CellEvent(
                            cell,
                            home,
                            e.eventId(),
                            e.kind(),
                            e.occurredAt(),
                            e.lon(),
                            e.lat(),
                            tagged.zones()));
        }
    }
}
