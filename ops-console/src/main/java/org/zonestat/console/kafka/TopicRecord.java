package org.zonestat.console.kafka;

/**
 * One record of a topic as a {@link TopicFeed} hands it to its handlers: where it was, its key and
 * its value read as the topic's message.
 *
 * <p>Immutable (the value is an immutable record) and thread-safe.
 *
 * @param topic the topic
 * @param partition its partition
 * @param offset its offset
 * @param timestamp its Kafka timestamp, epoch milliseconds
 * @param key the key as UTF-8 text, or null
 * @param value the message; null only for a tombstone of a compacted topic
 * @param <T> the topic's message type
 */
public record TopicRecord<T>(
        String topic, int partition, long offset, long timestamp, String key, T value) {

    /** {@code topic-partition@offset}, for messages about the record. */
    public String where() {
        return topic + "-" + partition + "@" + offset;
    }
}
