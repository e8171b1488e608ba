package org.zonestat.jobs.analytics;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.ContactChannel;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.RequestUpdate;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Turns each tagged 311 event into a {@link RequestUpdate}; other streams produce nothing.
 *
 * <ul>
 *   <li>{@code dueAt}: the source's own due time (Baltimore's DueDate) when the record has one;
 *       otherwise null, and the {@link ServiceLevels} table gives the due time.
 *   <li>{@code contact}: the channel the raw record names ({@code contactChannel}, written by the
 *       console's Open311 intake when the resident gave an e-mail or phone), else {@link
 *       ContactChannel#NONE}; ZoneStat never invents or looks up contact details.
 * </ul>
 *
 * <p>Stateless.
 */
public final class ToRequestUpdate implements FlatMapFunction<TaggedEvent, RequestUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(TaggedEvent tagged, Collector<RequestUpdate> out) {
        CityEvent e = tagged.event();
        if (e.stream() != EventStream.REQUEST311 || e.status() == null) {
            return;
        }
        out.collect(
                new RequestUpdate(
                        e.recordId(),
                        e.eventId(),
                        e.type(),
                        e.status(),
                        e.occurredAt(),
                        e.dueAt(),
                        e.contact(),
                        e.lon(),
                        e.lat(),
                        tagged.zones()));
    }
}
