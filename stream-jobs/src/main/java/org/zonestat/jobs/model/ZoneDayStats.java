package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One zone's scorecard for one local day of the city ({@code zone-stats} topic). Each event counts
 * once (redeliveries end at {@code dedupe-and-tag}). A day is re-emitted with updated counts when a
 * late event arrives within the allowed lateness, so consumers upsert by (layer, zone, day).
 *
 * @param layer the zone layer id
 * @param zone the zone's name
 * @param day the local calendar day, ISO {@code yyyy-MM-dd} (in the city's time zone; a string
 *     because Flink has no built-in serializer for {@code LocalDate} and Kryo is off)
 * @param from the day's first instant
 * @param until the next day's first instant (23 or 25 hours later on daylight-saving days)
 * @param homicides homicides that day
 * @param shootings non-fatal shootings that day
 * @param otherViolent other violent incidents (aggravated assault, robbery, other violent)
 * @param requestsOpened 311 requests received
 * @param requestsClosed 311 requests closed
 * @param tips tips received
 * @param requestsOverdue 311 requests that became overdue that day
 * @param medianDaysToClose median days open of the 311 requests closed that day; NaN when none
 * @param openChange change of the zone's open 311 requests over the day
 * @param overdueChange change of the zone's overdue 311 requests over the day
 * @param openAtEnd open 311 requests in the zone at the end of the day (set by {@code
 *     ZoneWorkload}; 0 before)
 * @param overdueAtEnd overdue 311 requests in the zone at the end of the day (likewise)
 * @param layerVersion the version of the zone's layer the day's events were tagged with (the
 *     highest, if it changed during the day); 0 when not recorded
 * @param dosage the patrol and outreach presence in the zone that day ({@link ZoneDosage#NONE} when
 *     no unit was there)
 * @param activities activity kind to the sum of the counts of the day's activities, in {@code
 *     ActivityKind} order; empty when none
 * @param uniqueContacts distinct outreach contacts estimated from {@code contactSketch}; 0 when
 *     none
 * @param contactSketch the day's unique-contact sketch as {@code zone-stats} writes it; null when
 *     no contact carried a token
 */
public record ZoneDayStats(
        String layer,
        String zone,
        String day,
        Instant from,
        Instant until,
        long homicides,
        long shootings,
        long otherViolent,
        long requestsOpened,
        long requestsClosed,
        long tips,
        long requestsOverdue,
        double medianDaysToClose,
        long openChange,
        long overdueChange,
        long openAtEnd,
        long overdueAtEnd,
        int layerVersion,
        Map<String, Long> activities,
        long uniqueContacts,
        String contactSketch,
        ZoneDosage dosage) {
    public ZoneDayStats {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(activities, "activities");
        dosage = dosage == null ? ZoneDosage.NONE : dosage;
    }

    /** A day with dosage, without activities. */
    public ZoneDayStats(
            String layer,
            String zone,
            String day,
            Instant from,
            Instant until,
            long homicides,
            long shootings,
            long otherViolent,
            long requestsOpened,
            long requestsClosed,
            long tips,
            long requestsOverdue,
            double medianDaysToClose,
            long openChange,
            long overdueChange,
            long openAtEnd,
            long overdueAtEnd,
            int layerVersion,
            ZoneDosage dosage) {
        this(
                layer,
                zone,
                day,
                from,
                until,
                homicides,
                shootings,
                otherViolent,
                requestsOpened,
                requestsClosed,
                tips,
                requestsOverdue,
                medianDaysToClose,
                openChange,
                overdueChange,
                openAtEnd,
                overdueAtEnd,
                layerVersion,
                Map.of(),
                0,
                null,
                dosage);
    }

    /** A day with activities, without dosage. */
    public ZoneDayStats(
            String layer,
            String zone,
            String day,
            Instant from,
            Instant until,
            long homicides,
            long shootings,
            long otherViolent,
            long requestsOpened,
            long requestsClosed,
            long tips,
            long requestsOverdue,
            double medianDaysToClose,
            long openChange,
            long overdueChange,
            long openAtEnd,
            long overdueAtEnd,
            int layerVersion,
            Map<String, Long> activities,
            long uniqueContacts,
            String contactSketch) {
        this(
                layer,
                zone,
                day,
                from,
                until,
                homicides,
                shootings,
                otherViolent,
                requestsOpened,
                requestsClosed,
                tips,
                requestsOverdue,
                medianDaysToClose,
                openChange,
                overdueChange,
                openAtEnd,
                overdueAtEnd,
                layerVersion,
                activities,
                uniqueContacts,
                contactSketch,
                ZoneDosage.NONE);
    }

    /** A day without activities or dosage. */
    public ZoneDayStats(
            String layer,
            String zone,
            String day,
            Instant from,
            Instant until,
            long homicides,
            long shootings,
            long otherViolent,
            long requestsOpened,
            long requestsClosed,
            long tips,
            long requestsOverdue,
            double medianDaysToClose,
            long openChange,
            long overdueChange,
            long openAtEnd,
            long overdueAtEnd,
            int layerVersion) {
        this(
                layer,
                zone,
                day,
                from,
                until,
                homicides,
                shootings,
                otherViolent,
                requestsOpened,
                requestsClosed,
                tips,
                requestsOverdue,
                medianDaysToClose,
                openChange,
                overdueChange,
                openAtEnd,
                overdueAtEnd,
                layerVersion,
                Map.of(),
                0,
                null,
                ZoneDosage.NONE);
    }

    /** A day with incident, 311 and tip counts only: no 311 workload. */
    public ZoneDayStats(
            String layer,
            String zone,
            String day,
            Instant from,
            Instant until,
            long homicides,
            long shootings,
            long otherViolent,
            long requestsOpened,
            long requestsClosed,
            long tips) {
        this(
                layer,
                zone,
                day,
                from,
                until,
                homicides,
                shootings,
                otherViolent,
                requestsOpened,
                requestsClosed,
                tips,
                0,
                Double.NaN,
                0,
                0,
                0,
                0,
                0);
    }

    /** A day with the 311 workload, of an unrecorded layer version. */
    public ZoneDayStats(
            String layer,
            String zone,
            String day,
            Instant from,
            Instant until,
            long homicides,
            long shootings,
            long otherViolent,
            long requestsOpened,
            long requestsClosed,
            long tips,
            long requestsOverdue,
            double medianDaysToClose,
            long openChange,
            long overdueChange,
            long openAtEnd,
            long overdueAtEnd) {
        this(
                layer,
                zone,
                day,
                from,
                until,
                homicides,
                shootings,
                otherViolent,
                requestsOpened,
                requestsClosed,
                tips,
                requestsOverdue,
                medianDaysToClose,
                openChange,
                overdueChange,
                openAtEnd,
                overdueAtEnd,
                0);
    }

    /** This day with the zone's open and overdue 311 requests at its end. */
    public ZoneDayStats withWorkload(long open, long overdue) {
        return new ZoneDayStats(
                layer,
                zone,
                day,
                from,
                until,
                homicides,
                shootings,
                otherViolent,
                requestsOpened,
                requestsClosed,
                tips,
                requestsOverdue,
                medianDaysToClose,
                openChange,
                overdueChange,
                open,
                overdue,
                layerVersion,
                activities,
                uniqueContacts,
                contactSketch,
                dosage);
    }
}
