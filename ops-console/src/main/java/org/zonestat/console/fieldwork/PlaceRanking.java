package org.zonestat.console.fieldwork;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.zonestat.geo.H3Binner;
import org.zonestat.topics.ActivityMessage;
import org.zonestat.topics.PlaceMessage;

/**
 * The priority inspection list of a zone: its open places ranked by their nexus to violence on a
 * day, with a sentence per rank saying what drives it, and what was already done there.
 *
 * <p>For each place, at the end of {@code asOf} (local day): violent incidents within {@code
 * radius} meters (default 100) in the last 90 and 365 days, homicides and shootings apart; the
 * near-repeat risk halos in force that contain it; whether its cell is hot in the latest 7-day Gi*
 * window; the 311 code-enforcement requests within the radius open at that time and those of them
 * past their due time; its inspections ({@code INSPECTION} activities naming the place).
 *
 * <pre>
 * score = 3 × homicides and shootings (90 days) + 1 × other violent incidents (90 days)
 *       + 0.25 × violent incidents of the 275 days before those
 *       + 2 × halos + 3 × (in a hot cell) + 0.5 × open 311 + 1 × overdue 311
 * </pre>
 *
 * Places inspected in the last {@value #RECENTLY_INSPECTED_DAYS} days come after the others (the
 * list is for the next inspections; they stay on it, marked); then higher score, more homicides and
 * shootings in 365 days, and the place id. A pure function of its inputs; thread-safe.
 */
public final class PlaceRanking {
    /** The default radius around a place, in meters. */
    public static final double DEFAULT_RADIUS_METERS = 100;

    /** An inspection this recent moves a place after the ones not yet inspected. */
    public static final int RECENTLY_INSPECTED_DAYS = 30;

    /** The score's weights, by what they count (for the answer's {@code weights}). */
    public static final Map<String, Double> WEIGHTS =
            Map.of(
                    "gunViolence90d", 3.0,
                    "otherViolent90d", 1.0,
                    "violentBefore90d", 0.25,
                    "halos", 2.0,
                    "hotCell", 3.0,
                    "open311", 0.5,
                    "overdue311", 1.0);

    /** The last inspection of a place. */
    public record Inspection(LocalDate date, String agency, String outcome) {}

    /** One ranked place. */
    public record Row(
            int rank,
            String placeId,
            String name,
            String category,
            String address,
            double lon,
            double lat,
            double score,
            long homicides90d,
            long shootings90d,
            long violent90d,
            long violent365d,
            long gunViolence365d,
            int halos,
            boolean hotCell,
            long open311,
            long overdue311,
            int inspections365d,
            Inspection lastInspection,
            boolean recentlyInspected,
            String explanation) {}

    private final ZoneId timeZone;
    private final double radius;

    public PlaceRanking(ZoneId timeZone, double radiusMeters) {
        if (!(radiusMeters > 0 && radiusMeters <= 5_000)) {
            throw new IllegalArgumentException(
                    "radius must be in (0, 5000] m, was " + radiusMeters);
        }
        this.timeZone = timeZone;
        this.radius = radiusMeters;
    }

    /**
     * Ranks {@code places} (the open places of the zone) on {@code asOf}.
     *
     * @param history the violent incidents and 311 code-enforcement requests
     * @param halos the near-repeat halos
     * @param hotCells the H3 addresses of the hot cells of the latest 7-day window (one resolution)
     * @param inspections each place's inspections, latest first
     */
    public List<Row> rank(
            List<PlaceMessage> places,
            LocalDate asOf,
            EventHistory history,
            HaloHistory halos,
            Set<String> hotCells,
            Map<String, List<ActivityMessage>> inspections) {
        Instant end = asOf.plusDays(1).atStartOfDay(timeZone).toInstant();
        Instant from90 = asOf.plusDays(1).minusDays(90).atStartOfDay(timeZone).toInstant();
        Instant from365 = asOf.plusDays(1).minusDays(365).atStartOfDay(timeZone).toInstant();
        double referenceLat = places.isEmpty() ? 0 : places.get(0).lat();
        PointGrid<EventHistory.Incident> incidents =
                new PointGrid<EventHistory.Incident>(
                                radius,
                                referenceLat,
                                EventHistory.Incident::lon,
                                EventHistory.Incident::lat)
                        .addAll(history.incidents(from365, end));
        PointGrid<EventHistory.Request> requests =
                new PointGrid<EventHistory.Request>(
                                radius,
                                referenceLat,
                                EventHistory.Request::lon,
                                EventHistory.Request::lat)
                        .addAll(
                                history.requestsBefore(end).stream()
                                        .filter(r -> r.openAt(end))
                                        .toList());
        int hotResolution =
                hotCells.isEmpty() ? 8 : H3Binner.h3().getResolution(hotCells.iterator().next());
        List<Row> rows = new ArrayList<>();
        for (PlaceMessage p : places) {
            long homicides90 = 0;
            long shootings90 = 0;
            long violent90 = 0;
            long gun365 = 0;
            List<EventHistory.Incident> near = incidents.within(p.lon(), p.lat(), radius);
            for (EventHistory.Incident i : near) {
                boolean recent = !i.at().isBefore(from90);
                gun365 += i.isGunViolence() ? 1 : 0;
                if (recent) {
                    violent90++;
                    homicides90 += i.kind().equals("HOMICIDE") ? 1 : 0;
                    shootings90 += i.kind().equals("SHOOTING") ? 1 : 0;
                }
            }
            long violent365 = near.size();
            List<EventHistory.Request> open = requests.within(p.lon(), p.lat(), radius);
            long overdue = open.stream().filter(r -> r.overdueAt(end)).count();
            int inHalos = halos.containing(p.lon(), p.lat(), end);
            boolean hot =
                    hotCells.contains(
                            H3Binner.h3().latLngToCellAddress(p.lat(), p.lon(), hotResolution));
            List<ActivityMessage> done = inspections.getOrDefault(p.placeId(), List.of());
            int inspected365 =
                    (int) done.stream().filter(a -> !a.occurredAt().isBefore(from365)).count();
            Inspection last =
                    done.isEmpty()
                            ? null
                            : new Inspection(
                                    done.get(0).occurredAt().atZone(timeZone).toLocalDate(),
                                    done.get(0).agency(),
                                    done.get(0).outcome());
            boolean recently =
                    last != null
                            && !last.date().isBefore(asOf.minusDays(RECENTLY_INSPECTED_DAYS - 1));
            long gun90 = homicides90 + shootings90;
            double score =
                    3.0 * gun90
                            + 1.0 * (violent90 - gun90)
                            + 0.25 * (violent365 - violent90)
                            + 2.0 * inHalos
                            + (hot ? 3.0 : 0)
                            + 0.5 * open.size()
                            + 1.0 * overdue;
            rows.add(
                    new Row(
                            0,
                            p.placeId(),
                            p.name(),
                            p.category(),
                            p.address(),
                            p.lon(),
                            p.lat(),
                            score,
                            homicides90,
                            shootings90,
                            violent90,
                            violent365,
                            gun365,
                            inHalos,
                            hot,
                            open.size(),
                            overdue,
                            inspected365,
                            last,
                            recently,
                            explanation(
                                    homicides90,
                                    shootings90,
                                    violent90,
                                    violent365,
                                    inHalos,
                                    hot,
                                    open.size(),
                                    overdue,
                                    last,
                                    inspected365)));
        }
        rows.sort(
                Comparator.comparing(Row::recentlyInspected)
                        .thenComparing(Comparator.comparingDouble(Row::score).reversed())
                        .thenComparing(Comparator.comparingLong(Row::gunViolence365d).reversed())
                        .thenComparing(Row::placeId));
        List<Row> ranked = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ranked.add(
                    new Row(
                            i + 1,
                            r.placeId(),
                            r.name(),
                            r.category(),
                            r.address(),
                            r.lon(),
                            r.lat(),
                            r.score(),
                            r.homicides90d(),
                            r.shootings90d(),
                            r.violent90d(),
                            r.violent365d(),
                            r.gunViolence365d(),
                            r.halos(),
                            r.hotCell(),
                            r.open311(),
                            r.overdue311(),
                            r.inspections365d(),
                            r.lastInspection(),
                            r.recentlyInspected(),
                            r.explanation()));
        }
        return ranked;
    }

    /** The sentence of one rank: what drives it, then what was already done. */
    String explanation(
            long homicides90,
            long shootings90,
            long violent90,
            long violent365,
            int halos,
            boolean hot,
            long open311,
            long overdue311,
            Inspection last,
            int inspected365) {
        List<String> parts = new ArrayList<>();
        String metres = Math.round(radius) + " m";
        List<String> gun = new ArrayList<>();
        if (shootings90 > 0) {
            gun.add(plural(shootings90, "shooting"));
        }
        if (homicides90 > 0) {
            gun.add(plural(homicides90, "homicide"));
        }
        long other90 = violent90 - homicides90 - shootings90;
        if (other90 > 0) {
            gun.add(plural(other90, "other violent incident"));
        }
        parts.add(
                gun.isEmpty()
                        ? "no violent incident within " + metres + " in the last 90 days"
                        : String.join(" and ", gun) + " within " + metres + " in the last 90 days");
        if (violent365 > violent90) {
            parts.add(
                    plural(violent365, "violent incident") + " within " + metres + " in 365 days");
        }
        if (halos > 0) {
            parts.add("inside " + plural(halos, "near-repeat halo"));
        }
        if (hot) {
            parts.add("in a hot cell (7-day Gi*)");
        }
        if (open311 > 0) {
            parts.add(
                    plural(open311, "open 311 code-enforcement request")
                            + " within "
                            + metres
                            + (overdue311 > 0 ? ", " + overdue311 + " overdue" : ""));
        }
        if (last == null) {
            parts.add("no inspection recorded");
        } else {
            parts.add(
                    "last inspected "
                            + last.date()
                            + " by "
                            + last.agency()
                            + (last.outcome() == null ? "" : " (" + last.outcome() + ")")
                            + (inspected365 > 1
                                    ? ", " + inspected365 + " inspections in 365 days"
                                    : ""));
        }
        String s = String.join("; ", parts);
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
