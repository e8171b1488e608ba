package org.zonestat.console.sitevisit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.zonestat.console.LiveAlert;
import org.zonestat.console.LiveEvent;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;

/**
 * Ranks the zones of one layer for the next rotation of site visits, from the {@code events} and
 * {@code alerts} the console reads: recent violence, and open or overdue 311 code-enforcement work.
 *
 * <p>For a plan as of a local date of the city {@code asOf} (inclusive) over {@code days} days:
 *
 * <ul>
 *   <li><b>violence</b>: incident events with {@code occurredAt} in the last {@code days} days up
 *       to the end of {@code asOf}: {@code HOMICIDE}, {@code SHOOTING}, and other violent ({@code
 *       AGGRAVATED_ASSAULT}, {@code ROBBERY}, {@code OTHER_VIOLENT}).
 *   <li><b>open code-enforcement requests</b>: 311 requests of a code-enforcement type ({@link
 *       CodeEnforcement}, from the city's profile) whose latest update up to the end of {@code
 *       asOf} (looking back {@value #REQUEST_LOOKBACK_DAYS} days) is not a {@code Closed...}
 *       status. The zone is that of the latest update.
 *   <li><b>overdue</b>: those open requests with an {@code overdue-311} alert (subject = the
 *       request id) at or before the end of {@code asOf}.
 * </ul>
 *
 * Score = {@value #HOMICIDE_WEIGHT} × homicides + {@value #SHOOTING_WEIGHT} × shootings + {@value
 * #OTHER_VIOLENT_WEIGHT} × other violent + {@value #OPEN_WEIGHT} × open requests + {@value
 * #OVERDUE_WEIGHT} × overdue requests (an overdue request also counts as open). Every zone of the
 * layer gets a rank: higher score first, then more homicides and shootings, then the name.
 *
 * <p>Each event is placed by its position in the layer as it is now, not by the zones the job
 * tagged it with: a plan for a layer uploaded today ranks its zones on the past weeks too, and an
 * edited zone counts what lies inside its new boundary.
 *
 * <p>Immutable and thread-safe.
 *
 * @param layer the layer id
 * @param asOf the last day counted (a local date of the city)
 * @param days the violence window in days
 * @param from violence window start (inclusive)
 * @param until the end of {@code asOf} (exclusive)
 * @param rows one per zone, by rank
 */
public record SiteVisitPlan(
        String layer, LocalDate asOf, int days, Instant from, Instant until, List<Row> rows) {
    public static final int REQUEST_LOOKBACK_DAYS = 365;
    public static final double HOMICIDE_WEIGHT = 10;
    public static final double SHOOTING_WEIGHT = 5;
    public static final double OTHER_VIOLENT_WEIGHT = 1;
    public static final double OPEN_WEIGHT = 0.5;
    public static final double OVERDUE_WEIGHT = 1;

    private static final Set<String> OTHER_VIOLENT =
            Set.of("AGGRAVATED_ASSAULT", "ROBBERY", "OTHER_VIOLENT");

    public SiteVisitPlan {
        rows = List.copyOf(rows);
    }

    /**
     * One zone's place in the plan.
     *
     * @param rank 1 = visit first
     * @param explanation the counts in a sentence, e.g. "3 shootings and 1 homicide in the last 28
     *     days; 14 open 311 code-enforcement requests, 6 overdue"
     */
    public record Row(
            int rank,
            String zone,
            int zoneIndex,
            double score,
            int homicides,
            int shootings,
            int otherViolent,
            int openRequests,
            int overdueRequests,
            String explanation) {}

    /** The end of a plan's windows: the start of the day after {@code asOf} in {@code zone}. */
    public static Instant until(LocalDate asOf, ZoneId zone) {
        return asOf.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The earliest time any input may have: the start of the request lookback. */
    public static Instant readFrom(LocalDate asOf, int days, ZoneId zone) {
        return asOf.plusDays(1)
                .minusDays(Math.max(days, REQUEST_LOOKBACK_DAYS))
                .atStartOfDay(zone)
                .toInstant();
    }

    /** Whether an event or alert can matter to a plan: the reader keeps only these. */
    public static boolean relevant(Object item, CodeEnforcement codeEnforcement) {
        if (item instanceof LiveEvent e) {
            return violent(e.kind()) || codeEnforcement(e, codeEnforcement);
        }
        return item instanceof LiveAlert a && "overdue-311".equals(a.type());
    }

    /**
     * Ranks every zone of the locator's layer; inputs outside the windows are ignored.
     *
     * @param locator the layer as it is now, which places each event
     * @param timeZone the city's zone, whose local days the windows are
     * @param codeEnforcement the request types counted as code-enforcement work
     */
    public static SiteVisitPlan rank(
            ZoneLocator locator,
            LocalDate asOf,
            int days,
            ZoneId timeZone,
            CodeEnforcement codeEnforcement,
            List<LiveEvent> events,
            List<LiveAlert> alerts) {
        ZoneLayer layer = locator.layer();
        Instant until = until(asOf, timeZone);
        Instant from = asOf.plusDays(1).minusDays(days).atStartOfDay(timeZone).toInstant();
        Instant requestsFrom = readFrom(asOf, days, timeZone);
        Map<String, int[]> counts =
                new HashMap<>(); // zone -> homicides, shootings, other, open, overdue
        Map<String, LiveEvent> latestRequest = new HashMap<>();
        for (LiveEvent e : events) {
            if (!e.occurredAt().isBefore(until)) {
                continue;
            }
            if (violent(e.kind()) && !e.occurredAt().isBefore(from)) {
                String zone = locator.zoneName(e.lon(), e.lat());
                if (zone != null) {
                    int[] c = counts.computeIfAbsent(zone, z -> new int[5]);
                    c[e.kind().equals("HOMICIDE") ? 0 : e.kind().equals("SHOOTING") ? 1 : 2]++;
                }
            } else if (codeEnforcement(e, codeEnforcement)
                    && !e.occurredAt().isBefore(requestsFrom)) {
                latestRequest.merge(requestId(e), e, (a, b) -> later(a, b));
            }
        }
        Set<String> overdue = new HashSet<>();
        for (LiveAlert a : alerts) {
            if ("overdue-311".equals(a.type()) && a.subjectId() != null && a.at().isBefore(until)) {
                overdue.add(a.subjectId());
            }
        }
        latestRequest.forEach(
                (id, e) -> {
                    String zone = locator.zoneName(e.lon(), e.lat());
                    if (zone != null && !closed(e.status())) {
                        int[] c = counts.computeIfAbsent(zone, z -> new int[5]);
                        c[3]++;
                        if (overdue.contains(id)) {
                            c[4]++;
                        }
                    }
                });
        List<Row> unranked = new ArrayList<>();
        for (Zone zone : layer.zones()) {
            int[] c = counts.getOrDefault(zone.name(), new int[5]);
            double score =
                    HOMICIDE_WEIGHT * c[0]
                            + SHOOTING_WEIGHT * c[1]
                            + OTHER_VIOLENT_WEIGHT * c[2]
                            + OPEN_WEIGHT * c[3]
                            + OVERDUE_WEIGHT * c[4];
            unranked.add(
                    new Row(
                            0,
                            zone.name(),
                            zone.index(),
                            score,
                            c[0],
                            c[1],
                            c[2],
                            c[3],
                            c[4],
                            explain(c, days)));
        }
        unranked.sort(
                Comparator.comparingDouble(Row::score)
                        .reversed()
                        .thenComparing(
                                Comparator.comparingInt((Row r) -> r.homicides() + r.shootings())
                                        .reversed())
                        .thenComparing(Row::zone)
                        .thenComparingInt(Row::zoneIndex));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < unranked.size(); i++) {
            Row r = unranked.get(i);
            rows.add(
                    new Row(
                            i + 1,
                            r.zone(),
                            r.zoneIndex(),
                            r.score(),
                            r.homicides(),
                            r.shootings(),
                            r.otherViolent(),
                            r.openRequests(),
                            r.overdueRequests(),
                            r.explanation()));
        }
        return new SiteVisitPlan(layer.id(), asOf, days, from, until, rows);
    }

    /** The weights, for the JSON answer and the README. */
    public static Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("homicide", HOMICIDE_WEIGHT);
        w.put("shooting", SHOOTING_WEIGHT);
        w.put("otherViolent", OTHER_VIOLENT_WEIGHT);
        w.put("openRequest", OPEN_WEIGHT);
        w.put("overdueRequest", OVERDUE_WEIGHT);
        return w;
    }

    static String explain(int[] c, int days) {
        List<String> violence = new ArrayList<>();
        add(violence, c[1], "shooting", "shootings");
        add(violence, c[0], "homicide", "homicides");
        add(violence, c[2], "other violent incident", "other violent incidents");
        String first =
                violence.isEmpty()
                        ? "no shootings, homicides or other violent incidents in the last "
                                + days
                                + " days"
                        : join(violence) + " in the last " + days + " days";
        String second =
                c[3] == 0
                        ? "no open 311 code-enforcement requests"
                        : c[3]
                                + " open 311 code-enforcement request"
                                + (c[3] == 1 ? "" : "s")
                                + ", "
                                + c[4]
                                + " overdue";
        return first + "; " + second;
    }

    private static void add(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1))
                + " and "
                + parts.get(parts.size() - 1);
    }

    private static boolean violent(String kind) {
        return kind.equals("HOMICIDE") || kind.equals("SHOOTING") || OTHER_VIOLENT.contains(kind);
    }

    private static boolean codeEnforcement(LiveEvent e, CodeEnforcement types) {
        return e.kind().equals("REQUEST_311") && types.covers(e.type());
    }

    private static boolean closed(String status) {
        return status != null && status.strip().toLowerCase(Locale.ROOT).startsWith("closed");
    }

    private static String requestId(LiveEvent e) {
        return e.recordId() != null ? e.recordId() : e.eventId();
    }

    private static LiveEvent later(LiveEvent a, LiveEvent b) {
        int byTime = a.occurredAt().compareTo(b.occurredAt());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return a.eventId().compareTo(b.eventId()) >= 0 ? a : b; // same instant: a stable choice
    }
}
