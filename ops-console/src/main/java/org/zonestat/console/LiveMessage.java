package org.zonestat.console;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Objects;

/**
 * The messages the console pushes on {@code /ws/live}: a closed set, each serialized as a JSON
 * object whose {@code type} field names the variant. The README documents the same shapes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LiveMessage.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = LiveMessage.Event.class, name = "event")
})
public sealed interface LiveMessage {

    /**
     * Sent once, first, to each new client: the most recent events, oldest first.
     *
     * @param lastSeq the hub sequence number of the newest event in {@code events} (0 if none); the
     *     next {@link Event} has a larger {@code seq}
     * @param events up to the configured number of recent events, oldest first
     */
    record Snapshot(long lastSeq, List<LiveEvent> events) implements LiveMessage {
        public Snapshot {
            events = List.copyOf(events);
        }
    }

    /**
     * One new event, in the order the hub received it.
     *
     * @param seq the hub's sequence number, increasing by one per distinct event
     * @param event the event
     */
    record Event(long seq, LiveEvent event) implements LiveMessage {
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }
}
