package org.zonestat.console.kafka;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a subscription of a {@link TopicFeed} starts reading each partition of its topic, decided
 * when the feed first assigns the partition.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface StartAt {

    /** From the partition's first record: views rebuilt from a topic's whole history. */
    static StartAt beginning() {
        return Beginning.INSTANCE;
    }

    /**
     * At most {@code records} before the partition's end: a live view refilled with what is recent,
     * without reading years of history.
     */
    static StartAt recent(int records) {
        return new Recent(records);
    }

    /**
     * From the first record whose timestamp is at or after {@code time} (none: nothing of that
     * partition); a topic's record timestamps are the event times its messages are about.
     */
    static StartAt time(Instant time) {
        return new Time(time);
    }

    /** See {@link #beginning()}. */
    enum Beginning implements StartAt {
        INSTANCE
    }

    /** See {@link #recent(int)}. */
    record Recent(int records) implements StartAt {
        public Recent {
            if (records < 0) {
                throw new IllegalArgumentException("records must be >= 0, was " + records);
            }
        }
    }

    /** See {@link #time(Instant)}. */
    record Time(Instant time) implements StartAt {
        public Time {
            Objects.requireNonNull(time, "time");
        }
    }
}
