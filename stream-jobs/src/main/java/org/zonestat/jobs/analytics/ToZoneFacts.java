package org.zonestat.jobs.analytics;

import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * One {@link ZoneFact} per zone the event lies in (one per layer), when the scorecard counts the
 * event at all ({@link ZoneMeasure#of}); 311 updates other than New and Closed, and OTHER
 * incidents, produce nothing; an activity produces its kind's count and its contact ({@link
 * ActivityZoneFacts}).
 *
 * <p>Stateless.
 */
public final class ToZoneFacts implements FlatMapFunction<TaggedEvent, ZoneFact> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(TaggedEvent tagged, Collector<ZoneFact> out) {
        if (ActivityZoneFacts.collect(tagged, out)) {
            return;
        }
        ZoneMeasure measure = ZoneMeasure.of(tagged.event()).orElse(null);
        if (measure == null) {
            return;
        }
        CityEvent e = tagged.event();
        Map<String, Integer> versions = tagged.layerVersions();
        for (Map.Entry<String, String> zone : tagged.zones().entrySet()) {
            String layer = zone.getKey();
            out.collect(
                    new ZoneFact(
                            layer,
                            zone.getValue(),
                            measure,
                            e.eventId(),
                            e.occurredAt(),
                            1,
                            versions.getOrDefault(layer, 0)));
        }
    }
}
