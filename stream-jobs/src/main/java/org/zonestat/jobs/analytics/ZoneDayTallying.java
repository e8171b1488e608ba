package org.zonestat.jobs.analytics;

import org.zonestat.jobs.model.ZoneFact;

/**
 * Adds each {@link ZoneFact} of one zone and day to its {@link ZoneDayTally}. Every fact counts:
 * the tagged stream carries each event once (redeliveries end at {@code dedupe-and-tag}), and the
 * lifecycle's workload facts are emitted once per change. Stateless.
 */
public final class ZoneDayTallying extends ZoneDayTallyAggregate<ZoneFact> {
    private static final long serialVersionUID = 1L;

    @Override
    public ZoneDayTally add(ZoneFact f, ZoneDayTally t) {
        switch (f.measure()) {
            case HOMICIDE -> t.homicides++;
            case SHOOTING -> t.shootings++;
            case OTHER_VIOLENT -> t.otherViolent++;
            case REQUEST_OPENED -> t.requestsOpened++;
            case REQUEST_CLOSED -> t.requestsClosed++;
            case TIP -> t.tips++;
            case REQUEST_OVERDUE -> t.requestsOverdue++;
            case OPEN_CHANGE -> t.openChange += (long) f.value();
            case OVERDUE_CHANGE -> t.overdueChange += (long) f.value();
            case DAYS_TO_CLOSE -> t.addDaysToClose(f.value());
            case PATROL_MINUTES -> t.patrolMinutes += f.value();
            case PATROL_VISIT -> t.patrolVisits++;
            case PATROL_LONG_VISIT -> t.patrolLongVisits++;
            case OUTREACH_MINUTES -> t.outreachMinutes += f.value();
            case OUTREACH_VISIT -> t.outreachVisits++;
            case OUTREACH_LONG_VISIT -> t.outreachLongVisits++;
            case ACTIVITY -> t.addActivity(f.detail(), (long) f.value());
            case CONTACT -> t.addContact(f.detail());
        }
        t.layerVersion = Math.max(t.layerVersion, f.layerVersion());
        return t;
    }
}
