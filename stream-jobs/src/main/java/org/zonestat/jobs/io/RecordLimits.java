package org.zonestat.jobs.io;

import java.io.Serializable;
import org.zonestat.topics.Topics;

/**
 * How large a record the job reads and writes. A raw record of more than {@code maxRawRecordBytes}
 * is rejected as {@code too-large} with the first {@value #ORIGINAL_EXCERPT_CHARS} characters of
 * its (identity-stripped) text; a record the job writes never exceeds {@code maxOutputRecordBytes}
 * (key, value and Kafka's per-record overhead), which must stay below the topics' {@code
 * max.message.bytes} ({@value Topics#MAX_MESSAGE_BYTES} as ZoneStat creates them) and the
 * producer's {@code max.request.size} (1 MiB by default). Immutable.
 *
 * @param maxRawRecordBytes the largest raw record value read whole, in bytes
 * @param maxOutputRecordBytes the largest record written to any topic, in bytes
 */
public record RecordLimits(int maxRawRecordBytes, int maxOutputRecordBytes)
        implements Serializable {
    /** How much of a too-large record's text its rejection keeps. */
    public static final int ORIGINAL_EXCERPT_CHARS = 4_096;

    /** The smallest output limit: a rejection with its excerpt and detail always fits. */
    public static final int MIN_OUTPUT_RECORD_BYTES = 64 * 1024;

    public RecordLimits {
        if (maxRawRecordBytes < 1_024) {
            throw new IllegalArgumentException(
                    "the raw record limit must be at least 1024 bytes, was " + maxRawRecordBytes);
        }
        if (maxOutputRecordBytes < MIN_OUTPUT_RECORD_BYTES
                || maxOutputRecordBytes >= Topics.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException(
                    "the output record limit must be at least "
                            + MIN_OUTPUT_RECORD_BYTES
                            + " and below "
                            + Topics.MAX_MESSAGE_BYTES
                            + " bytes, was "
                            + maxOutputRecordBytes);
        }
    }

    /** 64 KiB raw records (real ones are under 2 KiB); outputs up to 1,000,000 bytes. */
    public static RecordLimits defaults() {
        return new RecordLimits(64 * 1024, 1_000_000);
    }
}
