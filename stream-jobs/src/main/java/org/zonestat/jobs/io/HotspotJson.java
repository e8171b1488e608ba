package org.zonestat.jobs.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotWindowSummary;
import org.zonestat.jobs.model.HotspotZoneCounts;

/**
 * The JSON shapes of the hotspot analytics on the {@code hotspots} topic (beside the risk halos of
 * {@link AnalyticsJson}, {@code "type": "risk-halo"}). Instants are ISO-8601 UTC strings. Every
 * object has a {@code type}:
 *
 * <ul>
 *   <li>{@code "hotspot-cell"} ({@link HotspotChange}): {@code windowDays}, {@code windowStart},
 *       {@code windowEnd}, {@code cell} (H3 address), {@code lon}, {@code lat} (cell centre),
 *       {@code homicides}, {@code shootings}, {@code otherIncidents}, {@code value} (the count Gi*
 *       used), {@code z}, {@code p}, {@code q}, {@code status} ({@code HOT}, {@code COLD}, {@code
 *       NONE}), {@code category} and {@code previousCategory} (emerging hot-spot category names,
 *       e.g. {@code NEW_HOT_SPOT}), {@code change} ({@code TURNED_HOT}, {@code STAYS_HOT}, {@code
 *       COOLED}, {@code TURNED_COLD}, {@code STAYS_COLD}, {@code WARMED}, {@code RECLASSIFIED});
 *       key {@code <windowDays>d/<cell>}.
 *   <li>{@code "hotspot-window"} ({@link HotspotWindowSummary}): {@code windowDays}, {@code
 *       windowStart}, {@code windowEnd}, {@code studyAreaCells}, {@code activeCells}, {@code
 *       value}, {@code outsideValue}, {@code hotCells}, {@code coldCells}, {@code turnedHot},
 *       {@code cooled}; key {@code <windowDays>d/summary}.
 *   <li>{@code "zone-window-counts"} ({@link HotspotZoneCounts}): {@code windowDays}, {@code
 *       windowStart}, {@code windowEnd}, {@code layer}, {@code zone}, {@code homicides}, {@code
 *       shootings}, {@code gunViolence} (their sum), {@code aggravatedAssaults}, {@code robberies},
 *       {@code otherViolent}, {@code other}; key {@code <windowDays>d/<layer>/<zone>}.
 * </ul>
 *
 * z, p and q are rounded to 4 significant decimals for z and 6 for p and q (p and q under 1e-6 are
 * written as they are).
 *
 * <p>Thread-safe (a shared, never reconfigured {@link ObjectMapper}).
 */
public final class HotspotJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HotspotJson() {}

    public static ObjectNode toJson(HotspotChange c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "hotspot-cell");
        n.put("windowDays", c.windowDays());
        n.put("windowStart", c.windowStart().toString());
        n.put("windowEnd", c.windowEnd().toString());
        n.put("cell", c.cell());
        n.put("lon", c.lon());
        n.put("lat", c.lat());
        n.put("homicides", c.homicides());
        n.put("shootings", c.shootings());
        n.put("otherIncidents", c.otherIncidents());
        n.put("value", c.value());
        n.put("z", round(c.z(), 1e4));
        n.put("p", probability(c.p()));
        n.put("q", probability(c.q()));
        n.put("status", c.status());
        n.put("category", c.category());
        n.put("previousCategory", c.previousCategory());
        n.put("change", c.change().name());
        return n;
    }

    public static ObjectNode toJson(HotspotWindowSummary s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "hotspot-window");
        n.put("windowDays", s.windowDays());
        n.put("windowStart", s.windowStart().toString());
        n.put("windowEnd", s.windowEnd().toString());
        n.put("studyAreaCells", s.studyAreaCells());
        n.put("activeCells", s.activeCells());
        n.put("value", s.value());
        n.put("outsideValue", s.outsideValue());
        n.put("hotCells", s.hotCells());
        n.put("coldCells", s.coldCells());
        n.put("turnedHot", s.turnedHot());
        n.put("cooled", s.cooled());
        return n;
    }

    public static ObjectNode toJson(HotspotZoneCounts z) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "zone-window-counts");
        n.put("windowDays", z.windowDays());
        n.put("windowStart", z.windowStart().toString());
        n.put("windowEnd", z.windowEnd().toString());
        n.put("layer", z.layer());
        n.put("zone", z.zone());
        n.put("homicides", z.homicides());
        n.put("shootings", z.shootings());
        n.put("gunViolence", z.gunViolence());
        n.put("aggravatedAssaults", z.aggravatedAssaults());
        n.put("robberies", z.robberies());
        n.put("otherViolent", z.otherViolent());
        n.put("other", z.other());
        return n;
    }

    public static String key(HotspotChange c) {
        return c.key();
    }

    public static String key(HotspotWindowSummary s) {
        return s.key();
    }

    public static String key(HotspotZoneCounts z) {
        return z.windowDays() + "d/" + z.layer() + "/" + z.zone();
    }

    private static double round(double x, double scale) {
        return Math.round(x * scale) / scale;
    }

    private static double probability(double p) {
        return p < 1e-6 ? p : round(p, 1e6);
    }
}
