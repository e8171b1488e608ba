package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One validated activity on {@code activity-log}, tagged with its zones: what the console lists
 * against places (inspections) and zones (site visits). Key: {@code activityId}; record timestamp:
 * {@code occurredAt}. Written at least once (a redelivery has the same id; readers upsert).
 *
 * <p>Never carries the contact token of an outreach contact: only the job's unique-contact sketch
 * in {@code zone-stats} is built from it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param activityId {@code activity/<source>/<id>}: the same input always gives the same id
 * @param kind an {@link ActivityKind} name
 * @param agency the agency that did it
 * @param recordId the source's id
 * @param source the feed
 * @param occurredAt when it was done
 * @param lon longitude, WGS84 degrees
 * @param lat latitude, WGS84 degrees
 * @param h3 H3 cell (resolution 9)
 * @param zones layer id to zone name for every layer the point lies in
 * @param placeId the place it concerns, or null
 * @param count how many (at least 1)
 * @param outcome what came of it, or null
 * @param address block address, or null
 */
public record ActivityMessage(
        @JsonProperty(required = true) String activityId,
        @JsonProperty(required = true) String kind,
        @JsonProperty(required = true) String agency,
        String recordId,
        String source,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) double lat,
        String h3,
        Map<String, String> zones,
        String placeId,
        @JsonProperty(required = true) long count,
        String outcome,
        String address)
        implements OutputMessage {

    public ActivityMessage {
        Fields.requireText(activityId, "activityId");
        Fields.requireText(kind, "kind");
        Fields.requireText(agency, "agency");
        Fields.require(occurredAt, "occurredAt");
        Fields.requireLonLat(lon, lat);
        zones = Fields.copy(zones);
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
    }

    @Override
    public String key() {
        return activityId;
    }

    @Override
    public Instant timestamp() {
        return occurredAt;
    }
}
