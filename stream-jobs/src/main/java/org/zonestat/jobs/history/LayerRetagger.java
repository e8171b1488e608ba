package org.zonestat.jobs.history;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.functions.ZoneLayers;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneLayerUpdate;

/**
 * Tags a stored event again with one zone layer as it is now, for a reprocess: the event comes out
 * with that layer's zone and version only, or not at all when the point lies in none of its zones
 * or its local day is outside {@code [from, to]} (null bounds are open).
 *
 * <p>Not thread-safe; Flink gives each subtask its own instance. The layer's index is built once in
 * {@link #open} and never changed.
 */
final class LayerRetagger extends RichFlatMapFunction<TaggedEvent, TaggedEvent> {
    private static final long serialVersionUID = 1L;

    private final String layerId;
    private final String title;
    private final String nameProperty;
    private final int version;
    private final String geojson;
    private final ZoneId timeZone;
    private final LocalDate from;
    private final LocalDate to;
    private transient ZoneLayers layer;

    LayerRetagger(ZoneLayerUpdate update, ZoneId timeZone, LocalDate from, LocalDate to) {
        this.layerId = update.layerId();
        this.title = update.title();
        this.nameProperty = update.nameProperty();
        this.version = update.version();
        this.geojson = Objects.requireNonNull(update.geojson(), "geojson");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.from = from;
        this.to = to;
    }

    @Override
    public void open(OpenContext openContext) {
        layer =
                ZoneLayers.initial(List.of())
                        .apply(
                                new ZoneLayerUpdate(
                                        layerId,
                                        title,
                                        nameProperty,
                                        version,
                                        geojson,
                                        new RawRecord("zones", 0, -1, 0, "")));
    }

    @Override
    public void flatMap(TaggedEvent tagged, Collector<TaggedEvent> out) {
        LocalDate day = tagged.event().occurredAt().atZone(timeZone).toLocalDate();
        if ((from != null && day.isBefore(from)) || (to != null && day.isAfter(to))) {
            return;
        }
        String zone = layer.tag(tagged.event().lon(), tagged.event().lat()).get(layerId);
        if (zone != null) {
            out.collect(
                    new TaggedEvent(
                            tagged.event(),
                            tagged.h3(),
                            Map.of(layerId, zone),
                            Map.of(layerId, version)));
        }
    }
}
