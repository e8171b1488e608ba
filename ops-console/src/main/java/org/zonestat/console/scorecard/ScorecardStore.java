package org.zonestat.console.scorecard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * The per-zone daily scorecard in memory: every {@code zone-stats} record, upserted by (layer,
 * zone, day, load) so that a re-emitted day replaces the earlier counts of the same writer (the
 * live job, or one backfill's load), and a day's counts are the sum of its contributions, so loads
 * of any years in any order add to what the live job counted instead of overwriting it. Small by
 * nature (zones × days: 8 VRI zones over three years are under 9,000 entries).
 *
 * <p>{@link #accept(ZoneStatsMessage)} adds a record (the console's topic feed calls it for each
 * {@code zone-stats} message); {@link #query(ScorecardQuery, List)} sums windows. Thread-safe: all
 * methods synchronize on the store.
 */
public final class ScorecardStore {
    private static final String LIVE = "";

    private final Map<String, Map<String, NavigableMap<LocalDate, ZoneDay>>> byLayer =
            new HashMap<>();
    // (layer, zone, day) -> writer ("" for the live job, else the load) -> its counts; only days
    // with more than one writer are kept here.
    private final Map<List<Object>, Map<String, ZoneDay>> contributions = new HashMap<>();

    /** Adds or replaces the live job's counts of the record's (layer, zone, day). */
    public void accept(ZoneDay day) {
        accept(day, null);
    }

    /**
     * Adds or replaces one writer's counts of the record's (layer, zone, day); the day is the sum
     * of every writer's.
     *
     * @param load the backfill's load that wrote it, or null for the live job
     */
    public synchronized void accept(ZoneDay day, String load) {
        String writer = load == null ? LIVE : load;
        NavigableMap<LocalDate, ZoneDay> days =
                byLayer.computeIfAbsent(day.layer(), l -> new LinkedHashMap<>())
                        .computeIfAbsent(day.zone(), z -> new TreeMap<>());
        List<Object> key = List.of(day.layer(), day.zone(), day.day());
        Map<String, ZoneDay> parts = contributions.get(key);
        if (parts == null) {
            ZoneDay only = days.get(day.day());
            if (only == null) {
                days.put(day.day(), day.withWriter(writer));
                return;
            }
            if (only.writer().equals(writer)) {
                days.put(day.day(), day.withWriter(writer));
                return;
            }
            parts = new LinkedHashMap<>();
            parts.put(only.writer(), only);
            contributions.put(key, parts);
        }
        parts.put(writer, day.withWriter(writer));
        days.put(day.day(), ZoneDay.sum(parts.values()));
    }

    /** Adds or replaces the day of a {@code zone-stats} message (its writer's contribution). */
    public void accept(ZoneStatsMessage message) {
        accept(ZoneDay.of(message), message.load());
    }

    /** How many (layer, zone, day) entries are held. */
    public synchronized int size() {
        return byLayer.values().stream()
                .flatMap(z -> z.values().stream())
                .mapToInt(Map::size)
                .sum();
    }

    /** The latest day any zone of the layer has a record for. */
    public synchronized Optional<LocalDate> latestDay(String layer) {
        return byLayer.getOrDefault(layer, Map.of()).values().stream()
                .filter(days -> !days.isEmpty())
                .map(NavigableMap::lastKey)
                .max(LocalDate::compareTo);
    }

    /** The record of one zone and day, if any. */
    public synchronized Optional<ZoneDay> day(String layer, String zone, LocalDate day) {
        return Optional.ofNullable(
                byLayer.getOrDefault(layer, Map.of()).getOrDefault(zone, new TreeMap<>()).get(day));
    }

    /** The zones of a layer that have records, in the order they first appeared. */
    public synchronized List<String> zones(String layer) {
        return List.copyOf(byLayer.getOrDefault(layer, Map.of()).keySet());
    }

    /** {@link #query(ScorecardQuery, List)} over the zones that have records. */
    public Scorecard query(ScorecardQuery q) {
        return query(q, zones(q.layer()));
    }

    /**
     * Sums the query's kinds per zone over its window (and the comparison window).
     *
     * @param zoneNames the zones to answer for, in this order (typically all zones of the layer); a
     *     zone with no records counts 0
     */
    public synchronized Scorecard query(ScorecardQuery q, List<String> zoneNames) {
        Map<String, NavigableMap<LocalDate, ZoneDay>> zones =
                byLayer.getOrDefault(q.layer(), Map.of());
        LocalDate compareFrom = q.comparePreviousYear() ? q.from().minusYears(1) : null;
        LocalDate compareTo = q.comparePreviousYear() ? q.to().minusYears(1) : null;
        List<Scorecard.ZoneScore> scores = new ArrayList<>();
        Map<Integer, Scorecard.VersionDays> versions = new TreeMap<>(Comparator.reverseOrder());
        for (String zone : zoneNames) {
            NavigableMap<LocalDate, ZoneDay> days = zones.getOrDefault(zone, new TreeMap<>());
            NavigableMap<LocalDate, ZoneDay> window = days.subMap(q.from(), true, q.to(), true);
            tallyVersions(window, versions);
            Map<String, Long> counts = sums(window, q.kinds());
            long total = total(counts);
            Map<String, Long> previous = null;
            Long previousTotal = null;
            Long change = null;
            Double changePercent = null;
            Double target = null;
            Boolean metGoal = null;
            if (q.comparePreviousYear()) {
                NavigableMap<LocalDate, ZoneDay> before =
                        days.subMap(compareFrom, true, compareTo, true);
                previous = sums(before, q.kinds());
                tallyVersions(before, versions);
                previousTotal = total(previous);
                change = total - previousTotal;
                changePercent = previousTotal == 0 ? null : round1(100.0 * change / previousTotal);
                if (q.goalPercent() != null) {
                    target = round1(previousTotal * (1 + q.goalPercent() / 100.0));
                    metGoal = total <= target;
                }
            }
            scores.add(
                    new Scorecard.ZoneScore(
                            zone,
                            window.size(),
                            counts,
                            total,
                            previous,
                            previousTotal,
                            change,
                            changePercent,
                            target,
                            metGoal));
        }
        return new Scorecard(
                q.layer(),
                q.from(),
                q.to(),
                compareFrom,
                compareTo,
                q.kinds().stream().map(Kind::field).toList(),
                q.goalPercent(),
                List.copyOf(scores),
                0,
                List.copyOf(versions.values()),
                0);
    }

    /** Adds each day of {@code days} to the tally of the layer version that counted it. */
    private static void tallyVersions(
            Map<LocalDate, ZoneDay> days, Map<Integer, Scorecard.VersionDays> versions) {
        for (ZoneDay d : days.values()) {
            versions.merge(
                    d.layerVersion(),
                    new Scorecard.VersionDays(d.layerVersion(), 1, d.day(), d.day()),
                    (a, b) -> a.plus(d.day()));
        }
    }

    /** The days of one zone in [from, to], oldest first. */
    public synchronized List<ZoneDay> days(
            String layer, String zone, LocalDate from, LocalDate to) {
        return List.copyOf(
                byLayer.getOrDefault(layer, Map.of())
                        .getOrDefault(zone, new TreeMap<>())
                        .subMap(from, true, to, true)
                        .values());
    }

    private static Map<String, Long> sums(Map<LocalDate, ZoneDay> window, List<Kind> kinds) {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (Kind k : kinds) {
            long sum = 0;
            boolean present = false;
            for (ZoneDay d : window.values()) {
                Long v = d.count(k);
                if (v != null) {
                    sum += v;
                    present = true;
                }
            }
            // Older records lack requestsOverdue: say "not known" rather than 0.
            sums.put(k.field(), present || k != Kind.REQUESTS_OVERDUE ? sum : null);
        }
        return sums;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(v -> v == null ? 0 : v).sum();
    }

    public static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
