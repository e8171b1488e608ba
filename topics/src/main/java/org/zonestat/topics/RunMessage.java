package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A history run on {@code history} ({@code "type": "run"}), written by the history service: one
 * load's records (or, for a reprocess request, the raw history) processed by the job's logic in
 * Flink's batch execution mode. It writes {@code running} when it starts, {@code progress} about
 * once a second while it runs (records processed so far of the total expected, rate, time left),
 * and ends with {@code done} (with the reconciliation) or {@code failed}. The {@code zone-stats}
 * records a run writes for a load carry the load's id, so readers add them to what the live job and
 * other loads wrote. Key: {@code runId}; record timestamp: {@code at}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param runId the run's id, unique
 * @param status {@code running}, {@code progress}, {@code done} or {@code failed}
 * @param loads the loads whose records this run turns into events and rejections
 * @param requests the reprocess requests it answers
 * @param layer the one layer whose outputs it recomputes, or null for every output
 * @param layerVersions the version of each layer the run tagged with
 * @param from the first local day of its records, or null while unknown
 * @param through the last local day of its records, or null while unknown
 * @param recordsRead records processed so far (done: every record read)
 * @param recordsTotal records the run processes in all (a load's published records), 0 if unknown
 * @param ratePerSecond records processed per second so far
 * @param secondsLeft the time left at that rate, or null
 * @param reconciliation done: what became of every record
 * @param at when this message was written
 * @param detail failed: what went wrong
 */
public record RunMessage(
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) String status,
        List<String> loads,
        List<String> requests,
        @JsonInclude(JsonInclude.Include.NON_NULL) String layer,
        Map<String, Integer> layerVersions,
        @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate from,
        @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate through,
        long recordsRead,
        long recordsTotal,
        double ratePerSecond,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double secondsLeft,
        @JsonInclude(JsonInclude.Include.NON_NULL) Reconciliation reconciliation,
        @JsonProperty(required = true) Instant at,
        @JsonInclude(JsonInclude.Include.NON_NULL) String detail)
        implements HistoryMessage {

    /** The run is reading and writing. */
    public static final String RUNNING = "running";

    /** The run is still running; its records processed so far. */
    public static final String PROGRESS = "progress";

    /** Every output of the run is written. */
    public static final String DONE = "done";

    /** The run stopped; what it wrote so far stays. */
    public static final String FAILED = "failed";

    public RunMessage {
        Fields.requireText(runId, "runId");
        if (!List.of(RUNNING, PROGRESS, DONE, FAILED).contains(status)) {
            throw new IllegalArgumentException(
                    "status must be running, progress, done or failed, was " + status);
        }
        Fields.require(at, "at");
        loads = loads == null ? List.of() : List.copyOf(loads);
        requests = requests == null ? List.of() : List.copyOf(requests);
        layerVersions = Fields.copy(layerVersions);
        Fields.requireCount(recordsRead, "recordsRead");
        Fields.requireCount(recordsTotal, "recordsTotal");
        if (DONE.equals(status) && reconciliation == null) {
            throw new IllegalArgumentException("a done run needs its reconciliation");
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDone() {
        return DONE.equals(status);
    }

    /** Whether the run has ended: {@code done} or {@code failed}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFinal() {
        return DONE.equals(status) || FAILED.equals(status);
    }

    /** Whether the run recomputed the outputs of this layer (all layers when it names none). */
    public boolean covers(String layerId) {
        return layer == null || layer.equals(layerId);
    }

    @Override
    public String key() {
        return runId;
    }

    @Override
    public Instant timestamp() {
        return at;
    }

    /**
     * What became of the records a run processed: each record of its loads ends in {@code events}
     * or in {@code rejected} ({@code loadedIn = eventsWritten + sum of rejected}).
     *
     * @param loadedIn records of the run's loads read
     * @param eventsWritten events written for them
     * @param rejected rejections written for them, by reason
     * @param zoneDaysWritten {@code zone-stats} records written
     */
    public record Reconciliation(
            long loadedIn, long eventsWritten, Map<String, Long> rejected, long zoneDaysWritten) {
        public Reconciliation {
            rejected = Fields.copy(rejected);
        }

        /** Every rejection of the run's loaded records. */
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Whether every record read ended as an event or a rejection. */
        public boolean reconciles() {
            return loadedIn == eventsWritten + rejectedTotal();
        }
    }
}
