package org.zonestat.jobs.positions;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.functions.ZoneLayers;

/**
 * The made-up test zones (see {@code zonestat/test-zones/PROVENANCE.md}) and fixes on them, in
 * units of 0.001° from (-76.62, 39.28): focus zones "West" [5,15]², "East" [15,25]×[5,15] and "Box"
 * [10,12]×[25,27] on the layer {@code vri-zones}; districts "South" [0,60]×[0,20] and "North"
 * [0,60]×[20,60].
 */
final class TestTracks {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** 10:00 in Baltimore. */
    static final Instant T0 = Instant.parse("2024-05-06T14:00:00Z");

    static final List<ZoneLayerSpec> LAYERS =
            List.of(
                    new ZoneLayerSpec(
                            "vri-zones",
                            "Focus zones",
                            "classpath:zonestat/test-zones/focus.geojson",
                            "name"),
                    new ZoneLayerSpec(
                            "districts",
                            "Districts",
                            "classpath:zonestat/test-zones/districts.geojson",
                            "name"));

    /** The layers as {@code --layers} takes them. */
    static final String LAYERS_FLAG =
            "vri-zones=classpath:zonestat/test-zones/focus.geojson#name,"
                    + "districts=classpath:zonestat/test-zones/districts.geojson#name";

    private TestTracks() {}

    static double lon(double x) {
        return -76.62 + x * 0.001;
    }

    static double lat(double y) {
        return 39.28 + y * 0.001;
    }

    static Fences fences() {
        return Fences.of(ZoneLayers.initial(LAYERS), 8);
    }

    /** The H3 resolution-8 cell of a point. */
    static String cellAt(double x, double y) {
        return new H3Binner(8).cellAddress(lon(x), lat(y));
    }

    static Position unit(String id, Team team, UnitStatus status, Instant at, double x, double y) {
        return new Position(
                id,
                DeviceKind.UNIT,
                team,
                status,
                List.of("vri-zones:West"),
                at,
                lon(x),
                lat(y),
                Double.NaN,
                Double.NaN);
    }

    static Position patrol(String id, Instant at, double x, double y) {
        return unit(id, Team.PATROL, UnitStatus.AVAILABLE, at, x, y);
    }

    static Position monitored(String id, Instant at, double x, double y) {
        return new Position(
                id,
                DeviceKind.MONITORED,
                null,
                null,
                List.of(),
                at,
                lon(x),
                lat(y),
                Double.NaN,
                Double.NaN);
    }

    static Instant minutes(double m) {
        return T0.plusMillis(Math.round(m * 60_000));
    }
}
