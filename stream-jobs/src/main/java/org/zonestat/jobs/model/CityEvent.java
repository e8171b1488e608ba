package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated event from any raw feed, before zone tagging. Flat and immutable.
 *
 * @param eventId unique, idempotent id {@code
 *     <stream>/<source>/<recordId>[/<status>@<occurredAt>]}: the same input delivered twice yields
 *     the same id
 * @param stream which feed it came from
 * @param recordId the source's own id
 * @param source the name of the feed, e.g. {@code bpd-part1-2018}
 * @param kind incidents: an {@link IncidentKind} name; 311: {@code REQUEST_311}; tips: {@code TIP}
 * @param type 311 request type, tip category or incident description; may be null
 * @param status 311 status (New, Open, Closed, ...); null for other streams
 * @param occurredAt event time: when the thing happened (or, for a 311 update, when the status
 *     changed)
 * @param lon longitude, WGS84 degrees
 * @param lat latitude, WGS84 degrees
 * @param address block address; may be null
 * @param dueAt for 311: when the request is due, as the source says; null when it does not say (the
 *     service-level table then decides)
 * @param contact for 311: how the requester asked to be told of its closure ({@code contactChannel}
 *     of the raw record, never the contact itself); {@link ContactChannel#NONE} otherwise
 * @param activity for activities: the agency, place, count and outcome; null for other streams
 */
public record CityEvent(
        String eventId,
        EventStream stream,
        String recordId,
        String source,
        String kind,
        String type,
        String status,
        Instant occurredAt,
        double lon,
        double lat,
        String address,
        Instant dueAt,
        ContactChannel contact,
        ActivityDetails activity) {
    public CityEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("coordinates out of range: " + lon + "," + lat);
        }
        contact = contact == null ? ContactChannel.NONE : contact;
        if ((stream == EventStream.ACTIVITY) != (activity != null)) {
            throw new IllegalArgumentException(
                    "an activity, and only an activity, has activity details: " + eventId);
        }
    }

    /** An event that is not an activity: an incident, a 311 step or a tip. */
    public CityEvent(
            String eventId,
            EventStream stream,
            String recordId,
            String source,
            String kind,
            String type,
            String status,
            Instant occurredAt,
            double lon,
            double lat,
            String address,
            Instant dueAt,
            ContactChannel contact) {
        this(
                eventId,
                stream,
                recordId,
                source,
                kind,
                type,
                status,
                occurredAt,
                lon,
                lat,
                address,
                dueAt,
                contact,
                null);
    }

    /** An event that is not an activity and whose record names no contact channel. */
    public CityEvent(
            String eventId,
            EventStream stream,
            String recordId,
            String source,
            String kind,
            String type,
            String status,
            Instant occurredAt,
            double lon,
            double lat,
            String address,
            Instant dueAt) {
        this(
                eventId,
                stream,
                recordId,
                source,
                kind,
                type,
                status,
                occurredAt,
                lon,
                lat,
                address,
                dueAt,
                ContactChannel.NONE);
    }

    /** An event without a source due time. */
    public CityEvent(
            String eventId,
            EventStream stream,
            String recordId,
            String source,
            String kind,
            String type,
            String status,
            Instant occurredAt,
            double lon,
            double lat,
            String address) {
        this(
                eventId,
                stream,
                recordId,
                source,
                kind,
                type,
                status,
                occurredAt,
                lon,
                lat,
                address,
                null);
    }
}
