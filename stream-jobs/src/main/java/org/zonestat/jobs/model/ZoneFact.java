package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One fact counted towards one zone of one layer: the input of the daily scorecard window.
 *
 * @param layer the zone layer id
 * @param zone the zone's name in that layer
 * @param measure what it counts as
 * @param eventId the idempotent id of what is counted (counts are of distinct ids)
 * @param occurredAt event time
 * @param value the amount, for the measures that carry one ({@link ZoneMeasure#carriesValue}): days
 *     open for {@link ZoneMeasure#DAYS_TO_CLOSE}, +1 or -1 for the workload changes; 1 otherwise
 * @param layerVersion the version of the layer the zone was found in; 0 when not recorded (the 311
 *     workload facts, which follow the request's zones)
 * @param detail for {@link ZoneMeasure#ACTIVITY} the activity kind, for {@link ZoneMeasure#CONTACT}
 *     the contact's weekly token; null otherwise
 */
public record ZoneFact(
        String layer,
        String zone,
        ZoneMeasure measure,
        String eventId,
        Instant occurredAt,
        double value,
        int layerVersion,
        String detail) {
    public ZoneFact {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if ((measure == ZoneMeasure.ACTIVITY || measure == ZoneMeasure.CONTACT)
                != (detail != null)) {
            throw new IllegalArgumentException(
                    "an ACTIVITY or CONTACT fact, and only those, has a detail: " + eventId);
        }
    }

    /** A fact without a detail. */
    public ZoneFact(
            String layer,
            String zone,
            ZoneMeasure measure,
            String eventId,
            Instant occurredAt,
            double value,
            int layerVersion) {
        this(layer, zone, measure, eventId, occurredAt, value, layerVersion, null);
    }

    /** A fact that counts one, of an unrecorded layer version. */
    public ZoneFact(
            String layer, String zone, ZoneMeasure measure, String eventId, Instant occurredAt) {
        this(layer, zone, measure, eventId, occurredAt, 1, 0);
    }

    /** A fact of an unrecorded layer version. */
    public ZoneFact(
            String layer,
            String zone,
            ZoneMeasure measure,
            String eventId,
            Instant occurredAt,
            double value) {
        this(layer, zone, measure, eventId, occurredAt, value, 0);
    }
}
