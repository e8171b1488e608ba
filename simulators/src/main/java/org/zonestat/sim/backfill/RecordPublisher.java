package org.zonestat.sim.backfill;

import java.util.List;
import org.zonestat.sim.RawEvent;
import org.zonestat.topics.LoadMessage;

/**
 * Where a backfill sends its records: a Kafka producer in production ({@link
 * KafkaRecordPublisher}), a list in tests. Sends may be asynchronous; {@link #flush()} waits for
 * all of them and reports the first failure.
 *
 * <p>Used from one thread.
 */
public interface RecordPublisher extends AutoCloseable {
    /**
     * Checks that {@code topic} can be published to, before anything is read.
     *
     * @throws IllegalStateException naming the topic or the unreachable destination
     */
    default void requireTopic(String topic) {}

    /** Sends one record to {@code topic}, keyed by the record's id. */
    void send(String topic, RawEvent record);

    /**
     * Waits until every record sent so far is stored.
     *
     * @throws IllegalStateException if any could not be
     */
    void flush();

    /**
     * Where the records sent so far are stored, per partition (a load's message says so); empty
     * when the publisher does not know.
     */
    default List<LoadMessage.OffsetRange> ranges() {
        return List.of();
    }

    /**
     * Writes a load's message to {@code historyTopic} and waits until it is stored.
     *
     * @throws IllegalStateException if it could not be
     */
    default void announce(String historyTopic, LoadMessage load) {}

    @Override
    void close();
}
