package org.zonestat.console;

/**
 * What the events consumer is doing, for the health endpoint.
 *
 * @param state the consumer's state
 * @param topic the topic it reads
 * @param recordsRead records polled so far, valid or not
 * @param malformedRecords records that were not valid events (logged and skipped)
 */
public record FeedHealth(State state, String topic, long recordsRead, long malformedRecords) {

    /** The consumer's life cycle. */
    public enum State {
        /** Created, thread not started. */
        NEW,
        /** Kafka has not answered yet (not reachable, or still starting). */
        CONNECTING,
        /** Kafka answers but the topic does not exist yet. */
        WAITING_FOR_TOPIC,
        /** Reading the records that were in the topic when it started. */
        CATCHING_UP,
        /** Caught up; new records reach clients as they arrive. */
        LIVE,
        /** The consumer failed and will be recreated shortly. */
        RETRYING,
        /** Closed. */
        STOPPED,
        /** The console runs without a Kafka feed (tests, embedding code). */
        DISABLED
    }

    /** The health of a console with no feed. */
    public static FeedHealth disabled() {
        return new FeedHealth(State.DISABLED, null, 0, 0);
    }
}
