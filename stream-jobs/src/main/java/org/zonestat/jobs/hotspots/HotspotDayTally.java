package org.zonestat.jobs.hotspots;

/**
 * The running counts by kind of one counting scope (an H3 cell or a zone) on one local day: the
 * accumulator of {@code hotspot-day-counts}, so that the window keeps a few numbers per scope and
 * day instead of every fact. A Flink POJO (public fields, no-argument constructor), mutable like
 * any accumulator.
 */
public final class HotspotDayTally {
    /** The scope and key of the facts counted (null before the first). */
    public String scope;

    public String key;
    public long homicides;
    public long shootings;
    public long aggravatedAssaults;
    public long robberies;
    public long otherViolent;
    public long other;

    public HotspotDayTally() {}
}
