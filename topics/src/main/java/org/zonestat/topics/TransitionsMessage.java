package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on {@code transitions}: two shapes, told apart by their {@code type} field, written
 * first. {@code fix}: one per accepted position, with the zones the device is inside; {@code
 * transition}: a device entered, left or crossed a zone or a hot cell. Both are keyed by device id,
 * so a device's messages stay in order in one partition.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FixMessage.class, name = "fix"),
    @JsonSubTypes.Type(value = TransitionMessage.class, name = "transition")
})
public sealed interface TransitionsMessage extends OutputMessage
        permits FixMessage, TransitionMessage {

    /** The device the message is about. */
    String deviceId();

    /** {@link RawPosition#UNIT} or {@link RawPosition#MONITORED}. */
    String kind();
}
