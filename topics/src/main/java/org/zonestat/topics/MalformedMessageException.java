package org.zonestat.topics;

/**
 * Bytes read from a topic that are not a valid message of it: not JSON, a required field missing, a
 * value of the wrong type or out of range. The message names the topic and the reason.
 */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final String reason;

    public MalformedMessageException(String topic, String reason, Throwable cause) {
        super("malformed message on '" + topic + "': " + reason, cause);
        this.topic = topic;
        this.reason = reason;
    }

    /** The topic the bytes came from. */
    public String topic() {
        return topic;
    }

    /** What is wrong, naming the field where there is one. */
    public String reason() {
        return reason;
    }
}
