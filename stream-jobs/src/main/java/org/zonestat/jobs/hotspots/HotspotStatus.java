package org.zonestat.jobs.hotspots;

import java.util.Optional;
import org.zonestat.geo.stats.EmergingHotSpotCategory;
import org.zonestat.geo.stats.GiStar;
import org.zonestat.jobs.model.HotspotChangeType;

/**
 * A cell's Gi* status in one window, and the pure rule that turns two consecutive statuses and
 * emerging hot-spot categories into a {@link HotspotChangeType} (or nothing to report).
 */
public enum HotspotStatus {
    HOT,
    COLD,
    NONE;

    /** The status of a Gi* result at a significance level, on q ({@code fdr}) or p. */
    public static HotspotStatus of(GiStar g, double significance, boolean fdr) {
        return g.isHot(significance, fdr) ? HOT : g.isCold(significance, fdr) ? COLD : NONE;
    }

    /**
     * The status of stored z, p, q values, judged exactly like {@link #of(GiStar, double,
     * boolean)}.
     */
    public static HotspotStatus of(double z, double p, double q, double significance, boolean fdr) {
        return of(new GiStar(0, 0, z, p, q), significance, fdr);
    }

    /**
     * What to report for a cell whose status went from {@code before} to {@code now} and whose
     * category from {@code categoryBefore} to {@code category}: hot and cold cells are always
     * reported (TURNED_* or STAYS_*); a cell that stopped being hot or cold is COOLED or WARMED; a
     * cell that is neither, before and now, is RECLASSIFIED if its category changed, else nothing
     * is reported. A cell going straight from hot to cold is TURNED_COLD (and the reverse
     * TURNED_HOT).
     */
    public static Optional<HotspotChangeType> change(
            HotspotStatus before,
            HotspotStatus now,
            EmergingHotSpotCategory categoryBefore,
            EmergingHotSpotCategory category) {
        if (now == HOT) {
            return Optional.of(
                    before == HOT ? HotspotChangeType.STAYS_HOT : HotspotChangeType.TURNED_HOT);
        }
        if (now == COLD) {
            return Optional.of(
                    before == COLD ? HotspotChangeType.STAYS_COLD : HotspotChangeType.TURNED_COLD);
        }
        if (before == HOT) {
            return Optional.of(HotspotChangeType.COOLED);
        }
        if (before == COLD) {
            return Optional.of(HotspotChangeType.WARMED);
        }
        return categoryBefore == category
                ? Optional.empty()
                : Optional.of(HotspotChangeType.RECLASSIFIED);
    }
}
