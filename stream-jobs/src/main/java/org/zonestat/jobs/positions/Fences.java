package org.zonestat.jobs.positions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.ZoneLocator;
import org.zonestat.geo.fence.H3CellFence;
import org.zonestat.geo.fence.LayerFences;
import org.zonestat.geo.fence.LonLat;
import org.zonestat.jobs.functions.ZoneLayers;

/**
 * The fences in force for the tracker: every zone layer (the configured ones with the {@code zones}
 * topic's updates) and the current hot cells. Changing either makes a new object.
 *
 * <p>Immutable and thread-safe.
 */
public final class Fences {
    private final ZoneLayers layers;
    private final List<String> layerIds;
    private final List<LayerFences> fences;
    private final Map<String, H3CellFence> hotCells;
    private final H3Binner binner;

    private Fences(
            ZoneLayers layers,
            List<LayerFences> fences,
            Map<String, H3CellFence> hotCells,
            H3Binner binner) {
        this.layers = layers;
        this.layerIds = layers.layerIds();
        this.fences = fences;
        this.hotCells = Collections.unmodifiableMap(hotCells);
        this.binner = binner;
    }

    /** The layers' zones and no hot cells; hot cells are H3 cells of {@code cellResolution}. */
    public static Fences of(ZoneLayers layers, int cellResolution) {
        return new Fences(
                layers, layerFences(layers), new LinkedHashMap<>(), new H3Binner(cellResolution));
    }

    private static List<LayerFences> layerFences(ZoneLayers layers) {
        List<LayerFences> out = new ArrayList<>();
        for (String id : layers.layerIds()) {
            ZoneLocator locator = layers.catalog().locator(id).orElseThrow();
            out.add(new LayerFences(locator));
        }
        return List.copyOf(out);
    }

    /** These fences with other zone layers. */
    public Fences withLayers(ZoneLayers next) {
        return new Fences(next, layerFences(next), new LinkedHashMap<>(hotCells), binner);
    }

    /** These fences with exactly the given hot cells (H3 addresses). */
    public Fences withHotCells(Iterable<String> cells) {
        Map<String, H3CellFence> next = new LinkedHashMap<>();
        for (String c : cells) {
            H3CellFence existing = hotCells.get(c);
            next.put(c, existing != null ? existing : new H3CellFence(c));
        }
        return new Fences(layers, fences, next, binner);
    }

    /** The layer ids, in layer order. */
    public List<String> layerIds() {
        return layerIds;
    }

    /** Layer {@code i}'s zones as fences. */
    public LayerFences layer(int i) {
        return fences.get(i);
    }

    /** The version of each layer, by id. */
    public Map<String, Integer> versions() {
        return layers.versions();
    }

    /** Layer id to zone name for every layer the point lies in a zone of. */
    public Map<String, String> zonesAt(LonLat p) {
        return layers.tag(p.lon(), p.lat());
    }

    /** The hot cell the point is inside, or null. */
    public H3CellFence hotCellAt(LonLat p) {
        if (hotCells.isEmpty()) {
            return null;
        }
        return hotCells.get(binner.cellAddress(p.lon(), p.lat()));
    }

    /** The hot cell with this address, or null when it is not hot. */
    public H3CellFence hotCell(String address) {
        return hotCells.get(address);
    }

    /**
     * The hot cells whose hexagon's box meets the segment's box: a superset of those it crosses.
     */
    public List<H3CellFence> hotCellCandidates(LonLat a, LonLat b) {
        List<H3CellFence> out = new ArrayList<>();
        double minLon = Math.min(a.lon(), b.lon());
        double maxLon = Math.max(a.lon(), b.lon());
        double minLat = Math.min(a.lat(), b.lat());
        double maxLat = Math.max(a.lat(), b.lat());
        for (H3CellFence c : hotCells.values()) {
            if (c.mayMeet(minLon, minLat, maxLon, maxLat)) {
                out.add(c);
            }
        }
        return out;
    }
}
