package org.zonestat.topics;

/**
 * A message of one of ZoneStat's topics: the value of a Kafka record, written and read with {@link
 * TopicCodec}. Every implementation is an immutable record whose JSON shape is the topic's field
 * table in the README.
 */
public interface TopicMessage {}
