package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One lifecycle step of a 311 service request on {@code requests311.raw} (created, a status change,
 * closed), as a 311 system or a replayer writes it.
 *
 * <p>Only what makes it a record is checked here (an id, a type, a status, a time); whether its
 * values can be used is the job's to decide, with a reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the service request number, e.g. {@code 19-00711545}
 * @param source the feed's name; null: the topic name
 * @param type the service request type, e.g. {@code SW-Rat Rubout Proactive}
 * @param status {@code New}, {@code Open}, {@code Pending}, {@code Hold}, {@code Closed}, {@code
 *     Closed (Duplicate)}, ...
 * @param occurredAt when the request reached this status
 * @param lat latitude, or null (call-center requests without an address)
 * @param lon longitude, or null
 * @param createdAt when the request was created, or null
 * @param dueAt the request's own due time, or null
 * @param closedAt when it was closed, or null
 * @param address block address, or null
 * @param details the feed's other fields ({@code agency}, {@code method}, {@code outcome}, {@code
 *     neighborhood}, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawRequestStep(
        @JsonProperty(required = true) String id,
        String source,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) String status,
        @JsonProperty(required = true) Instant occurredAt,
        Double lat,
        Double lon,
        Instant createdAt,
        Instant dueAt,
        Instant closedAt,
        String address,
        @JsonAnyGetter @JsonAnySetter @JsonInclude(JsonInclude.Include.ALWAYS)
                Map<String, Object> details)
        implements RawInput {

    private static final Set<String> DECLARED =
            Set.of(
                    "id",
                    "source",
                    "type",
                    "status",
                    "occurredAt",
                    "lat",
                    "lon",
                    "createdAt",
                    "dueAt",
                    "closedAt",
                    "address");

    public RawRequestStep {
        Fields.requireText(id, "id");
        Fields.requireText(type, "type");
        Fields.requireText(status, "status");
        Fields.require(occurredAt, "occurredAt");
        details = Fields.details(details, DECLARED);
    }

    /**
     * The same request at a later step of its lifecycle: its id, source, type, location, creation,
     * due time and address, with this status, time, closing time and other fields.
     */
    public RawRequestStep then(
            String nextStatus, Instant at, Instant closed, Map<String, Object> nextDetails) {
        return new RawRequestStep(
                id,
                source,
                type,
                nextStatus,
                at,
                lat,
                lon,
                createdAt,
                dueAt,
                closed,
                address,
                nextDetails);
    }
}
