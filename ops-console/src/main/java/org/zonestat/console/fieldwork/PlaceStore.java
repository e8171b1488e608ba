package org.zonestat.console.fieldwork;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zonestat.topics.PlaceMessage;

/**
 * The city's places as the compacted {@code places} topic holds them: the latest message of each
 * place id, a tombstone removing it. Rebuilt from the topic's beginning on every start.
 * Thread-safe.
 */
public final class PlaceStore {
    private final Map<String, PlaceMessage> places = new LinkedHashMap<>();

    /** The latest message of a place, or its removal ({@code message} null). */
    public synchronized void accept(String placeId, PlaceMessage message) {
        if (message == null) {
            places.remove(placeId);
        } else {
            places.put(message.placeId(), message);
        }
    }

    public synchronized Optional<PlaceMessage> get(String placeId) {
        return Optional.ofNullable(places.get(placeId));
    }

    /** Every place, by id. */
    public synchronized List<PlaceMessage> all() {
        List<PlaceMessage> out = new ArrayList<>(places.values());
        out.sort(Comparator.comparing(PlaceMessage::placeId));
        return out;
    }

    public synchronized int size() {
        return places.size();
    }
}
