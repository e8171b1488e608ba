package org.zonestat.console.fieldwork;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.zonestat.topics.ActivityKind;
import org.zonestat.topics.ActivityMessage;

/**
 * What agencies did, as the job validated and tagged it on {@code activity-log}: upserted by
 * activity id (the topic is written at least once), read for the inspections of a place and the
 * activities of a zone. Thread-safe.
 */
public final class ActivityLog {
    private final Map<String, ActivityMessage> byId = new HashMap<>();

    public synchronized void accept(ActivityMessage a) {
        byId.put(a.activityId(), a);
    }

    /** The inspections of a place at or before {@code until}, latest first. */
    public synchronized List<ActivityMessage> inspections(String placeId, Instant until) {
        return byId.values().stream()
                .filter(a -> placeId.equals(a.placeId()))
                .filter(a -> a.kind().equals(ActivityKind.INSPECTION.name()))
                .filter(a -> !a.occurredAt().isAfter(until))
                .sorted(Comparator.comparing(ActivityMessage::occurredAt).reversed())
                .toList();
    }

    /** The inspections of every place, by place id, at or before {@code until}, latest first. */
    public synchronized Map<String, List<ActivityMessage>> inspectionsByPlace(Instant until) {
        Map<String, List<ActivityMessage>> out = new HashMap<>();
        byId.values().stream()
                .filter(a -> a.placeId() != null)
                .filter(a -> a.kind().equals(ActivityKind.INSPECTION.name()))
                .filter(a -> !a.occurredAt().isAfter(until))
                .sorted(Comparator.comparing(ActivityMessage::occurredAt).reversed())
                .forEach(
                        a ->
                                out.computeIfAbsent(a.placeId(), k -> new java.util.ArrayList<>())
                                        .add(a));
        return out;
    }

    /** The activities of a zone with {@code from <= occurredAt < until}, latest first. */
    public synchronized List<ActivityMessage> inZone(
            String layer, String zone, Instant from, Instant until) {
        return byId.values().stream()
                .filter(a -> zone.equals(a.zones().get(layer)))
                .filter(a -> !a.occurredAt().isBefore(from) && a.occurredAt().isBefore(until))
                .sorted(
                        Comparator.comparing(ActivityMessage::occurredAt)
                                .reversed()
                                .thenComparing(ActivityMessage::activityId))
                .toList();
    }

    public synchronized int size() {
        return byId.size();
    }
}
