package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One zone's scorecard for one local day, on {@code zone-stats}: the live job's counts ({@code
 * load} null), or the contribution of one backfill's records ({@code load} names it; written by the
 * history run of that load). A day is written again when a late event changes it; readers replace
 * by (layer, zone, day, load) and sum a day's contributions, so loads in any order add up. Key:
 * {@code <layer>/<zone>/<day>}, with {@code /<load>} appended for a load's contribution; record
 * timestamp: {@code from}.
 *
 * <p>Records written before the 311 workload was counted have no {@code requestsOverdue}, {@code
 * openAtEnd} and {@code overdueAtEnd} (read as null, left out when null); {@code layerVersion} is
 * left out when not recorded. {@code medianDaysToClose} is null when no request closed that day.
 *
 * <p>Immutable and thread-safe.
 *
 * @param layer the zone layer id
 * @param zone the zone's name
 * @param day the local day
 * @param from the day's first instant
 * @param until the next day's first instant (23 or 25 hours later at the clock changes)
 * @param homicides homicides that day
 * @param shootings non-fatal shootings that day
 * @param otherViolent other violent incidents that day
 * @param requestsOpened 311 requests received (status New)
 * @param requestsClosed 311 requests closed
 * @param tips tips
 * @param requestsOverdue 311 requests that became overdue that day, or null
 * @param openAtEnd open 311 requests in the zone at the end of the day, or null
 * @param overdueAtEnd overdue 311 requests in the zone at the end of the day, or null
 * @param layerVersion the version of the layer the day's events were tagged with, or null
 * @param medianDaysToClose median days open of the requests closed that day, or null
 * @param activities what agencies did that day: {@link ActivityKind} name to count (the sum of the
 *     activities' counts), left out when nothing was done; records written before activities were
 *     counted read as empty
 * @param uniqueContacts distinct outreach contacts that day, estimated from {@code contactSketch};
 *     left out when no contact carried a token
 * @param contactSketch the day's {@link ContactSketch} (merge days for a week), or left out
 * @param patrolMinutes minutes police units were inside the zone that day, or null (records written
 *     before dosage was counted)
 * @param patrolVisits police unit visits that began that day, or null
 * @param patrolLongVisits of those, visits of at least 10 minutes, or null
 * @param outreachMinutes minutes outreach workers were inside the zone that day, or null
 * @param outreachVisits outreach visits that began that day, or null
 * @param outreachLongVisits of those, visits of at least 10 minutes, or null
 * @param load the backfill whose records these counts are, or null for the live job's
 */
public record ZoneStatsMessage(
        @JsonProperty(required = true) String layer,
        @JsonProperty(required = true) String zone,
        @JsonProperty(required = true) LocalDate day,
        @JsonProperty(required = true) Instant from,
        @JsonProperty(required = true) Instant until,
        @JsonProperty(required = true) long homicides,
        @JsonProperty(required = true) long shootings,
        @JsonProperty(required = true) long otherViolent,
        @JsonProperty(required = true) long requestsOpened,
        @JsonProperty(required = true) long requestsClosed,
        @JsonProperty(required = true) long tips,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long requestsOverdue,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long openAtEnd,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long overdueAtEnd,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer layerVersion,
        Double medianDaysToClose,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> activities,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long uniqueContacts,
        @JsonInclude(JsonInclude.Include.NON_NULL) String contactSketch,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double patrolMinutes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long patrolVisits,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long patrolLongVisits,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double outreachMinutes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long outreachVisits,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long outreachLongVisits,
        @JsonInclude(JsonInclude.Include.NON_NULL) String load)
        implements OutputMessage {

    public ZoneStatsMessage {
        Fields.requireText(layer, "layer");
        Fields.requireText(zone, "zone");
        Fields.require(day, "day");
        Fields.require(from, "from");
        Fields.requireNotBefore(Fields.require(until, "until"), from, "until");
        Fields.requireCount(homicides, "homicides");
        Fields.requireCount(shootings, "shootings");
        Fields.requireCount(otherViolent, "otherViolent");
        Fields.requireCount(requestsOpened, "requestsOpened");
        Fields.requireCount(requestsClosed, "requestsClosed");
        Fields.requireCount(tips, "tips");
        Fields.requireCountIfPresent(requestsOverdue, "requestsOverdue");
        Fields.requireCountIfPresent(openAtEnd, "openAtEnd");
        Fields.requireCountIfPresent(overdueAtEnd, "overdueAtEnd");
        activities = Fields.copy(activities);
        activities.forEach((k, v) -> Fields.requireCount(v, "activities." + k));
        Fields.requireCountIfPresent(uniqueContacts, "uniqueContacts");
        Fields.requireCountIfPresent(patrolVisits, "patrolVisits");
        Fields.requireCountIfPresent(patrolLongVisits, "patrolLongVisits");
        Fields.requireCountIfPresent(outreachVisits, "outreachVisits");
        Fields.requireCountIfPresent(outreachLongVisits, "outreachLongVisits");
        requireMinutes(patrolMinutes, "patrolMinutes");
        requireMinutes(outreachMinutes, "outreachMinutes");
        if (load != null) {
            Fields.requireText(load, "load");
        }
    }

    private static void requireMinutes(Double minutes, String field) {
        if (minutes != null && !(minutes >= 0)) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + minutes);
        }
    }

    /** The live job's counts of a day with activities, without dosage (no load). */
    public ZoneStatsMessage(
            String layer,
            String zone,
            LocalDate day,
            Instant from,
            Instant until,
            long homicides,
            long shootings,
            long otherViolent,
            long requestsOpened,
            long requestsClosed,
            long tips,
            Long requestsOverdue,
            Long openAtEnd,
            Long overdueAtEnd,
            Integer layerVersion,
            Double medianDaysToClose,
            Map<String, Long> activities,
            Long uniqueContacts,
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
                openAtEnd,
                overdueAtEnd,
                layerVersion,
                medianDaysToClose,
                activities,
                uniqueContacts,
                contactSketch,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The live job's counts of a day without activities (as written before they were counted). */
    public ZoneStatsMessage(
            String layer,
            String zone,
            LocalDate day,
            Instant from,
            Instant until,
            long homicides,
            long shootings,
            long otherViolent,
            long requestsOpened,
            long requestsClosed,
            long tips,
            Long requestsOverdue,
            Long openAtEnd,
            Long overdueAtEnd,
            Integer layerVersion,
            Double medianDaysToClose) {
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
                openAtEnd,
                overdueAtEnd,
                layerVersion,
                medianDaysToClose,
                Map.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The same counts as the contribution of {@code loadId}'s records. */
    public ZoneStatsMessage withLoad(String loadId) {
        return new ZoneStatsMessage(
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
                openAtEnd,
                overdueAtEnd,
                layerVersion,
                medianDaysToClose,
                activities,
                uniqueContacts,
                contactSketch,
                patrolMinutes,
                patrolVisits,
                patrolLongVisits,
                outreachMinutes,
                outreachVisits,
                outreachLongVisits,
                loadId);
    }

    @Override
    public String key() {
        return load == null
                ? layer + "/" + zone + "/" + day
                : layer + "/" + zone + "/" + day + "/" + load;
    }

    @Override
    public Instant timestamp() {
        return from;
    }
}
