package org.zonestat.sim.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.topics.RawRequestStep;

/**
 * Reads an Open311 GeoReport v2 service-request response ({@code GET requests.json}: an array of
 * requests, or one request object) into {@code requests311.raw} lifecycle records: a {@code New}
 * record at {@code requested_datetime}, then an {@code Open} or {@code Closed} record (the
 * request's {@code status}) at {@code updated_datetime}, never before creation. Fields: {@code
 * service_request_id} → {@code id}, {@code service_name} (else {@code service_code}) → {@code
 * type}, {@code service_code} → {@code serviceCode}, {@code lat}/{@code long} → {@code lat}/{@code
 * lon}, {@code address}, {@code agency_responsible} → {@code agency}, {@code status_notes} → {@code
 * statusNotes}, {@code expected_datetime} → {@code dueAt}. The free-text {@code description} and
 * {@code media_url} are not copied (they may identify the person who reported).
 *
 * <p>Lenient where the meaning is clear (see {@link LenientJson}: an HTTP status block in front,
 * numbers with leading zeros). Each array element that is not a usable request (an Open311 error
 * object, a service-list entry, a request without id, time or status) is rejected with its line and
 * the reason; a syntax error rejects the rest of the file from its line on.
 *
 * <p>Immutable; thread-safe.
 */
public final class Open311JsonAdapter implements RecordAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeedMapping mapping;

    public Open311JsonAdapter(FeedMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public Feed feed() {
        return Feed.REQUESTS311;
    }

    @Override
    public void read(InputStream in, String name, RecordSink sink) {
        String text;
        try (in) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": " + e.getMessage(), e);
        }
        LenientJson.Repaired repaired = LenientJson.repair(text);
        if (repaired.json().isBlank()) {
            throw new InvalidInputException(
                    name
                            + ": no JSON"
                            + (repaired.httpStatusLine() == null
                                    ? ""
                                    : " after " + repaired.httpStatusLine()));
        }
        try (JsonParser p = JSON.createParser(repaired.json())) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                long line = p.currentTokenLocation().getLineNr();
                element(p.readValueAsTree(), name, line, repaired.httpStatusLine(), sink);
            } else if (first == JsonToken.START_ARRAY) {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    long line = p.currentTokenLocation().getLineNr();
                    if (t == JsonToken.START_OBJECT) {
                        element(p.readValueAsTree(), name, line, repaired.httpStatusLine(), sink);
                    } else {
                        p.skipChildren();
                        sink.rejected(
                                new Rejection(
                                        name,
                                        line,
                                        "array element is a "
                                                + t.asString()
                                                + " value, not a service request object"));
                    }
                }
            } else {
                throw new InvalidInputException(
                        name + ": not a JSON array or object of service requests");
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            sink.rejected(
                    new Rejection(
                            name,
                            Math.max(line, 0),
                            "not valid JSON from here on: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(name + ": " + e.getMessage(), e);
        }
    }

    private void element(JsonNode n, String name, long line, String httpStatus, RecordSink sink) {
        if (!n.has("service_request_id") && n.has("code") && n.has("description")) {
            sink.rejected(
                    new Rejection(
                            name,
                            line,
                            "an Open311 error response, not a service request: code "
                                    + n.get("code").asText()
                                    + ", "
                                    + n.get("description").asText()
                                    + (httpStatus == null ? "" : " (" + httpStatus + ")")));
            return;
        }
        try {
            sink.accepted(records(n));
        } catch (DateTimeException | IllegalArgumentException e) {
            sink.rejected(new Rejection(name, line, e.getMessage()));
        }
    }

    /** The lifecycle records of one GeoReport v2 service request. */
    List<RawEvent> records(JsonNode n) {
        String id = text(n, "service_request_id").orElseThrow(() -> missing("service_request_id"));
        String type =
                text(n, "service_name")
                        .or(() -> text(n, "service_code"))
                        .orElseThrow(() -> missing("service_name or service_code"));
        Instant requested =
                time(n, "requested_datetime").orElseThrow(() -> missing("requested_datetime"));
        String statusText = text(n, "status").orElseThrow(() -> missing("status"));
        String status =
                switch (statusText.toLowerCase(Locale.ROOT)) {
                    case "open" -> "Open";
                    case "closed" -> "Closed";
                    default ->
                            throw new IllegalArgumentException(
                                    "status '" + statusText + "' is not open or closed");
                };
        Optional<Instant> updated = time(n, "updated_datetime");

        Instant due = time(n, "expected_datetime").orElse(null);
        Double lat = coordinate(n, "lat").orElse(null);
        Double lon = coordinate(n, "long").orElse(null);
        String address = text(n, "address").orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        text(n, "service_code").ifPresent(c -> details.put("serviceCode", c));
        details.put("agency", text(n, "agency_responsible").orElse(null));

        RawRequestStep created =
                new RawRequestStep(
                        id,
                        mapping.source(),
                        type,
                        "New",
                        requested,
                        lat,
                        lon,
                        requested,
                        due,
                        null,
                        address,
                        details);
        Instant at = updated.filter(u -> !u.isBefore(requested)).orElse(requested);
        Map<String, Object> currentDetails = new LinkedHashMap<>(details);
        currentDetails.put("statusNotes", text(n, "status_notes").orElse(null));
        List<RawEvent> records = new ArrayList<>(2);
        records.add(RawEvent.of(created));
        records.add(
                RawEvent.of(
                        created.then(
                                status, at, status.equals("Closed") ? at : null, currentDetails)));
        return records;
    }

    private Optional<Instant> time(JsonNode n, String field) {
        return text(n, field)
                .map(
                        t -> {
                            try {
                                return mapping.timeFormats().instant(t, mapping.zone());
                            } catch (DateTimeException e) {
                                throw new DateTimeException(
                                        "field '" + field + "': " + e.getMessage());
                            }
                        });
    }

    private static Optional<Double> coordinate(JsonNode n, String field) {
        Optional<String> t = text(n, field);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(t.get()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "field '" + field + "' is not a number: '" + t.get() + "'");
        }
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        String s = v.asText().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static IllegalArgumentException missing(String field) {
        return new IllegalArgumentException("missing field '" + field + "'");
    }
}
