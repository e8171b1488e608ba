package org.zonestat.jobs.positions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.zonestat.jobs.functions.RawChecks;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;

/**
 * Parses and validates one record of {@code positions.raw} into a {@link ParsedPosition}: accepted
 * with its {@link Position}, or rejected with a reason and a sentence naming the field. The job
 * runs it once per record, in the Kafka source's deserializer. Unknown fields are ignored.
 *
 * <p>Checks, in order: a JSON object; {@code deviceId}; {@code kind} ({@code unit} or {@code
 * monitored}, else {@code unknown-kind}); {@code at} (ISO-8601 with offset) not more than the
 * future tolerance after the record was received ({@code future-timestamp}); {@code lat} and {@code
 * lon} (present, numbers, in range, not both 0); optional {@code team}, {@code status}, {@code
 * assignment} ({@code ["<layer>:<zone>", ...]}), {@code speed} and {@code heading} (numbers, not
 * negative; heading below 360). Whether the fix lies in a zone, is after the device's last one and
 * is a plausible move is for the tracker to decide.
 *
 * <p>Immutable and thread-safe; serializable, so a deserializer can carry it to the task managers.
 */
public final class PositionParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ASSIGNMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}:.{1,200}");

    private final Duration futureTolerance;

    /**
     * @param futureTolerance how far after its receipt a fix may claim to have been taken
     */
    public PositionParser(Duration futureTolerance) {
        this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
    }

    /** The record, accepted or rejected: bad input is a rejection, never an exception. */
    public ParsedPosition parse(RawRecord raw) {
        try {
            return validate(raw);
        } catch (Refusal r) {
            return ParsedPosition.rejected(raw, r.reason, r.getMessage());
        }
    }

    private ParsedPosition validate(RawRecord raw) {
        JsonNode root;
        try {
            root = JSON.readTree(raw.value());
        } catch (JsonProcessingException e) {
            throw new Refusal(
                    RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Refusal(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        String deviceId = required(root, "deviceId");
        String kindText = required(root, "kind");
        DeviceKind kind =
                DeviceKind.parse(kindText)
                        .orElseThrow(
                                () ->
                                        new Refusal(
                                                RejectReason.UNKNOWN_KIND,
                                                "field 'kind' is '"
                                                        + kindText
                                                        + "', expected unit or monitored"));
        Instant at = time(required(root, "at"));
        refuseIf(RawChecks.notInTheFuture("at", at, raw.receivedAtMillis(), futureTolerance));
        JsonNode lat = root.get("lat");
        JsonNode lon = root.get("lon");
        refuseIf(RawChecks.location(lat, lon, "no GPS fix"));
        double latValue = lat.doubleValue();
        double lonValue = lon.doubleValue();
        Team team = null;
        UnitStatus status = null;
        List<String> assignment = List.of();
        if (kind == DeviceKind.UNIT) {
            team =
                    text(root, "team")
                            .map(
                                    t ->
                                            Team.parse(t)
                                                    .orElseThrow(
                                                            () ->
                                                                    invalid(
                                                                            "team",
                                                                            t,
                                                                            "patrol or outreach")))
                            .orElse(Team.PATROL);
            status =
                    text(root, "status")
                            .map(
                                    s ->
                                            UnitStatus.parse(s)
                                                    .orElseThrow(
                                                            () ->
                                                                    invalid(
                                                                            "status",
                                                                            s,
                                                                            "available, busy or off-duty")))
                            .orElse(UnitStatus.AVAILABLE);
            assignment = assignment(root.get("assignment"));
        }
        double speed = optionalNumber(root, "speed", Double.MAX_VALUE);
        double heading = optionalNumber(root, "heading", 360);
        return ParsedPosition.accepted(
                raw,
                new Position(
                        deviceId,
                        kind,
                        team,
                        status,
                        assignment,
                        at,
                        lonValue,
                        latValue,
                        speed,
                        heading));
    }

    private static List<String> assignment(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Refusal(
                    RejectReason.INVALID_FIELD,
                    "field 'assignment' must be an array of \"<layer>:<zone>\" strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || !ASSIGNMENT.matcher(n.asText()).matches()) {
                throw new Refusal(
                        RejectReason.INVALID_FIELD,
                        "field 'assignment' has "
                                + n
                                + ", expected \"<layer>:<zone>\" such as \"vri-zones:Western\"");
            }
            out.add(n.asText());
        }
        return out;
    }

    private static double optionalNumber(JsonNode root, String field, double below) {
        JsonNode n = root.get(field);
        if (absent(n)) {
            return Double.NaN;
        }
        if (!n.isNumber() || !(n.doubleValue() >= 0 && n.doubleValue() < below)) {
            throw new Refusal(
                    RejectReason.INVALID_FIELD,
                    "field '"
                            + field
                            + "' must be a number from 0"
                            + (below == 360 ? " to below 360" : "")
                            + ", was "
                            + n);
        }
        return n.doubleValue();
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new Refusal(
                    RejectReason.INVALID_FIELD,
                    "field 'at' is not an ISO-8601 date-time with offset: '" + text + "'");
        }
    }

    private static String required(JsonNode root, String field) {
        return text(root, field)
                .orElseThrow(
                        () ->
                                new Refusal(
                                        RejectReason.MISSING_FIELD,
                                        "field '" + field + "' is missing"));
    }

    private static Refusal invalid(String field, String value, String expected) {
        return new Refusal(
                RejectReason.INVALID_FIELD,
                "field '" + field + "' is '" + value + "', expected " + expected);
    }

    private static boolean absent(JsonNode node) {
        return RawChecks.absent(node);
    }

    private static void refuseIf(RawChecks.Problem problem) {
        if (problem != null) {
            throw new Refusal(problem.reason(), problem.detail());
        }
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return Optional.empty();
        }
        String value = node.asText().trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A refused field, carried out of the checks to {@link #parse}. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RejectReason reason;

        Refusal(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
