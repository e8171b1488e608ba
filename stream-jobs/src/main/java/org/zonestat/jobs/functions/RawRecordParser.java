package org.zonestat.jobs.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.zonestat.jobs.model.ActivityDetails;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.IncidentKind;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;

/**
 * Parses and validates one raw JSON record into a {@link ParsedRecord}: accepted with its {@link
 * CityEvent}, or rejected with a reason and a sentence naming the field. The job runs it once per
 * record, in the Kafka source's deserializer ({@code io.RawRecordDeserializer}). The field tables
 * in the README are the contract; unknown fields are ignored (so a tipster's identity, if a feed
 * sends one, is dropped here and never reaches a topic).
 *
 * <p>Checks, in order: a configured raw topic; a JSON object; {@code id}; {@code occurredAt}
 * (ISO-8601 with offset or {@code Z}) and not later than the receive time plus a tolerance;
 * location ({@code lat}, {@code lon} numbers, in range, not both 0); the stream's own fields
 * ({@code kind} for incidents, {@code type} and {@code status} for 311, {@code category} for tips,
 * {@code kind} and {@code agency} for activities: {@link ActivityFields}).
 *
 * <p>Text values are trimmed; a value that is blank once trimmed counts as missing.
 *
 * <p>Immutable and thread-safe; serializable, so a deserializer can carry it to the task managers.
 */
public final class RawRecordParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, EventStream> streamsByTopic;
    private final Duration futureTolerance;

    /**
     * @param streamsByTopic which stream each raw topic carries
     * @param futureTolerance how far after its receive time an event may claim to have happened
     */
    public RawRecordParser(Map<String, EventStream> streamsByTopic, Duration futureTolerance) {
        this.streamsByTopic = Map.copyOf(streamsByTopic);
        this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
    }

    /** The record, accepted or rejected: bad input is a rejection, never an exception. */
    public ParsedRecord parse(RawRecord raw) {
        Outcome<CityEvent> outcome = validate(raw);
        if (outcome instanceof Outcome.Refused<CityEvent> refused) {
            return ParsedRecord.rejected(raw, refused.reason(), refused.detail());
        }
        return ParsedRecord.accepted(raw, ((Outcome.Accepted<CityEvent>) outcome).value());
    }

    private Outcome<CityEvent> validate(RawRecord raw) {
        EventStream stream = streamsByTopic.get(raw.topic());
        if (stream == null) {
            return Outcome.refused(
                    RejectReason.INVALID_FIELD,
                    "topic '" + raw.topic() + "' is not a configured raw topic");
        }
        JsonNode root;
        try {
            root = JSON.readTree(raw.value());
        } catch (JsonProcessingException e) {
            return Outcome.refused(
                    RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return Outcome.refused(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        Optional<String> id = text(root, "id");
        if (id.isEmpty()) {
            return missing("id");
        }
        Optional<String> occurredText = text(root, "occurredAt");
        if (occurredText.isEmpty()) {
            return missing("occurredAt");
        }
        Instant occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(occurredText.get()).toInstant();
        } catch (DateTimeException e) {
            return Outcome.refused(
                    RejectReason.INVALID_FIELD,
                    "field 'occurredAt' is not an ISO-8601 date-time with offset: '"
                            + occurredText.get()
                            + "'");
        }
        Instant latestAllowed = Instant.ofEpochMilli(raw.receivedAtMillis()).plus(futureTolerance);
        if (occurredAt.isAfter(latestAllowed)) {
            return Outcome.refused(
                    RejectReason.FUTURE_TIMESTAMP,
                    "field 'occurredAt' "
                            + occurredAt
                            + " is more than "
                            + futureTolerance
                            + " after the record was received");
        }
        JsonNode lat = root.get("lat");
        JsonNode lon = root.get("lon");
        if (absent(lat) || absent(lon)) {
            return Outcome.refused(
                    RejectReason.MISSING_LOCATION,
                    "field '" + (absent(lat) ? "lat" : "lon") + "' is missing");
        }
        if (!lat.isNumber() || !lon.isNumber()) {
            return Outcome.refused(
                    RejectReason.INVALID_FIELD,
                    "field '" + (!lat.isNumber() ? "lat" : "lon") + "' is not a number");
        }
        double latValue = lat.doubleValue();
        double lonValue = lon.doubleValue();
        if (latValue == 0 && lonValue == 0) {
            return Outcome.refused(
                    RejectReason.ZERO_COORDINATES, "location is 0,0 (a missing geocode)");
        }
        if (!(latValue >= -90 && latValue <= 90 && lonValue >= -180 && lonValue <= 180)) {
            return Outcome.refused(
                    RejectReason.INVALID_FIELD,
                    "location lat=" + latValue + " lon=" + lonValue + " is out of range");
        }
        String source = text(root, "source").orElse(raw.topic());
        String type = text(root, "type").orElse(null);
        String status = null;
        Instant dueAt = null;
        ActivityDetails activity = null;
        String kind;
        switch (stream) {
            case INCIDENT -> {
                Optional<String> kindText = text(root, "kind");
                if (kindText.isEmpty()) {
                    return missing("kind");
                }
                Optional<IncidentKind> parsed = IncidentKind.parse(kindText.get());
                if (parsed.isEmpty()) {
                    return Outcome.refused(
                            RejectReason.UNKNOWN_KIND,
                            "field 'kind' has unknown incident kind '" + kindText.get() + "'");
                }
                kind = parsed.get().name();
            }
            case REQUEST311 -> {
                if (type == null) {
                    return missing("type");
                }
                Optional<String> statusText = text(root, "status");
                if (statusText.isEmpty()) {
                    return missing("status");
                }
                status = statusText.get();
                Optional<String> dueText = text(root, "dueAt");
                if (dueText.isPresent()) {
                    try {
                        dueAt = OffsetDateTime.parse(dueText.get()).toInstant();
                    } catch (DateTimeException e) {
                        return Outcome.refused(
                                RejectReason.INVALID_FIELD,
                                "field 'dueAt' is not an ISO-8601 date-time with offset: '"
                                        + dueText.get()
                                        + "'");
                    }
                }
                kind = "REQUEST_311";
            }
            case TIP -> {
                Optional<String> category = text(root, "category");
                if (category.isEmpty()) {
                    return missing("category");
                }
                type = category.get();
                kind = "TIP";
            }
            case ACTIVITY -> {
                Outcome<ActivityFields.Read> read = ActivityFields.read(root);
                if (read instanceof Outcome.Refused<ActivityFields.Read> refused) {
                    return Outcome.refused(refused.reason(), refused.detail());
                }
                ActivityFields.Read a = ((Outcome.Accepted<ActivityFields.Read>) read).value();
                activity = a.details();
                kind = a.kind().name();
            }
            default -> throw new IllegalStateException("unhandled stream " + stream);
        }
        // A 311 request has one event per update: status and time tell a reopen from a redelivery.
        String eventId =
                stream.wireName()
                        + "/"
                        + source
                        + "/"
                        + id.get()
                        + (status == null ? "" : "/" + status + "@" + occurredAt);
        return Outcome.accepted(
                new CityEvent(
                        eventId,
                        stream,
                        id.get(),
                        source,
                        kind,
                        type,
                        status,
                        occurredAt,
                        lonValue,
                        latValue,
                        text(root, "address").orElse(null),
                        dueAt,
                        activity));
    }

    private static Outcome<CityEvent> missing(String field) {
        return Outcome.refused(RejectReason.MISSING_FIELD, "field '" + field + "' is missing");
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || (node.isTextual() && node.asText().isBlank());
    }

    static Optional<String> text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return Optional.empty();
        }
        String value = node.asText().trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
