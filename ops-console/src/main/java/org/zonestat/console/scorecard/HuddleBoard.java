package org.zonestat.console.scorecard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.zonestat.console.HotCell;
import org.zonestat.console.Places;
import org.zonestat.geo.H3Binner;
import org.zonestat.topics.ActionItem;

/**
 * Builds the huddle wall's zone cards for one local day ("today" of the huddle): the day itself
 * (the scorecard is daily, so "last 24 h" is the latest complete day), the last 7 days, the year to
 * date against the same dates last year and the goal, open and overdue 311 work, hot cells, open
 * action items, and what changed since the previous day's huddle. Hot cells are named by place: the
 * zone of the finest layer their centre lies in ({@link Places}).
 *
 * <p>A pure function of the stores it reads; thread-safe as they are.
 */
public final class HuddleBoard {
    /** Hot cells come from the 7-day Gi* windows. */
    public static final int HOT_CELL_WINDOW_DAYS = 7;

    private static final List<Kind> DAY_KINDS =
            List.of(
                    Kind.HOMICIDES,
                    Kind.SHOOTINGS,
                    Kind.OTHER_VIOLENT,
                    Kind.REQUESTS_OPENED,
                    Kind.TIPS);

    private final ScorecardStore scorecard;
    private final HotCells hotCells;
    private final ActionItemStore actionItems;
    private final Open311Requests requests;
    private final Places places;
    private final ZoneId timeZone;

    public HuddleBoard(
            ScorecardStore scorecard,
            HotCells hotCells,
            ActionItemStore actionItems,
            Open311Requests requests,
            Places places,
            ZoneId timeZone) {
        this.scorecard = scorecard;
        this.hotCells = hotCells;
        this.actionItems = actionItems;
        this.requests = requests;
        this.places = places;
        this.timeZone = timeZone;
    }

    /** The whole wall: one card per zone, in the order given. */
    public record Huddle(
            String layer, LocalDate date, Double goalPercent, boolean tips, List<ZoneCard> zones) {}

    /**
     * One zone's card.
     *
     * @param zone zone name
     * @param last24h counts of the huddle's day, by kind field
     * @param last7d counts of the 7 days ending with it
     * @param ytd homicides + shootings, Jan 1 to the day, against last year and the goal
     * @param open311 open 311 requests at the end of the day (from {@code zone-stats}' {@code
     *     openAtEnd} when present, else counted from the 311 records in {@code events})
     * @param overdue311 overdue 311 requests at the end of the day ({@code overdueAtEnd}), or null
     *     when the records do not carry it
     * @param hotCells the zone's cells that are hot in the latest 7-day window, by cell id
     * @param actionItems the zone's open action items, oldest first
     * @param changes what changed since the previous day's huddle, as sentences
     */
    public record ZoneCard(
            String zone,
            Map<String, Long> last24h,
            Map<String, Long> last7d,
            Scorecard.ZoneScore ytd,
            Long open311,
            Long overdue311,
            List<HotCellView> hotCells,
            List<ItemView> actionItems,
            List<String> changes) {}

    /**
     * A hot cell as the card shows it: by place, and as a hexagon for the card's small map.
     *
     * @param cell the H3 cell id
     * @param place the zone of the finest layer (besides the card's) the cell's centre lies in, or
     *     null if none
     * @param placeLayer that zone's layer, or null
     * @param lon the centre's longitude
     * @param lat the centre's latitude
     * @param boundary the hexagon's corners as {@code [lon, lat]}, empty if the id is not H3
     */
    public record HotCellView(
            String cell,
            String place,
            String placeLayer,
            double lon,
            double lat,
            List<double[]> boundary) {}

    /** An action item as the card shows it. */
    public record ItemView(
            String id,
            String what,
            String agency,
            String assignee,
            LocalDate dueDate,
            boolean overdue) {}

    /**
     * @param withTips whether the viewer may see tip counts (analysts and admins)
     */
    public Huddle build(
            String layer,
            List<String> zones,
            LocalDate date,
            Double goalPercent,
            boolean withTips) {
        List<Kind> kinds =
                withTips ? DAY_KINDS : DAY_KINDS.stream().filter(k -> k != Kind.TIPS).toList();
        Scorecard day =
                scorecard.query(new ScorecardQuery(layer, date, date, kinds, false, null), zones);
        Scorecard yesterday =
                scorecard.query(
                        new ScorecardQuery(
                                layer, date.minusDays(1), date.minusDays(1), kinds, false, null),
                        zones);
        Scorecard week =
                scorecard.query(
                        new ScorecardQuery(layer, date.minusDays(6), date, kinds, false, null),
                        zones);
        Scorecard ytd =
                scorecard.query(
                        ScorecardQuery.gunViolence(layer, date.withDayOfYear(1), date)
                                .withGoal(goalPercent),
                        zones);
        Instant endOfDay = date.plusDays(1).atStartOfDay(timeZone).toInstant();
        Instant endOfYesterday = date.atStartOfDay(timeZone).toInstant();
        List<ZoneCard> cards = new ArrayList<>();
        for (String zone : zones) {
            Long open = openAt(layer, zone, date, endOfDay);
            Long openBefore = openAt(layer, zone, date.minusDays(1), endOfYesterday);
            Long overdue = scorecard.day(layer, zone, date).map(ZoneDay::overdueAtEnd).orElse(null);
            Long overdueBefore =
                    scorecard
                            .day(layer, zone, date.minusDays(1))
                            .map(ZoneDay::overdueAtEnd)
                            .orElse(null);
            List<HotCell> hot = hotCells.hot(layer, zone, HOT_CELL_WINDOW_DAYS, endOfDay);
            List<HotCell> before = hotCells.hot(layer, zone, HOT_CELL_WINDOW_DAYS, endOfYesterday);
            Set<String> hotBefore = before.stream().map(HotCell::cell).collect(Collectors.toSet());
            List<ActionItem> items = actionItems.of(layer, zone);
            List<String> changes = new ArrayList<>();
            String incidents = incidents(day.zone(zone).counts(), yesterday.zone(zone).counts());
            if (incidents != null) {
                changes.add(incidents);
            }
            delta("open 311 requests", open, openBefore, changes);
            delta("overdue 311 requests", overdue, overdueBefore, changes);
            List<HotCellView> hotViews = hot.stream().map(c -> view(c, layer)).toList();
            for (HotCellView c : hotViews) {
                if (!hotBefore.contains(c.cell())) {
                    changes.add(cellSentence(c, "turned hot"));
                }
            }
            Set<String> hotNow = hot.stream().map(HotCell::cell).collect(Collectors.toSet());
            before.stream()
                    .filter(c -> !hotNow.contains(c.cell()))
                    .map(c -> view(c, layer))
                    .forEach(c -> changes.add(cellSentence(c, "cooled")));
            for (ActionItem i : items) {
                if (on(i.createdAt(), date)) {
                    changes.add("new action item: " + i.what() + " (" + i.agency() + ")");
                }
                if (i.closedAt() != null && on(i.closedAt(), date)) {
                    changes.add("closed: " + i.what() + " (" + i.agency() + ")");
                }
            }
            if (changes.isEmpty()) {
                changes.add("no change since yesterday");
            }
            cards.add(
                    new ZoneCard(
                            zone,
                            day.zone(zone).counts(),
                            week.zone(zone).counts(),
                            ytd.zone(zone),
                            open,
                            overdue,
                            hotViews,
                            items.stream()
                                    .filter(ActionItem::isOpen)
                                    .filter(i -> !i.createdAt().isAfter(endOfDay))
                                    .map(
                                            i ->
                                                    new ItemView(
                                                            i.id(),
                                                            i.what(),
                                                            i.agency(),
                                                            i.assignee(),
                                                            i.dueDate(),
                                                            i.isOverdue(date)))
                                    .toList(),
                            List.copyOf(changes)));
        }
        return new Huddle(layer, date, goalPercent, withTips, List.copyOf(cards));
    }

    /** A cell on a card of {@code layer}: named by a finer layer's zone where there is one. */
    private HotCellView view(HotCell c, String layer) {
        Places.Place place = places.of(c.lon(), c.lat(), layer).orElse(null);
        return new HotCellView(
                c.cell(),
                place == null ? null : place.zone(),
                place == null ? null : place.layer(),
                c.lon(),
                c.lat(),
                hexagon(c.cell()));
    }

    /** "a cell in Harlem Park turned hot", or by id when the cell lies in no zone. */
    private static String cellSentence(HotCellView c, String what) {
        return (c.place() == null ? "cell " + c.cell() : "a cell in " + c.place()) + " " + what;
    }

    /** The corners of an H3 cell as {@code [lon, lat]}; empty if the id is not an H3 cell. */
    private static List<double[]> hexagon(String cell) {
        if (!H3Binner.h3().isValidCell(cell)) {
            return List.of();
        }
        return H3Binner.h3().cellToBoundary(cell).stream()
                .map(p -> new double[] {round6(p.lng), round6(p.lat)})
                .toList();
    }

    private static double round6(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private Long openAt(String layer, String zone, LocalDate day, Instant end) {
        Long fromStats = scorecard.day(layer, zone, day).map(ZoneDay::openAtEnd).orElse(null);
        return fromStats != null ? fromStats : requests.openIn(layer, zone, end);
    }

    private boolean on(Instant t, LocalDate day) {
        return t.atZone(timeZone).toLocalDate().equals(day);
    }

    /** "1 homicide, 2 shootings (the day before: 0)" for the day's incidents; null if none. */
    private static String incidents(Map<String, Long> today, Map<String, Long> before) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("homicides", "homicide");
        names.put("shootings", "shooting");
        names.put("otherViolent", "other violent incident");
        List<String> parts = new ArrayList<>();
        long totalBefore = 0;
        for (Map.Entry<String, String> e : names.entrySet()) {
            long n = today.getOrDefault(e.getKey(), 0L);
            totalBefore += before.getOrDefault(e.getKey(), 0L);
            if (n > 0) {
                parts.add(n + " " + e.getValue() + (n == 1 ? "" : "s"));
            }
        }
        return parts.isEmpty()
                ? null
                : String.join(", ", parts) + " (the day before: " + totalBefore + ")";
    }

    private static void delta(String what, Long now, Long before, List<String> changes) {
        if (now == null || before == null || now.equals(before)) {
            return;
        }
        long d = now - before;
        changes.add(what + " " + (d > 0 ? "+" : "") + d + " (now " + now + ")");
    }
}
