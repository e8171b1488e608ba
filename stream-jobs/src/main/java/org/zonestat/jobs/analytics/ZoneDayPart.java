package org.zonestat.jobs.analytics;

import java.util.Objects;

/**
 * Part of one zone-day's scorecard: the {@link ZoneDayTally} of some of the day's facts, as {@link
 * ZoneDayCombiner} adds them up before the exchange to the daily scorecard window, which adds the
 * parts up ({@link ZoneDayPartMerging}).
 *
 * @param key the (layer, zone) key, as {@link ZoneKey} joins it
 * @param dayStart the start of the local day ({@link LocalDayWindows#windowOf}), epoch ms
 * @param facts how many zone facts the part holds (at least one): what the late output counts
 * @param tally the counts of the facts this part holds; the producer does not touch it once the
 *     part is emitted (the tally is a mutable accumulator, the one field of the record that is not
 *     flat)
 */
public record ZoneDayPart(String key, long dayStart, long facts, ZoneDayTally tally) {
    public ZoneDayPart {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tally, "tally");
        if (facts < 1) {
            throw new IllegalArgumentException("a part holds at least one fact: " + key);
        }
    }
}
