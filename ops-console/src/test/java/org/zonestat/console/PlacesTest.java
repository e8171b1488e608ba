package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.zonestat.console.Places.Place;
import org.zonestat.geo.StrTreeZoneLocator;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;

/** Naming a point by the finest layer's zone, on small hand-made layers. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PlacesTest {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** One zone per square, each {@code [x, y, side]} in degrees. */
    private static ZoneLayer layer(String id, Map<String, double[]> squares) {
        List<Zone> zones = new ArrayList<>();
        squares.forEach(
                (name, s) ->
                        zones.add(
                                new Zone(
                                        zones.size(),
                                        name,
                                        GEOMETRY.createPolygon(
                                                new Coordinate[] {
                                                    new Coordinate(s[0], s[1]),
                                                    new Coordinate(s[0] + s[2], s[1]),
                                                    new Coordinate(s[0] + s[2], s[1] + s[2]),
                                                    new Coordinate(s[0], s[1] + s[2]),
                                                    new Coordinate(s[0], s[1])
                                                }),
                                        Map.of())));
        return new ZoneLayer(id, id, "name", zones);
    }

    private static ZoneCatalog catalog(ZoneLayer... layers) {
        List<ZoneLocator> locators = new ArrayList<>();
        for (ZoneLayer l : layers) {
            locators.add(new StrTreeZoneLocator(l));
        }
        return ZoneCatalog.of(locators);
    }

    // A district covering [0, 4]², a focus zone [1, 2.5]² in it, neighborhoods of side 1 on [0,
    // 2]².
    private static final ZoneLayer DISTRICTS =
            layer("districts", Map.of("D1", new double[] {0, 0, 4}));
    private static final ZoneLayer FOCUS = layer("focus", Map.of("F1", new double[] {1, 1, 1.5}));
    private static final ZoneLayer HOODS =
            layer(
                    "hoods",
                    Map.of(
                            "H00", new double[] {0, 0, 1},
                            "H10", new double[] {1, 0, 1},
                            "H01", new double[] {0, 1, 1},
                            "H11", new double[] {1, 1, 1}));

    @Test
    void a_point_is_named_by_the_finest_layer_that_has_a_zone_there() {
        Places places = new Places(() -> catalog(DISTRICTS, FOCUS, HOODS));

        assertThat(places.of(1.5, 1.5, null)).contains(new Place("hoods", "H11"));
        assertThat(places.of(3.5, 3.5, null)).contains(new Place("districts", "D1"));
        assertThat(places.of(9, 9, null)).isEmpty();
    }

    @Test
    void a_point_on_a_zones_card_is_named_by_another_layer_else_by_that_zone() {
        Places places = new Places(() -> catalog(FOCUS, HOODS));

        assertThat(places.of(1.5, 1.5, "focus")).contains(new Place("hoods", "H11"));
        assertThat(places.of(1.5, 1.5, "hoods")).contains(new Place("focus", "F1"));
        Places alone = new Places(() -> catalog(FOCUS));
        assertThat(alone.of(1.5, 1.5, "focus")).contains(new Place("focus", "F1"));
    }

    @Test
    void a_finer_layer_added_later_names_points_from_the_next_call() {
        AtomicReference<ZoneCatalog> now = new AtomicReference<>(catalog(DISTRICTS));
        Places places = new Places(now::get);
        assertThat(places.of(0.5, 0.5, null)).contains(new Place("districts", "D1"));

        now.set(catalog(DISTRICTS, HOODS));

        assertThat(places.of(0.5, 0.5, null)).contains(new Place("hoods", "H00"));
    }
}
