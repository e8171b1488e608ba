package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A backfill's load on {@code history} ({@code "type": "load"}): the records of one export
 * published to a raw topic, each carrying the load's id in the {@link HistoryHeaders#LOAD} header.
 * A backfill writes one while it publishes ({@code publishing}, with its progress), then {@code
 * published} with the offsets its records occupy in each partition, or {@code failed}. Only a
 * published load is processed. Key: {@code loadId}; record timestamp: {@code at}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param loadId the load's id, unique
 * @param status {@code publishing}, {@code published} or {@code failed}
 * @param feed {@code incidents}, {@code requests311} or {@code tips}
 * @param topic the raw topic written
 * @param file the export's file name
 * @param mapping the mapping that read it
 * @param records records published so far (published: all of them)
 * @param rowsRejected rows the mapping could not read (never published)
 * @param bytesRead bytes of the file read so far
 * @param bytesTotal the file's size
 * @param ratePerSecond records published per second so far
 * @param ranges published: the first and last offset of the load's records in each partition
 * @param firstOccurredAt the earliest event time published (null while none)
 * @param lastOccurredAt the latest event time published (null while none)
 * @param at when this message was written
 * @param detail failed: what went wrong
 */
public record LoadMessage(
        @JsonProperty(required = true) String loadId,
        @JsonProperty(required = true) String status,
        String feed,
        String topic,
        String file,
        String mapping,
        long records,
        long rowsRejected,
        long bytesRead,
        long bytesTotal,
        double ratePerSecond,
        List<OffsetRange> ranges,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant firstOccurredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastOccurredAt,
        @JsonProperty(required = true) Instant at,
        @JsonInclude(JsonInclude.Include.NON_NULL) String detail)
        implements HistoryMessage {

    /** The load is being published. */
    public static final String PUBLISHING = "publishing";

    /** Every record of the load is stored; it can be processed. */
    public static final String PUBLISHED = "published";

    /** Publishing stopped; the records already published are never processed. */
    public static final String FAILED = "failed";

    public LoadMessage {
        Fields.requireText(loadId, "loadId");
        Fields.requireText(status, "status");
        if (!List.of(PUBLISHING, PUBLISHED, FAILED).contains(status)) {
            throw new IllegalArgumentException(
                    "status must be publishing, published or failed, was " + status);
        }
        Fields.requireCount(records, "records");
        Fields.requireCount(rowsRejected, "rowsRejected");
        Fields.require(at, "at");
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isPublished() {
        return PUBLISHED.equals(status);
    }

    @Override
    public String key() {
        return loadId;
    }

    @Override
    public Instant timestamp() {
        return at;
    }

    /**
     * Where a load's records are in one partition of its topic: every one of them lies in {@code
     * [first, last]} (records of other writers may lie between them).
     *
     * @param partition the partition
     * @param first the offset of the load's first record there
     * @param last the offset of its last record there
     */
    public record OffsetRange(int partition, long first, long last) {
        public OffsetRange {
            if (partition < 0 || first < 0 || last < first) {
                throw new IllegalArgumentException(
                        "a range needs partition >= 0 and 0 <= first <= last, was "
                                + partition
                                + ": "
                                + first
                                + ".."
                                + last);
            }
        }
    }

    /** The range of one partition, if the load has records there. */
    public java.util.Optional<OffsetRange> range(int partition) {
        return ranges.stream().filter(r -> r.partition() == partition).findFirst();
    }

    /** Same load, still publishing, with its progress so far. */
    public LoadMessage withProgress(long published, long read, double rate, Instant when) {
        return new LoadMessage(
                loadId,
                status,
                feed,
                topic,
                file,
                mapping,
                published,
                rowsRejected,
                read,
                bytesTotal,
                rate,
                ranges,
                firstOccurredAt,
                lastOccurredAt,
                when,
                detail);
    }

    /** Same load, another status. */
    public LoadMessage withStatus(String newStatus, Instant when, String why) {
        return new LoadMessage(
                loadId,
                Objects.requireNonNull(newStatus, "newStatus"),
                feed,
                topic,
                file,
                mapping,
                records,
                rowsRejected,
                bytesRead,
                bytesTotal,
                ratePerSecond,
                ranges,
                firstOccurredAt,
                lastOccurredAt,
                when,
                why);
    }
}
