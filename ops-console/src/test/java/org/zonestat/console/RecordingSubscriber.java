package org.zonestat.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link LiveEventHub.Subscriber} that keeps every message it is given, parsed. */
final class RecordingSubscriber implements LiveEventHub.Subscriber {
    private static final ObjectMapper JSON = ConsoleJson.newMapper();

    private final List<LiveMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(String messageJson) {
        try {
            messages.add(JSON.readValue(messageJson, LiveMessage.class));
        } catch (JsonProcessingException e) {
            throw new AssertionError("hub sent unreadable JSON: " + messageJson, e);
        }
    }

    List<LiveMessage> messages() {
        return List.copyOf(messages);
    }

    /** The event ids of the {@code event} messages, in arrival order. */
    List<String> liveEventIds() {
        return messages.stream()
                .filter(LiveMessage.Event.class::isInstance)
                .map(m -> ((LiveMessage.Event) m).event().eventId())
                .toList();
    }
}
