package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One tagged event on {@code events}: an incident, a 311 lifecycle step or a tip, with its H3 cell
 * and its zone in every layer. Key: {@code eventId}; record timestamp: {@code occurredAt}.
 *
 * <p>Required: {@code eventId}, {@code stream}, {@code kind}, {@code occurredAt}, {@code lon},
 * {@code lat}. {@code stream} and {@code kind} stay strings so that a kind added upstream still
 * reaches readers. {@code type}, {@code status} and {@code address} are written as null when
 * absent; {@code dueAt} is left out. Records written before layer versions were recorded have no
 * {@code layers} (read as empty).
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId {@code <stream>/<source>/<recordId>} (311: {@code /<status>@<occurredAt>}
 *     appended): the same input always gives the same id
 * @param stream {@code incident}, {@code request311} or {@code tip}
 * @param kind the incident kind; {@code REQUEST_311}; {@code TIP}
 * @param type incident description, 311 request type or tip category, or null
 * @param status the 311 status, or null
 * @param recordId the source's id
 * @param source the feed
 * @param occurredAt event time
 * @param lon longitude, WGS84 degrees
 * @param lat latitude, WGS84 degrees
 * @param h3 H3 cell (resolution 9)
 * @param zones layer id to zone name for every layer the point lies in, in layer order
 * @param layers layer id to the version of every layer consulted
 * @param address block address, or null
 * @param dueAt 311: the request's own due time, or null
 */
public record EventMessage(
        @JsonProperty(required = true) String eventId,
        @JsonProperty(required = true) String stream,
        @JsonProperty(required = true) String kind,
        String type,
        String status,
        String recordId,
        String source,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) double lat,
        String h3,
        Map<String, String> zones,
        Map<String, Integer> layers,
        String address,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant dueAt)
        implements OutputMessage {

    /** The {@code stream} of 311 lifecycle steps. */
    public static final String REQUEST_311 = "request311";

    /** The {@code stream} of tips. */
    public static final String TIP = "tip";

    public EventMessage {
        Fields.requireText(eventId, "eventId");
        Fields.requireText(stream, "stream");
        Fields.requireText(kind, "kind");
        Fields.require(occurredAt, "occurredAt");
        Fields.requireLonLat(lon, lat);
        zones = Fields.copy(zones);
        layers = Fields.copy(layers);
    }

    @Override
    public String key() {
        return eventId;
    }

    @Override
    public Instant timestamp() {
        return occurredAt;
    }
}
