package org.zonestat.jobs.model;

/**
 * How a cell's Gi* status moved from one window close to the next (same window length, one day
 * apart). The status of a window is HOT (z &gt; 0, significant), COLD (z &lt; 0, significant) or
 * neither; "previous" is the window that closed one day earlier (neither, for a cell never seen).
 */
public enum HotspotChangeType {
    /** Hot now, not hot before. */
    TURNED_HOT,
    /** Hot now and before (emitted every window, so the console can draw the current hot cells). */
    STAYS_HOT,
    /** Not hot now, hot before (and not cold now). */
    COOLED,
    /** Cold now, not cold before. */
    TURNED_COLD,
    /** Cold now and before. */
    STAYS_COLD,
    /** Not cold now, cold before (and not hot now). */
    WARMED,
    /** Status unchanged and neither hot nor cold, but the emerging hot-spot category changed. */
    RECLASSIFIED
}
