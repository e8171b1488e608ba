package org.zonestat.console.kafka;

/**
 * What a view does with each record of a topic it subscribed to on a {@link TopicFeed}. Called on
 * the feed's thread, one record at a time, in each partition's order; it should be quick (the next
 * records wait) and must not throw: a handler that throws is logged and the record skipped for it.
 *
 * @param <T> the topic's message type
 */
@FunctionalInterface
public interface TopicHandler<T> {
    void accept(TopicRecord<T> record);

    /**
     * A record of the topic that is not a valid message, already logged and counted in the topic's
     * {@link TopicProgress}; by default nothing more is done.
     *
     * @param where {@code topic-partition@offset}
     * @param partition its partition
     * @param offset its offset
     * @param reason what is wrong with it
     */
    default void malformed(String where, int partition, long offset, String reason) {}
}
