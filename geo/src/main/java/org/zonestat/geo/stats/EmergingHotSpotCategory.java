package org.zonestat.geo.stats;

/**
 * ESRI's emerging hot-spot categories ("How Emerging Hot Spot Analysis works", ArcGIS Pro
 * documentation), for hot spots and, mirrored, for cold spots; see {@link
 * EmergingHotSpotClassifier} for the exact rules.
 */
public enum EmergingHotSpotCategory {
    NEW_HOT_SPOT,
    CONSECUTIVE_HOT_SPOT,
    INTENSIFYING_HOT_SPOT,
    PERSISTENT_HOT_SPOT,
    DIMINISHING_HOT_SPOT,
    SPORADIC_HOT_SPOT,
    OSCILLATING_HOT_SPOT,
    HISTORICAL_HOT_SPOT,
    NEW_COLD_SPOT,
    CONSECUTIVE_COLD_SPOT,
    INTENSIFYING_COLD_SPOT,
    PERSISTENT_COLD_SPOT,
    DIMINISHING_COLD_SPOT,
    SPORADIC_COLD_SPOT,
    OSCILLATING_COLD_SPOT,
    HISTORICAL_COLD_SPOT,
    NO_PATTERN
}
