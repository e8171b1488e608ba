package org.zonestat.console.fieldwork;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.zonestat.topics.ActivityKind;
import org.zonestat.topics.ContactSketch;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * The activity side of {@code zone-stats}: per zone and local day, the activity counts by kind and
 * the day's unique-contact sketch, upserted by (layer, zone, day) like the scorecard. Sums a date
 * range's activities and merges its sketches for the range's unique contacts. Days without
 * activities are not kept. Thread-safe.
 */
public final class ActivityDays {
    private record Day(Map<String, Long> activities, String sketch) {}

    private final Map<String, TreeMap<LocalDate, Day>> byZone = new HashMap<>();

    public synchronized void accept(ZoneStatsMessage m) {
        String key = m.layer() + "/" + m.zone();
        if (m.activities().isEmpty() && m.contactSketch() == null) {
            TreeMap<LocalDate, Day> days = byZone.get(key);
            if (days != null) {
                days.remove(m.day());
            }
            return;
        }
        byZone.computeIfAbsent(key, k -> new TreeMap<>())
                .put(m.day(), new Day(m.activities(), m.contactSketch()));
    }

    /**
     * What was done in a zone in {@code [from, to]}.
     *
     * @param activities activity kind to count, every kind present (0 when none), in kind order
     * @param uniqueContacts distinct outreach contacts with a token in the range (a person counts
     *     once per week contacted: tokens change every week)
     * @param activeDays days with any activity
     */
    public record Summary(Map<String, Long> activities, long uniqueContacts, int activeDays) {
        public long count(ActivityKind kind) {
            return activities.getOrDefault(kind.name(), 0L);
        }
    }

    public synchronized Summary summary(String layer, String zone, LocalDate from, LocalDate to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ActivityKind k : ActivityKind.values()) {
            counts.put(k.name(), 0L);
        }
        ContactSketch contacts = ContactSketch.empty();
        int active = 0;
        TreeMap<LocalDate, Day> days = byZone.get(layer + "/" + zone);
        if (days != null) {
            for (Day d : days.subMap(from, true, to, true).values()) {
                active++;
                d.activities().forEach((k, v) -> counts.merge(k, v, Long::sum));
                if (d.sketch() != null) {
                    contacts.merge(ContactSketch.decode(d.sketch()));
                }
            }
        }
        return new Summary(counts, contacts.estimate(), active);
    }

    /** The last day in {@code [from, to]} with an activity of {@code kind}, or null. */
    public synchronized LocalDate lastDay(
            String layer, String zone, ActivityKind kind, LocalDate from, LocalDate to) {
        TreeMap<LocalDate, Day> days = byZone.get(layer + "/" + zone);
        if (days == null) {
            return null;
        }
        for (Map.Entry<LocalDate, Day> e :
                days.subMap(from, true, to, true).descendingMap().entrySet()) {
            if (e.getValue().activities().getOrDefault(kind.name(), 0L) > 0) {
                return e.getKey();
            }
        }
        return null;
    }
}
