package org.zonestat.console.scorecard;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zonestat.topics.ActionItem;

/**
 * The weekly performance report of one zone (the CitiStat weekly update): the ISO week's counts
 * against the same week a year earlier (52 weeks before, so weekdays line up) and the goal, the
 * year to date, 311 closure, the zone's action items, and gun violence per week over the 52 weeks
 * ending with the report's week.
 *
 * <p>A pure function of the stores it reads; thread-safe as they are.
 */
public final class WeeklyReport {
    /** Weeks in the trend chart, the report's own included. */
    public static final int TREND_WEEKS = 52;

    private static final List<Kind> WEEK_KINDS =
            List.of(
                    Kind.HOMICIDES,
                    Kind.SHOOTINGS,
                    Kind.OTHER_VIOLENT,
                    Kind.REQUESTS_OPENED,
                    Kind.REQUESTS_CLOSED,
                    Kind.REQUESTS_OVERDUE);

    private final ScorecardStore scorecard;
    private final ActionItemStore actionItems;
    private final ZoneId timeZone;

    public WeeklyReport(ScorecardStore scorecard, ActionItemStore actionItems, ZoneId timeZone) {
        this.scorecard = scorecard;
        this.actionItems = actionItems;
        this.timeZone = timeZone;
    }

    /**
     * The report.
     *
     * @param week e.g. {@code 2018-W27}
     * @param from its Monday
     * @param to its Sunday
     * @param counts the week's counts by kind field ({@code requestsOverdue} null for records
     *     without it)
     * @param lastYear the same for the week 52 weeks earlier
     * @param gunViolence homicides + shootings this week against the same week last year and the
     *     goal
     * @param yearToDate homicides + shootings, Jan 1 to Sunday, against last year and the goal
     * @param closureRatePercent requests closed / requests opened this week × 100, rounded to 0.1,
     *     or null when none were opened
     * @param openAtEnd open 311 requests at the end of the week, or null if unknown
     * @param actionItems the zone's items open at the end of the week or closed during it
     * @param trend one point per week, oldest first
     */
    public record Report(
            String layer,
            String zone,
            String week,
            LocalDate from,
            LocalDate to,
            Double goalPercent,
            Map<String, Long> counts,
            Map<String, Long> lastYear,
            Scorecard.ZoneScore gunViolence,
            Scorecard.ZoneScore yearToDate,
            Double closureRatePercent,
            Long openAtEnd,
            List<ActionItem> actionItems,
            List<WeekPoint> trend) {}

    /** Homicides + shootings in one ISO week. */
    public record WeekPoint(String week, LocalDate from, long gunViolence) {}

    /** {@code 2018-W27} for a date in that ISO week. */
    public static String weekOf(LocalDate date) {
        return String.format(
                "%d-W%02d",
                date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The Monday of an ISO week written {@code 2018-W27}; throws if it is not one. */
    public static LocalDate monday(String isoWeek) {
        if (!isoWeek.matches("\\d{4}-W\\d{2}")) {
            throw new IllegalArgumentException("not an ISO week like 2018-W27");
        }
        int year = Integer.parseInt(isoWeek.substring(0, 4));
        int week = Integer.parseInt(isoWeek.substring(6));
        LocalDate jan4 = LocalDate.of(year, 1, 4);
        long weeksInYear = jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeksInYear) {
            throw new IllegalArgumentException(year + " has weeks 1 to " + weeksInYear);
        }
        return jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    public Report build(String layer, String zone, LocalDate monday, Double goalPercent) {
        LocalDate sunday = monday.plusDays(6);
        List<String> zones = List.of(zone);
        Scorecard week =
                scorecard.query(
                        new ScorecardQuery(layer, monday, sunday, WEEK_KINDS, false, null), zones);
        Scorecard before =
                scorecard.query(
                        new ScorecardQuery(
                                layer,
                                monday.minusWeeks(52),
                                sunday.minusWeeks(52),
                                WEEK_KINDS,
                                false,
                                null),
                        zones);
        Scorecard.ZoneScore gun = yearAgo(layer, zone, monday, sunday, goalPercent);
        Scorecard.ZoneScore ytd =
                scorecard
                        .query(
                                ScorecardQuery.gunViolence(layer, sunday.withDayOfYear(1), sunday)
                                        .withGoal(goalPercent),
                                zones)
                        .zone(zone);
        Map<String, Long> counts = week.zone(zone).counts();
        long opened = counts.get(Kind.REQUESTS_OPENED.field());
        long closed = counts.get(Kind.REQUESTS_CLOSED.field());
        Double closure = opened == 0 ? null : ScorecardStore.round1(100.0 * closed / opened);
        Long openAtEnd = scorecard.day(layer, zone, sunday).map(ZoneDay::openAtEnd).orElse(null);
        Instant endOfWeek = sunday.plusDays(1).atStartOfDay(timeZone).toInstant();
        Instant startOfWeek = monday.atStartOfDay(timeZone).toInstant();
        List<ActionItem> items =
                actionItems.of(layer, zone).stream()
                        .filter(i -> i.createdAt().isBefore(endOfWeek))
                        .filter(i -> i.closedAt() == null || !i.closedAt().isBefore(startOfWeek))
                        .toList();
        List<WeekPoint> trend = new ArrayList<>();
        for (int w = TREND_WEEKS - 1; w >= 0; w--) {
            LocalDate m = monday.minusWeeks(w);
            long n =
                    scorecard
                            .query(ScorecardQuery.gunViolence(layer, m, m.plusDays(6)), zones)
                            .zone(zone)
                            .total();
            trend.add(new WeekPoint(weekOf(m), m, n));
        }
        return new Report(
                layer,
                zone,
                weekOf(monday),
                monday,
                sunday,
                goalPercent,
                counts,
                before.zone(zone).counts(),
                gun,
                ytd,
                closure,
                openAtEnd,
                items,
                List.copyOf(trend));
    }

    /** Gun violence this week against the week 52 weeks earlier (not the calendar year). */
    private Scorecard.ZoneScore yearAgo(
            String layer, String zone, LocalDate monday, LocalDate sunday, Double goalPercent) {
        Scorecard.ZoneScore current =
                scorecard
                        .query(ScorecardQuery.gunViolence(layer, monday, sunday), List.of(zone))
                        .zone(zone);
        long now = current.total();
        LocalDate m = monday.minusWeeks(52);
        Scorecard.ZoneScore base =
                scorecard
                        .query(ScorecardQuery.gunViolence(layer, m, m.plusDays(6)), List.of(zone))
                        .zone(zone);
        long prev = base.total();
        Double target =
                goalPercent == null
                        ? null
                        : ScorecardStore.round1(prev * (1 + goalPercent / 100.0));
        return new Scorecard.ZoneScore(
                zone,
                current.days(),
                current.counts(),
                now,
                base.counts(),
                prev,
                now - prev,
                prev == 0 ? null : ScorecardStore.round1(100.0 * (now - prev) / prev),
                target,
                target == null ? null : now <= target);
    }
}
