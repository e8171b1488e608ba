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
import org.zonestat.jobs.model.ContactChannel;
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
 * (ISO-8601 with offset or {@code Z}, from 1970-01-02 to 9999) and not later than the receive time
 * plus a tolerance; location ({@code lat}, {@code lon} numbers, in range, not both 0); the stream's
 * own fields ({@code kind} for incidents, {@code type}, {@code status} and {@code dueAt} for 311,
 * {@code category} for tips, {@code kind} and {@code agency} for activities: {@link
 * ActivityFields}).
 *
 * <p>Text values are trimmed; a value that is blank once trimmed counts as missing. A text field
 * longer than its {@link FieldLimits limit} is {@code too-large}; one with an unpaired surrogate
 * (which no UTF-8 writer can encode) is an {@code invalid-field}. A value quoted in a detail is cut
 * to {@value FieldLimits#QUOTED_CHARS} characters. The whole record's size is checked before the
 * parse, by the deserializer.
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
                    "topic '"
                            + Texts.excerpt(raw.topic(), FieldLimits.QUOTED_CHARS)
                            + "' is not a configured raw topic");
        }
        JsonNode root;
        try {
            root = JSON.readTree(raw.value());
        } catch (JsonProcessingException e) {
            return Outcome.refused(
                    RejectReason.MALFORMED_JSON,
                    "not valid JSON: "
                            + Texts.excerpt(
                                    String.valueOf(e.getOriginalMessage()),
                                    4 * FieldLimits.QUOTED_CHARS));
        }
        if (root == null || !root.isObject()) {
            return Outcome.refused(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        try {
            return Outcome.accepted(event(raw, stream, root));
        } catch (Refusal r) {
            return Outcome.refused(r.reason, r.getMessage());
        }
    }

    private CityEvent event(RawRecord raw, EventStream stream, JsonNode root) throws Refusal {
        String id = required(root, "id");
        Instant occurredAt = instant("occurredAt", required(root, "occurredAt"));
        refuseIf(
                RawChecks.notInTheFuture(
                        "occurredAt", occurredAt, raw.receivedAtMillis(), futureTolerance));
        JsonNode lat = root.get("lat");
        JsonNode lon = root.get("lon");
        refuseIf(RawChecks.location(lat, lon, "a missing geocode"));
        double latValue = lat.doubleValue();
        double lonValue = lon.doubleValue();
        String source = optional(root, "source").orElse(raw.topic());
        String type = optional(root, "type").orElse(null);
        String address = optional(root, "address").orElse(null);
        String status = null;
        Instant dueAt = null;
        ActivityDetails activity = null;
        ContactChannel contact = ContactChannel.NONE;
        String kind;
        switch (stream) {
            case INCIDENT -> {
                String kindText = required(root, "kind");
                Optional<IncidentKind> parsed = IncidentKind.parse(kindText);
                if (parsed.isEmpty()) {
                    throw new Refusal(
                            RejectReason.UNKNOWN_KIND,
                            "field 'kind' has unknown incident kind '"
                                    + Texts.excerpt(kindText, FieldLimits.QUOTED_CHARS)
                                    + "'");
                }
                kind = parsed.get().name();
            }
            case REQUEST311 -> {
                if (type == null) {
                    throw missing("type");
                }
                status = required(root, "status");
                Optional<String> dueText = optional(root, "dueAt");
                if (dueText.isPresent()) {
                    dueAt = instant("dueAt", dueText.get());
                }
                Optional<String> channelText = optional(root, "contactChannel");
                if (channelText.isPresent()) {
                    contact =
                            ContactChannel.fromWireName(channelText.get())
                                    .orElseThrow(
                                            () ->
                                                    new Refusal(
                                                            RejectReason.INVALID_FIELD,
                                                            "field 'contactChannel' is '"
                                                                    + Texts.excerpt(
                                                                            channelText.get(),
                                                                            FieldLimits
                                                                                    .QUOTED_CHARS)
                                                                    + "', not email or sms"));
                }
                kind = "REQUEST_311";
            }
            case TIP -> {
                type = required(root, "category");
                kind = "TIP";
            }
            case ACTIVITY -> {
                ActivityFields.Read a = ActivityFields.read(root);
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
                        + id
                        + (status == null ? "" : "/" + status + "@" + occurredAt);
        return new CityEvent(
                eventId,
                stream,
                id,
                source,
                kind,
                type,
                status,
                occurredAt,
                lonValue,
                latValue,
                address,
                dueAt,
                contact,
                activity);
    }

    /** An ISO-8601 date-time with offset that converts to epoch milliseconds, 1970 to 9999. */
    private static Instant instant(String field, String text) throws Refusal {
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new Refusal(
                    RejectReason.INVALID_FIELD,
                    "field '"
                            + field
                            + "' is not an ISO-8601 date-time with offset: '"
                            + Texts.excerpt(text, FieldLimits.QUOTED_CHARS)
                            + "'");
        }
        if (at.isBefore(FieldLimits.EARLIEST) || at.isAfter(FieldLimits.LATEST)) {
            throw new Refusal(
                    RejectReason.INVALID_FIELD,
                    "field '"
                            + field
                            + "' "
                            + at
                            + " is outside "
                            + FieldLimits.EARLIEST
                            + " .. "
                            + FieldLimits.LATEST);
        }
        return at;
    }

    static String required(JsonNode root, String field) throws Refusal {
        return optional(root, field).orElseThrow(() -> missing(field));
    }

    /**
     * A text field, trimmed; empty when absent, null, an object or array, or blank. Refused when
     * longer than its {@link FieldLimits limit} or not well-formed Unicode.
     */
    static Optional<String> optional(JsonNode root, String field) throws Refusal {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return Optional.empty();
        }
        String value = node.asText().trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int max = FieldLimits.maxChars(field);
        if (value.length() > max) {
            throw new Refusal(
                    RejectReason.TOO_LARGE,
                    "field '"
                            + field
                            + "' has "
                            + value.length()
                            + " characters, more than its limit of "
                            + max);
        }
        if (Texts.hasUnpairedSurrogate(value)) {
            throw new Refusal(
                    RejectReason.INVALID_FIELD,
                    "field '"
                            + field
                            + "' is not well-formed Unicode (an unpaired surrogate): '"
                            + Texts.excerpt(value, FieldLimits.QUOTED_CHARS)
                            + "'");
        }
        return Optional.of(value);
    }

    private static Refusal missing(String field) {
        return new Refusal(RejectReason.MISSING_FIELD, "field '" + field + "' is missing");
    }

    private static void refuseIf(RawChecks.Problem problem) throws Refusal {
        if (problem != null) {
            throw new Refusal(problem.reason(), problem.detail());
        }
    }

    /** A check that failed, with its reason; thrown inside the parse only, without a trace. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final RejectReason reason;

        Refusal(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
