package org.zonestat.console.scorecard;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * A zone's counts for one local day as the scorecard sums them, from one {@code zone-stats}
 * message, plus the end-of-day 311 figures newer messages carry.
 *
 * @param layer zone layer id
 * @param zone zone name
 * @param day local date
 * @param counts the counts present in the record (a kind the record does not carry is absent)
 * @param openAtEnd open 311 requests in the zone at the end of the day, or null
 * @param overdueAtEnd overdue 311 requests in the zone at the end of the day, or null
 * @param medianDaysToClose median days to close of the requests closed that day, or null
 * @param dosage the patrol and outreach presence that day ({@link Dosage#NONE} when none)
 * @param writer who counted it: "" for the live job, a load's id for a backfill's contribution, or
 *     "+" for the sum of several
 */
public record ZoneDay(
        String layer,
        String zone,
        LocalDate day,
        Map<Kind, Long> counts,
        Long openAtEnd,
        Long overdueAtEnd,
        Double medianDaysToClose,
        Dosage dosage,
        String writer,
        int layerVersion) {

    public ZoneDay {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(day, "day");
        EnumMap<Kind, Long> copy = new EnumMap<>(Kind.class);
        copy.putAll(counts);
        counts = Collections.unmodifiableMap(copy);
        dosage = dosage == null ? Dosage.NONE : dosage;
    }

    /** The live job's counts of a day, without dosage. */
    public ZoneDay(
            String layer,
            String zone,
            LocalDate day,
            Map<Kind, Long> counts,
            Long openAtEnd,
            Long overdueAtEnd,
            Double medianDaysToClose) {
        this(layer, zone, day, counts, openAtEnd, overdueAtEnd, medianDaysToClose, Dosage.NONE);
    }

    /** The live job's counts of a day, with its dosage. */
    public ZoneDay(
            String layer,
            String zone,
            LocalDate day,
            Map<Kind, Long> counts,
            Long openAtEnd,
            Long overdueAtEnd,
            Double medianDaysToClose,
            Dosage dosage) {
        this(layer, zone, day, counts, openAtEnd, overdueAtEnd, medianDaysToClose, dosage, "", 0);
    }

    /** The same counts, written by {@code by}. */
    public ZoneDay withWriter(String by) {
        return new ZoneDay(
                layer,
                zone,
                day,
                counts,
                openAtEnd,
                overdueAtEnd,
                medianDaysToClose,
                dosage,
                by,
                layerVersion);
    }

    /**
     * The day's counts from several writers (the live job, loads, a reprocess of the layer): the
     * parts tagged with the newest layer version among them count (a reprocess of an edited layer
     * counts again what earlier versions counted); their counts and the open and overdue 311
     * requests at the end of the day and the dosage add up (a kind or figure present in any part is
     * present in the sum); the median days to close is the first part's that has one (medians do
     * not add; history runs rarely share a day with the live job's 311 closures).
     */
    public static ZoneDay sum(java.util.Collection<ZoneDay> all) {
        int newest = all.stream().mapToInt(ZoneDay::layerVersion).max().orElse(0);
        List<ZoneDay> parts = all.stream().filter(p -> p.layerVersion() == newest).toList();
        ZoneDay first = parts.get(0);
        EnumMap<Kind, Long> counts = new EnumMap<>(Kind.class);
        Long open = null;
        Long overdue = null;
        Double median = null;
        for (ZoneDay p : parts) {
            p.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
            open = plus(open, p.openAtEnd());
            overdue = plus(overdue, p.overdueAtEnd());
            median = median != null ? median : p.medianDaysToClose();
        }
        return new ZoneDay(
                first.layer(),
                first.zone(),
                first.day(),
                counts,
                open,
                overdue,
                median,
                Dosage.sum(parts),
                "+",
                newest);
    }

    private static Long plus(Long a, Long b) {
        return a == null ? b : b == null ? a : a + b;
    }

    /** The count of a kind, or null if the record does not carry it. */
    public Long count(Kind kind) {
        return counts.get(kind);
    }

    /**
     * The day of a {@code zone-stats} message: the six original counts, and {@code requestsOverdue}
     * when the message carries it.
     */
    public static ZoneDay of(ZoneStatsMessage m) {
        EnumMap<Kind, Long> counts = new EnumMap<>(Kind.class);
        counts.put(Kind.HOMICIDES, m.homicides());
        counts.put(Kind.SHOOTINGS, m.shootings());
        counts.put(Kind.OTHER_VIOLENT, m.otherViolent());
        counts.put(Kind.REQUESTS_OPENED, m.requestsOpened());
        counts.put(Kind.REQUESTS_CLOSED, m.requestsClosed());
        counts.put(Kind.TIPS, m.tips());
        if (m.requestsOverdue() != null) {
            counts.put(Kind.REQUESTS_OVERDUE, m.requestsOverdue());
        }
        return new ZoneDay(
                m.layer(),
                m.zone(),
                m.day(),
                counts,
                m.openAtEnd(),
                m.overdueAtEnd(),
                m.medianDaysToClose(),
                Dosage.of(m),
                "",
                m.layerVersion() == null ? 0 : m.layerVersion());
    }
}
