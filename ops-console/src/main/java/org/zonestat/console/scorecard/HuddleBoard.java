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
import org.zonestat.topics.ActionItem;

/**
 * Builds the huddle wall's zone cards for one local day ("today" of the huddle): the day itself
 * (the scorecard is daily, so "last 24 h" is the latest complete day), the last 7 days, the year to
 * date against the same dates last year and the goal, open and overdue 311 work, hot cells, open
 * action items, and what changed since the previous day's huddle.
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
    private final ZoneId timeZone;

    public HuddleBoard(
            ScorecardStore scorecard,
            HotCells hotCells,
            ActionItemStore actionItems,
            Open311Requests requests,
            ZoneId timeZone) {
        this.scorecard = scorecard;
        this.hotCells = hotCells;
        this.actionItems = actionItems;
        this.requests = requests;
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
     * @param hotCells H3 cells of the zone that are hot in the latest 7-day window
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
            List<String> hotCells,
            List<ItemView> actionItems,
            List<String> changes) {}

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
            Set<String> hotBefore =
                    hotCells.hot(layer, zone, HOT_CELL_WINDOW_DAYS, endOfYesterday).stream()
                            .map(HotCell::cell)
                            .collect(Collectors.toSet());
            List<ActionItem> items = actionItems.of(layer, zone);
            List<String> changes = new ArrayList<>();
            String incidents = incidents(day.zone(zone).counts(), yesterday.zone(zone).counts());
            if (incidents != null) {
                changes.add(incidents);
            }
            delta("open 311 requests", open, openBefore, changes);
            delta("overdue 311 requests", overdue, overdueBefore, changes);
            for (HotCell c : hot) {
                if (!hotBefore.contains(c.cell())) {
                    changes.add("cell " + c.cell() + " turned hot");
                }
            }
            Set<String> hotNow = hot.stream().map(HotCell::cell).collect(Collectors.toSet());
            hotBefore.stream()
                    .filter(c -> !hotNow.contains(c))
                    .sorted()
                    .forEach(c -> changes.add("cell " + c + " cooled"));
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
                            hot.stream().map(HotCell::cell).toList(),
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
