package org.zonestat.console;

import java.time.Instant;
import java.util.Map;
import org.zonestat.topics.EventMessage;

/**
 * One event as the console shows it and pushes it to WebSocket clients: an incident, a 311 service
 * request update or a tip from the {@code events} topic ({@link EventMessage}, checked when read),
 * without the layer versions and due time the pages do not use.
 *
 * <p>{@code stream} and {@code kind} are kept as strings so that a kind added upstream still
 * reaches the page (drawn with a neutral style) instead of being rejected here.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId idempotent id {@code <stream>/<source>/<recordId>[/<status>@<occurredAt>]}
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
        String eventId,
        String stream,
        String kind,
        String type,
        String status,
        String recordId,
        String source,
        Instant occurredAt,
        double lon,
        double lat,
        String h3,
        Map<String, String> zones,
        String address)
        implements LiveItem {

    public LiveEvent {
        zones = LiveRecords.zones(zones);
    }

    /** The event of an {@code events} message. */
    public static LiveEvent of(EventMessage m) {
        return new LiveEvent(
                m.eventId(),
                m.stream(),
                m.kind(),
                m.type(),
                m.status(),
                m.recordId(),
                m.source(),
                m.occurredAt(),
                m.lon(),
                m.lat(),
                m.h3(),
                m.zones(),
                m.address());
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
        return EventMessage.TIP.equals(stream);
    }
}
