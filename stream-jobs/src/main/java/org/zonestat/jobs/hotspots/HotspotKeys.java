package org.zonestat.jobs.hotspots;

import org.apache.flink.api.java.functions.KeySelector;
import org.zonestat.jobs.model.HotspotDayCounts;

/**
 * The key selectors of the hotspot graph. Scope and key are joined by the ASCII unit separator,
 * which no layer id, zone name or H3 address contains.
 */
public final class HotspotKeys {
    static final char SEPARATOR = '\u001f';

    private HotspotKeys() {}

    /** Keys day parts by (scope, key): one H3 cell, or one zone of one layer. */
    public static final class PartScope implements KeySelector<HotspotDayPart, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(HotspotDayPart p) {
            return p.scope() + SEPARATOR + p.key();
        }
    }

    /** Keys day counts by (scope, key). */
    public static final class DayScope implements KeySelector<HotspotDayCounts, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(HotspotDayCounts d) {
            return d.scope() + SEPARATOR + d.key();
        }
    }

    /** Keys routed cell-day counts by their window length: one Gi* computation per length. */
    public static final class WindowLength implements KeySelector<HotspotDayCounts, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(HotspotDayCounts d) {
            return d.windowDays();
        }
    }
}
