package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A request to recompute outputs from the raw history ({@code "type": "reprocess"} on {@code
 * history}), written by {@code zonestat reprocess}: with the zone layers as they are now, for one
 * layer or all, over local days {@code [from, to]} (each open when absent). Key: {@code requestId};
 * record timestamp: {@code at}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param requestId the request's id, unique
 * @param layer the one layer whose outputs are recomputed, or null for every output
 * @param from the first local day recomputed, or null for the earliest
 * @param to the last local day recomputed, or null for the latest the live job has closed
 * @param at when it was asked
 */
public record ReprocessMessage(
        @JsonProperty(required = true) String requestId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String layer,
        @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate from,
        @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate to,
        @JsonProperty(required = true) Instant at)
        implements HistoryMessage {

    public ReprocessMessage {
        Fields.requireText(requestId, "requestId");
        Fields.require(at, "at");
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
    }

    @Override
    public String key() {
        return requestId;
    }

    @Override
    public Instant timestamp() {
        return at;
    }
}
