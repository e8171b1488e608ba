package org.zonestat.jobs.hotspots;

import java.util.Optional;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.zonestat.geo.H3Binner;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.HotspotFact;
import org.zonestat.jobs.model.IncidentKind;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Turns each tagged incident into the facts the hotspot analytics count: one for its H3 cell at the
 * hotspot resolution (computed from lon/lat, since the tagging job's {@code h3} field may be of
 * another resolution) and one per zone layer it lies in. 311 requests, tips and incidents of a kind
 * outside {@link IncidentKind} (which the parser already rejects) produce nothing.
 *
 * <p>Stateless.
 */
public final class ToHotspotFacts implements FlatMapFunction<TaggedEvent, HotspotFact> {
    private static final long serialVersionUID = 1L;

    private final int resolution;
    private transient H3Binner binner;

    public ToHotspotFacts(int resolution) {
        this.binner = new H3Binner(resolution);
        this.resolution = resolution;
    }

    @Override
    public void flatMap(TaggedEvent tagged, Collector<HotspotFact> out) {
        CityEvent e = tagged.event();
        Optional<IncidentKind> kind = IncidentKind.parse(e.kind());
        if (e.stream() != EventStream.INCIDENT || kind.isEmpty()) {
            return;
        }
        if (binner == null) {
            binner = new H3Binner(resolution);
        }
        String k = kind.get().name();
        out.collect(
                new HotspotFact(
                        HotspotFact.CELL_SCOPE,
                        binner.cellAddress(e.lon(), e.lat()),
                        e.eventId(),
                        k,
                        e.occurredAt()));
        tagged.zones()
                .forEach(
                        (layer, zone) ->
                                out.collect(
                                        new HotspotFact(
                                                layer, zone, e.eventId(), k, e.occurredAt())));
    }
}
