package org.zonestat.topics;

import java.time.Instant;

/**
 * A message the stream job writes, with the Kafka record key and record timestamp the contract
 * gives it: the key keeps a redelivered (or re-emitted) message in the same partition under the
 * same key, fit for compaction; the timestamp is the event time the message is about, so replays
 * can seek by time.
 */
public interface OutputMessage extends TopicMessage {
    /** The Kafka record key. */
    String key();

    /** The Kafka record timestamp. */
    Instant timestamp();
}
