package org.zonestat.jobs.analytics;

/**
 * Adds the {@link ZoneDayPart}s of one zone and day into one {@link ZoneDayTally}: the same tally
 * {@link ZoneDayTallying} makes of the day's facts one by one (sums, the highest layer version, the
 * days to close of every closed request, merged contact sketches). Copies out of each part, so a
 * part deserialized into a reused object does not alias the accumulator. Stateless.
 */
public final class ZoneDayPartMerging extends ZoneDayTallyAggregate<ZoneDayPart> {
    private static final long serialVersionUID = 1L;

    @Override
    public ZoneDayTally add(ZoneDayPart part, ZoneDayTally t) {
        t.addAll(part.tally());
        return t;
    }
}
