package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks the parts of RFC 7946 the console promises for zone layers. */
final class GeoJsonAssertions {
    private GeoJsonAssertions() {}

    /**
     * A FeatureCollection without {@code crs}, of Polygon/MultiPolygon features whose rings are
     * closed lon/lat rings of at least 4 positions, exterior rings counterclockwise and holes
     * clockwise, each with properties {layer, index, name}.
     */
    static void assertValidZoneCollection(JsonNode root, String layerId) {
        assertThat(root.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(root.has("crs")).as("RFC 7946 drops the crs member").isFalse();
        JsonNode features = root.path("features");
        assertThat(features.isArray()).isTrue();
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String where = layerId + " feature " + i;
            assertThat(f.path("type").asText()).as(where).isEqualTo("Feature");
            assertThat(f.path("properties").path("layer").asText()).as(where).isEqualTo(layerId);
            assertThat(f.path("properties").path("index").asInt(-1)).as(where).isEqualTo(i);
            assertThat(f.path("properties").path("name").asText()).as(where).isNotBlank();
            JsonNode g = f.path("geometry");
            switch (g.path("type").asText()) {
                case "Polygon" -> assertPolygon(g.path("coordinates"), where);
                case "MultiPolygon" -> g.path("coordinates").forEach(p -> assertPolygon(p, where));
                default -> throw new AssertionError(where + ": not a polygon: " + g.path("type"));
            }
        }
    }

    private static void assertPolygon(JsonNode rings, String where) {
        assertThat(rings.size()).as(where + " rings").isGreaterThanOrEqualTo(1);
        for (int r = 0; r < rings.size(); r++) {
            JsonNode ring = rings.get(r);
            String ringName = where + (r == 0 ? " exterior ring" : " hole " + r);
            assertThat(ring.size()).as(ringName + " positions").isGreaterThanOrEqualTo(4);
            assertThat(ring.get(0))
                    .as(ringName + " is closed")
                    .isEqualTo(ring.get(ring.size() - 1));
            for (JsonNode p : ring) {
                // Baltimore, in lon/lat order.
                assertThat(p.get(0).asDouble()).as(ringName + " lon").isBetween(-76.75, -76.5);
                assertThat(p.get(1).asDouble()).as(ringName + " lat").isBetween(39.19, 39.38);
            }
            double area = signedArea(ring);
            if (r == 0) {
                assertThat(area).as(ringName + " is counterclockwise").isPositive();
            } else {
                assertThat(area).as(ringName + " is clockwise").isNegative();
            }
        }
    }

    /** Shoelace formula: positive for a counterclockwise ring in lon/lat. */
    private static double signedArea(JsonNode ring) {
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            JsonNode a = ring.get(i);
            JsonNode b = ring.get(i + 1);
            sum +=
                    a.get(0).asDouble() * b.get(1).asDouble()
                            - b.get(0).asDouble() * a.get(1).asDouble();
        }
        return sum / 2;
    }
}
