package org.zonestat.console.fieldwork;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zonestat.console.scorecard.Kind;
import org.zonestat.console.scorecard.Scorecard;
import org.zonestat.console.scorecard.ScorecardQuery;
import org.zonestat.console.scorecard.ScorecardStore;
import org.zonestat.console.scorecard.WeeklyReport;

/**
 * The weekly report's inputs against outcomes, per zone of a layer (the CitiStat weekly update):
 * what agencies did in the ISO week (activities by kind, unique outreach contacts) next to what
 * happened (homicides and shootings, 311 closure), each against the same week 52 weeks earlier, the
 * outcomes also against the goal. Patrol dosage is reported when a feed records it; none does yet,
 * so it is null with a note.
 *
 * <p>A pure function of the stores it reads; thread-safe as they are.
 */
public final class InputsOutcomes {
    /** Why the patrol dosage is empty. */
    public static final String PATROL_NOTE =
            "no patrol positions feed: patrol dosage is not recorded for this city";

    private final ScorecardStore scorecard;
    private final ActivityDays activities;

    public InputsOutcomes(ScorecardStore scorecard, ActivityDays activities) {
        this.scorecard = scorecard;
        this.activities = activities;
    }

    /**
     * What one zone did and what happened there in a week, and in the same week a year earlier.
     *
     * @param inputs activity counts by kind, this week
     * @param inputsLastYear the same, 52 weeks earlier
     * @param uniqueContacts distinct outreach contacts this week (and {@code ...LastYear})
     * @param patrolDosageMinutes null: not recorded
     * @param gunViolence homicides + shootings this week
     * @param gunViolenceLastYear the same, 52 weeks earlier
     * @param changePercent the change in percent, null without a base
     * @param target last year's count plus the goal
     * @param metGoal whether this week is at or under the target
     * @param closureRatePercent 311 requests closed / opened this week × 100, null when none opened
     * @param closureRatePercentLastYear the same, 52 weeks earlier
     */
    public record ZoneRow(
            String zone,
            Map<String, Long> inputs,
            Map<String, Long> inputsLastYear,
            long uniqueContacts,
            long uniqueContactsLastYear,
            Long patrolDosageMinutes,
            long gunViolence,
            long gunViolenceLastYear,
            Double changePercent,
            Double target,
            Boolean metGoal,
            Double closureRatePercent,
            Double closureRatePercentLastYear) {}

    /** The section: one row per zone of the layer, in the layer's order. */
    public record Section(
            String layer,
            String week,
            LocalDate from,
            LocalDate to,
            Double goalPercent,
            String patrolNote,
            List<ZoneRow> zones) {}

    public Section build(String layer, List<String> zones, LocalDate monday, Double goalPercent) {
        LocalDate sunday = monday.plusDays(6);
        LocalDate before = monday.minusWeeks(52);
        List<Kind> kinds =
                List.of(Kind.HOMICIDES, Kind.SHOOTINGS, Kind.REQUESTS_OPENED, Kind.REQUESTS_CLOSED);
        Scorecard now =
                scorecard.query(
                        new ScorecardQuery(layer, monday, sunday, kinds, false, null), zones);
        Scorecard then =
                scorecard.query(
                        new ScorecardQuery(layer, before, before.plusDays(6), kinds, false, null),
                        zones);
        List<ZoneRow> rows = new ArrayList<>();
        for (String zone : zones) {
            Map<String, Long> c = now.zone(zone).counts();
            Map<String, Long> p = then.zone(zone).counts();
            long gun = c.get("homicides") + c.get("shootings");
            long gunBefore = p.get("homicides") + p.get("shootings");
            Double target =
                    goalPercent == null
                            ? null
                            : ScorecardStore.round1(gunBefore * (1 + goalPercent / 100.0));
            ActivityDays.Summary did = activities.summary(layer, zone, monday, sunday);
            ActivityDays.Summary didBefore =
                    activities.summary(layer, zone, before, before.plusDays(6));
            rows.add(
                    new ZoneRow(
                            zone,
                            did.activities(),
                            didBefore.activities(),
                            did.uniqueContacts(),
                            didBefore.uniqueContacts(),
                            null,
                            gun,
                            gunBefore,
                            gunBefore == 0
                                    ? null
                                    : ScorecardStore.round1(100.0 * (gun - gunBefore) / gunBefore),
                            target,
                            target == null ? null : gun <= target,
                            closure(c),
                            closure(p)));
        }
        return new Section(
                layer,
                WeeklyReport.weekOf(monday),
                monday,
                sunday,
                goalPercent,
                PATROL_NOTE,
                List.copyOf(rows));
    }

    private static Double closure(Map<String, Long> counts) {
        long opened = counts.get("requestsOpened");
        return opened == 0
                ? null
                : ScorecardStore.round1(100.0 * counts.get("requestsClosed") / opened);
    }
}
