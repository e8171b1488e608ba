package org.zonestat.jobs.analytics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.zonestat.jobs.model.ZoneDosage;
import org.zonestat.topics.ContactSketch;

/**
 * The running counts of one zone and local day: the accumulator of the daily scorecard window, so
 * the window keeps a few numbers per zone and day rather than every fact. A Flink POJO (public
 * fields, no-argument constructor), mutable like any accumulator.
 */
public final class ZoneDayTally {
    public long homicides;
    public long shootings;
    public long otherViolent;
    public long requestsOpened;
    public long requestsClosed;
    public long tips;
    public long requestsOverdue;
    public long openChange;
    public long overdueChange;
    public double patrolMinutes;
    public long patrolVisits;
    public long patrolLongVisits;
    public double outreachMinutes;
    public long outreachVisits;
    public long outreachLongVisits;

    /** Days open of the requests closed that day. */
    public double[] daysToClose = new double[0];

    /** The highest layer version among the day's facts (0: none recorded). */
    public int layerVersion;

    /** Activity kind to the sum of the counts of the day's activities of that kind. */
    public Map<String, Long> activities = new HashMap<>();

    /** The registers of the day's unique-contact sketch; null until a contact with a token. */
    public byte[] contacts;

    public ZoneDayTally() {}

    /** The median of {@link #daysToClose}; NaN when no request closed. */
    public double medianDaysToClose() {
        if (daysToClose.length == 0) {
            return Double.NaN;
        }
        double[] sorted = daysToClose.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The day's patrol and outreach dosage. */
    public ZoneDosage dosage() {
        return new ZoneDosage(
                patrolMinutes,
                patrolVisits,
                patrolLongVisits,
                outreachMinutes,
                outreachVisits,
                outreachLongVisits);
    }

    void addDaysToClose(double days) {
        daysToClose = Arrays.copyOf(daysToClose, daysToClose.length + 1);
        daysToClose[daysToClose.length - 1] = days;
    }

    void addActivity(String kind, long count) {
        activities.merge(kind, count, Long::sum);
    }

    void addContact(String token) {
        if (contacts == null) {
            contacts = ContactSketch.empty().registers();
        }
        ContactSketch.wrap(contacts).add(token);
    }

    void addAll(ZoneDayTally o) {
        o.activities.forEach(this::addActivity);
        if (o.contacts != null) {
            if (contacts == null) {
                contacts = ContactSketch.empty().registers();
            }
            ContactSketch.wrap(contacts).merge(ContactSketch.wrap(o.contacts));
        }
        homicides += o.homicides;
        shootings += o.shootings;
        otherViolent += o.otherViolent;
        requestsOpened += o.requestsOpened;
        requestsClosed += o.requestsClosed;
        tips += o.tips;
        requestsOverdue += o.requestsOverdue;
        openChange += o.openChange;
        overdueChange += o.overdueChange;
        patrolMinutes += o.patrolMinutes;
        patrolVisits += o.patrolVisits;
        patrolLongVisits += o.patrolLongVisits;
        outreachMinutes += o.outreachMinutes;
        outreachVisits += o.outreachVisits;
        outreachLongVisits += o.outreachLongVisits;
        layerVersion = Math.max(layerVersion, o.layerVersion);
        for (double d : o.daysToClose) {
            addDaysToClose(d);
        }
    }
}
