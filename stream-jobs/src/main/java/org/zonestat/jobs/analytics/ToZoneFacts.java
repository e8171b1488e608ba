package org.zonestat.jobs.analytics;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
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
        ZoneMeasure.of(tagged.event())
                .ifPresent(
                        measure ->
                                tagged.zones()
                                        .forEach(
                                                (layer, zone) ->
                                                        out.collect(
                                                                new ZoneFact(
                                                                        layer,
                                                                        zone,
                                                                        measure,
                                                                        tagged.event().eventId(),
                                                                        tagged.event().occurredAt(),
                                                                        1,
                                                                        tagged.layerVersions()
                                                                                .getOrDefault(
                                                                                        layer,
                                                                                        0)))));
    }
}
