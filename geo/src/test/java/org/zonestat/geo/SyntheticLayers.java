package org.zonestat.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Small hand-made layers placed in Baltimore, in "units" of 0.0005 degrees (about 45 m by 55 m), so
 * that the locators' default cells are much smaller than the zones.
 */
final class SyntheticLayers {
    static final double ORIGIN_LON = -76.62;
    static final double ORIGIN_LAT = 39.28;
    static final double UNIT = 0.0005;

    private SyntheticLayers() {}

    /** Longitude of unit x. Points and vertices computed the same way coincide exactly. */
    static double x(double units) {
        return ORIGIN_LON + units * UNIT;
    }

    static double y(double units) {
        return ORIGIN_LAT + units * UNIT;
    }

    /**
     * Zones, in index order:
     *
     * <ol start="0">
     *   <li>"west": square [0,10]x[0,10] with a hole [4,6]x[4,6];
     *   <li>"east": square [10,20]x[0,10], sharing the edge x=10 with west;
     *   <li>"overlap": square [5,15]x[5,15], overlapping west, east and half of west's hole;
     *   <li>"islands": two squares [30,31]x[0,1] and [32,33]x[0,1] (a MultiPolygon);
     *   <li>"triangle": (0,20) (10,20) (0,30), with a diagonal edge.
     * </ol>
     */
    static ZoneLayer edgesHolesAndOverlaps() {
        List<Zone> zones = new ArrayList<>();
        zones.add(
                zone(
                        zones.size(),
                        "west",
                        "POLYGON ((%s, %s, %s, %s, %s), (%s, %s, %s, %s, %s))",
                        0,
                        0,
                        10,
                        0,
                        10,
                        10,
                        0,
                        10,
                        0,
                        0,
                        4,
                        4,
                        4,
                        6,
                        6,
                        6,
                        6,
                        4,
                        4,
                        4));
        zones.add(
                zone(
                        zones.size(),
                        "east",
                        "POLYGON ((%s, %s, %s, %s, %s))",
                        10,
                        0,
                        20,
                        0,
                        20,
                        10,
                        10,
                        10,
                        10,
                        0));
        zones.add(
                zone(
                        zones.size(),
                        "overlap",
                        "POLYGON ((%s, %s, %s, %s, %s))",
                        5,
                        5,
                        15,
                        5,
                        15,
                        15,
                        5,
                        15,
                        5,
                        5));
        zones.add(
                zone(
                        zones.size(),
                        "islands",
                        "MULTIPOLYGON (((%s, %s, %s, %s, %s)), ((%s, %s, %s, %s, %s)))",
                        30,
                        0,
                        31,
                        0,
                        31,
                        1,
                        30,
                        1,
                        30,
                        0,
                        32,
                        0,
                        33,
                        0,
                        33,
                        1,
                        32,
                        1,
                        32,
                        0));
        zones.add(
                zone(
                        zones.size(),
                        "triangle",
                        "POLYGON ((%s, %s, %s, %s))",
                        0,
                        20,
                        10,
                        20,
                        0,
                        30,
                        0,
                        20));
        return new ZoneLayer("synthetic", "Synthetic", "name", zones);
    }

    private static Zone zone(int index, String name, String wktPattern, double... units) {
        Object[] coords = new Object[units.length / 2];
        for (int i = 0; i < coords.length; i++) {
            coords[i] = x(units[2 * i]) + " " + y(units[2 * i + 1]);
        }
        try {
            Geometry g = new WKTReader().read(String.format(wktPattern, coords));
            return new Zone(index, name, g, Map.of("name", name));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
