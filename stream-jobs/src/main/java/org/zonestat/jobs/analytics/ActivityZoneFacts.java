package org.zonestat.jobs.analytics;

import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.ActivityDetails;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * The scorecard facts of one tagged activity, per zone it lies in (one per layer): an {@link
 * ZoneMeasure#ACTIVITY} fact of its kind valued by its count, and, for an outreach contact with a
 * token, a {@link ZoneMeasure#CONTACT} fact carrying the token (the day's window folds it into the
 * zone's unique-contact sketch and drops it).
 *
 * <p>Stateless.
 */
final class ActivityZoneFacts {
    private ActivityZoneFacts() {}

    /** Emits the facts of {@code tagged} if it is an activity; returns whether it was one. */
    static boolean collect(TaggedEvent tagged, Collector<ZoneFact> out) {
        CityEvent e = tagged.event();
        if (e.stream() != EventStream.ACTIVITY) {
            return false;
        }
        ActivityDetails a = e.activity();
        tagged.zones()
                .forEach(
                        (layer, zone) -> {
                            int version = tagged.layerVersions().getOrDefault(layer, 0);
                            out.collect(
                                    new ZoneFact(
                                            layer,
                                            zone,
                                            ZoneMeasure.ACTIVITY,
                                            e.eventId(),
                                            e.occurredAt(),
                                            a.count(),
                                            version,
                                            e.kind()));
                            if (a.contactToken() != null) {
                                out.collect(
                                        new ZoneFact(
                                                layer,
                                                zone,
                                                ZoneMeasure.CONTACT,
                                                e.eventId(),
                                                e.occurredAt(),
                                                1,
                                                version,
                                                a.contactToken()));
                            }
                        });
        return true;
    }
}
