package org.zonestat.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.zonestat.geo.GeoJsonZoneLayerReader.InvalidZoneLayerException;

class GeoJsonZoneLayerReaderTest {
    private final List<String> warnings = new ArrayList<>();
    private final GeoJsonZoneLayerReader reader = new GeoJsonZoneLayerReader(warnings::add);

    @TempDir Path dir;

    private static final String SQUARE_WITH_HOLE =
            """
            {"type": "Feature", "properties": {"name": "Holed", "ward": "W1"},
             "geometry": {"type": "Polygon", "coordinates": [
               [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
               [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]]]}}""";
    private static final String TWO_ISLANDS =
            """
            {"type": "Feature", "properties": {"name": "Islands", "ward": "W2"},
             "geometry": {"type": "MultiPolygon", "coordinates": [
               [[[20, 0], [21, 0], [21, 1], [20, 1], [20, 0]]],
               [[[22, 0], [23, 0], [23, 1], [22, 1], [22, 0]]]]}}""";

    /** A self-intersecting "bow tie": invalid, repaired by GeometryFixer into two triangles. */
    private static final String BOW_TIE =
            """
            {"type": "Feature", "properties": {"name": "Bow tie"},
             "geometry": {"type": "Polygon", "coordinates": [
               [[30, 0], [32, 2], [32, 0], [30, 2], [30, 0]]]}}""";

    private static final String A_POINT =
            """
            {"type": "Feature", "properties": {"name": "Just a point"},
             "geometry": {"type": "Point", "coordinates": [1, 1]}}""";

    @Test
    void readsPolygonsMultiPolygonsAndHolesWithTheConfiguredNameProperty() {
        ZoneLayer layer = read("name", SQUARE_WITH_HOLE, TWO_ISLANDS);
        assertThat(layer.zones()).extracting(Zone::name).containsExactly("Holed", "Islands");
        assertThat(layer.zone(0).properties()).containsEntry("ward", "W1");
        BruteForceZoneLocator locator = new BruteForceZoneLocator(layer);
        assertThat(locator.zoneName(5, 5)).as("inside the hole").isNull();
        assertThat(locator.zoneName(2, 2)).isEqualTo("Holed");
        assertThat(locator.zoneName(22.5, 0.5)).isEqualTo("Islands");

        assertThat(read("ward", SQUARE_WITH_HOLE, TWO_ISLANDS).zones())
                .extracting(Zone::name)
                .containsExactly("W1", "W2");
        assertThat(warnings).isEmpty();
    }

    @Test
    void featureWithoutTheNamePropertyIsNamedByLayerAndPosition() {
        ZoneLayer layer = read("district", SQUARE_WITH_HOLE);
        assertThat(layer.zone(0).name()).isEqualTo("test #1");
    }

    @Test
    void invalidPolygonIsRepairedWithAWarningNamingTheZone() {
        ZoneLayer layer = read("name", BOW_TIE);
        assertThat(layer.zone(0).geometry().isValid()).isTrue();
        // Both lobes of the bow tie survive the repair: 2 triangles of area 1.
        assertThat(layer.zone(0).geometry().getArea()).isEqualTo(2.0);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("'Bow tie'", "invalid polygon", "repaired", "test.geojson");
    }

    @Test
    void realBaltimoreLayersWithInvalidPolygonsAreRepairedAndNamed() {
        ZoneLayer layer =
                new GeoJsonZoneLayerReader(warnings::add)
                        .read(
                                "n2020",
                                "n2020",
                                Path.of(
                                        "src/main/resources/zonestat/zones/baltimore/baltimore_neighborhoods_2020.geojson"),
                                "name");
        assertThat(layer.size()).isEqualTo(279);
        assertThat(layer.zones()).allMatch(z -> z.geometry().isValid());
        assertThat(warnings)
                .isNotEmpty()
                .allMatch(w -> w.contains("repaired") && w.contains("zone '"));
    }

    @Test
    void nonPolygonFeaturesAreSkippedWithAWarning() {
        ZoneLayer layer = read("name", A_POINT, SQUARE_WITH_HOLE);
        assertThat(layer.zones()).extracting(Zone::name).containsExactly("Holed");
        assertThat(layer.zone(0).index()).isZero();
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("'Just a point'", "Point", "skipped");
    }

    @Test
    void layerWithoutPolygonsFailsNamingTheFile() {
        assertThatThrownBy(() -> read("name", A_POINT))
                .isInstanceOf(InvalidZoneLayerException.class)
                .hasMessageContaining("test.geojson")
                .hasMessageContaining("has no polygons");
    }

    @Test
    void missingFileFailsNamingTheFile() {
        Path missing = dir.resolve("nowhere.geojson");
        assertThatThrownBy(() -> reader.read("x", "x", missing, "name"))
                .isInstanceOf(InvalidZoneLayerException.class)
                .hasMessageContaining("nowhere.geojson")
                .hasMessageContaining("no such file");
    }

    @Test
    void fileThatIsNotJsonFailsNamingTheFileAndTheProblem() throws IOException {
        Path file = dir.resolve("broken.geojson");
        Files.writeString(file, "{\"type\": \"FeatureCollection\", \"features\": [");
        assertThatThrownBy(() -> reader.read("x", "x", file, "name"))
                .isInstanceOf(InvalidZoneLayerException.class)
                .hasMessageContaining("broken.geojson")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void jsonThatIsNotAFeatureCollectionFailsNamingTheProblem() throws IOException {
        Path file = dir.resolve("geometry.geojson");
        Files.writeString(file, "{\"type\": \"Polygon\", \"coordinates\": []}");
        assertThatThrownBy(() -> reader.read("x", "x", file, "name"))
                .isInstanceOf(InvalidZoneLayerException.class)
                .hasMessageContaining("geometry.geojson")
                .hasMessageContaining("not a GeoJSON FeatureCollection");
    }

    @Test
    void unreadableGeometryFailsNamingTheFeature() {
        String bad =
                """
                {"type": "Feature", "properties": {"name": "Broken"},
                 "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1]]]}}""";
        assertThatThrownBy(() -> read("name", bad))
                .isInstanceOf(InvalidZoneLayerException.class)
                .hasMessageContaining("test.geojson")
                .hasMessageContaining("'Broken'");
    }

    @Test
    void everyShippedLayerHasTheGeometriesJtsGeoJsonReaderReads() throws Exception {
        ObjectMapper json = new ObjectMapper();
        GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);
        int compared = 0;
        for (ZoneLayerSpec spec : BaltimoreFixtures.ALL_LAYERS) {
            Path file =
                    BaltimoreFixtures.ZONES_DIR.resolve(
                            spec.location().substring(spec.location().lastIndexOf('/') + 1));
            ZoneLayer layer = reader.read(spec.id(), spec.id(), file, spec.nameProperty());
            int z = 0;
            for (JsonNode feature : json.readTree(file.toFile()).path("features")) {
                Geometry expected =
                        new GeoJsonReader(factory).read(feature.path("geometry").toString());
                if (!expected.isValid()) {
                    expected = GeometryFixer.fix(expected);
                }
                assertThat(layer.zone(z).geometry().equalsExact(expected))
                        .as("%s zone %d", spec.id(), z)
                        .isTrue();
                z++;
                compared++;
            }
            assertThat(z).isEqualTo(layer.size());
        }
        assertThat(compared).isGreaterThan(500);
    }

    @Test
    void coordinatesThatAreNotNumbersAreUnreadableGeometry() {
        String bad =
                """
                {"type": "Feature", "properties": {"name": "Text"},
                 "geometry": {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, "0"], [1, 1], [0, 0]]]]}}""";
        assertThatThrownBy(() -> read("name", bad))
                .isInstanceOf(InvalidZoneLayerException.class)
                .hasMessageContaining("'Text'")
                .hasMessageContaining("unreadable geometry");
    }

    private ZoneLayer read(String nameProperty, String... features) {
        String json =
                "{\"type\": \"FeatureCollection\", \"features\": ["
                        + String.join(",", features)
                        + "]}";
        return reader.read(
                "test",
                "Test",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                nameProperty,
                "test.geojson");
    }
}
