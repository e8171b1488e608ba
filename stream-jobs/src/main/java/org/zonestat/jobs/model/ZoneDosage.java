package org.zonestat.jobs.model;

/**
 * A zone's patrol and outreach dosage for one local day: minutes of unit presence, visits begun
 * and, of those, visits of at least the long-visit length (10 minutes by default).
 *
 * @param patrolMinutes minutes police units were inside the zone
 * @param patrolVisits police unit visits begun that day
 * @param patrolLongVisits of those, the long ones
 * @param outreachMinutes minutes outreach workers were inside the zone
 * @param outreachVisits outreach visits begun that day
 * @param outreachLongVisits of those, the long ones
 */
public record ZoneDosage(
        double patrolMinutes,
        long patrolVisits,
        long patrolLongVisits,
        double outreachMinutes,
        long outreachVisits,
        long outreachLongVisits) {

    /** No unit was there. */
    public static final ZoneDosage NONE = new ZoneDosage(0, 0, 0, 0, 0, 0);

    /** Whether no unit was there at all. */
    public boolean isEmpty() {
        return patrolMinutes == 0
                && patrolVisits == 0
                && patrolLongVisits == 0
                && outreachMinutes == 0
                && outreachVisits == 0
                && outreachLongVisits == 0;
    }
}
