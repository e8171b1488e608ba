package org.zonestat.console.scorecard;

import java.util.List;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * Patrol and outreach presence in a zone over some days: minutes, visits begun and, of those,
 * visits of at least 10 minutes; from the dosage fields of {@code zone-stats} (absent fields, in
 * days no unit visited or written before units were tracked, count as none).
 *
 * <p>Immutable and thread-safe.
 *
 * @param patrolMinutes minutes police units were inside, rounded to 0.1
 * @param patrolVisits police unit visits begun
 * @param patrolLongVisits of those, visits of at least 10 minutes
 * @param outreachMinutes minutes outreach workers were inside, rounded to 0.1
 * @param outreachVisits outreach visits begun
 * @param outreachLongVisits of those, visits of at least 10 minutes
 */
public record Dosage(
        double patrolMinutes,
        long patrolVisits,
        long patrolLongVisits,
        double outreachMinutes,
        long outreachVisits,
        long outreachLongVisits) {

    /** No unit was there. */
    public static final Dosage NONE = new Dosage(0, 0, 0, 0, 0, 0);

    public Dosage {
        patrolMinutes = ScorecardStore.round1(patrolMinutes);
        outreachMinutes = ScorecardStore.round1(outreachMinutes);
    }

    /** The dosage of one {@code zone-stats} message. */
    public static Dosage of(ZoneStatsMessage m) {
        if (m.patrolMinutes() == null
                && m.patrolVisits() == null
                && m.outreachMinutes() == null
                && m.outreachVisits() == null) {
            return NONE;
        }
        return new Dosage(
                zero(m.patrolMinutes()),
                zero(m.patrolVisits()),
                zero(m.patrolLongVisits()),
                zero(m.outreachMinutes()),
                zero(m.outreachVisits()),
                zero(m.outreachLongVisits()));
    }

    /** The sum over the days. */
    public static Dosage sum(List<ZoneDay> days) {
        Dosage total = NONE;
        for (ZoneDay d : days) {
            total = total.plus(d.dosage());
        }
        return total;
    }

    public Dosage plus(Dosage o) {
        return new Dosage(
                patrolMinutes + o.patrolMinutes,
                patrolVisits + o.patrolVisits,
                patrolLongVisits + o.patrolLongVisits,
                outreachMinutes + o.outreachMinutes,
                outreachVisits + o.outreachVisits,
                outreachLongVisits + o.outreachLongVisits);
    }

    private static double zero(Double d) {
        return d == null ? 0 : d;
    }

    private static long zero(Long n) {
        return n == null ? 0 : n;
    }
}
