package org.zonestat.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One event from the {@code events} topic as the console shows it: an incident, a 311 service
 * request update or a tip, already tagged with its zones by the stream job.
 *
 * <p>{@code stream} and {@code kind} are kept as strings so that a kind added upstream still
 * reaches the page (drawn with a neutral style) instead of being rejected here. Unknown JSON fields
 * are ignored. Required: {@code eventId}, {@code stream}, {@code kind}, {@code occurredAt}, {@code
 * lon}, {@code lat}; the rest may be null.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId idempotent id {@code <stream>/<source>/<recordId>[/<status>]}
 * @param stream {@code incident}, {@code request311} or {@code tip}
 * @param kind e.g. {@code HOMICIDE}, {@code SHOOTING}, {@code REQUEST_311}, {@code TIP}
 * @param type 311 request type, tip category or incident description
 * @param status 311 status
 * @param recordId the source's own id
 * @param source the feed, e.g. {@code bpd-part1-2018}
 * @param occurredAt event time
 * @param lon WGS84 longitude in degrees
 * @param lat WGS84 latitude in degrees
 * @param h3 H3 cell (resolution 9)
 * @param zones layer id to zone name for each layer the point lies in, in layer order
 * @param address block address
 */
public record LiveEvent(
        @JsonProperty(value = "eventId", required = true) String eventId,
        @JsonProperty(value = "stream", required = true) String stream,
        @JsonProperty(value = "kind", required = true) String kind,
        @JsonProperty("type") String type,
        @JsonProperty("status") String status,
        @JsonProperty("recordId") String recordId,
        @JsonProperty("source") String source,
        @JsonProperty(value = "occurredAt", required = true) Instant occurredAt,
        @JsonProperty(value = "lon", required = true) double lon,
        @JsonProperty(value = "lat", required = true) double lat,
        @JsonProperty("h3") String h3,
        @JsonProperty("zones") Map<String, String> zones,
        @JsonProperty("address") String address)
        implements LiveItem {

    public LiveEvent {
        requireText(eventId, "eventId");
        requireText(stream, "stream");
        requireText(kind, "kind");
        if (occurredAt == null) {
            throw new IllegalArgumentException("occurredAt is required");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon must be in [-180, 180], was " + lon);
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat must be in [-90, 90], was " + lat);
        }
        zones = LiveRecords.zones(zones);
    }

    @Override
    public String itemId() {
        return eventId;
    }

    @Override
    public String messageType() {
        return "event";
    }

    @Override
    public String kindForFilter() {
        return kind;
    }

    @Override
    public boolean revealsTip() {
        return "tip".equals(stream);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
