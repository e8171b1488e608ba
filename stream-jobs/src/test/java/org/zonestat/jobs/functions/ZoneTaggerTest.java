package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneLayerUpdate;

/**
 * Tagging a valid event with its zones: inside, on a boundary shared by two zones (the zone listed
 * first in its layer wins, as the geo module's locators promise), outside every zone, and with
 * latitude and longitude swapped.
 *
 * <p>Two hand-made layers of two squares sharing the edge lon = -76.62 in Baltimore, listed in
 * opposite orders, and one real layer (the 1959–2022 police districts) for a vertex that real
 * neighbours share.
 */
class ZoneTaggerTest {
    private static final H3Binner BINNER = new H3Binner(9);
    private static final ZoneTagger TAGGER = new ZoneTagger(BINNER);
    private static final double EDGE = -76.62;

    /** "beats": West then East; "beats-reversed": East then West, both at version 2. */
    private static final ZoneLayers SQUARES =
            ZoneLayers.initial(List.of())
                    .apply(
                            layer(
                                    "beats",
                                    2,
                                    square("West", -76.64, EDGE),
                                    square("East", EDGE, -76.60)))
                    .apply(
                            layer(
                                    "beats-reversed",
                                    2,
                                    square("East", EDGE, -76.60),
                                    square("West", -76.64, EDGE)));

    @Test
    void aPointInsideIsTaggedWithItsZoneInEveryLayerItsCellAndTheLayerVersions() {
        Outcome<TaggedEvent> out = TAGGER.tag(event(-76.63, 39.29), SQUARES);

        TaggedEvent tagged = accepted(out);
        assertThat(tagged.zones())
                .containsExactly(Map.entry("beats", "West"), Map.entry("beats-reversed", "West"));
        assertThat(tagged.layerVersions())
                .containsExactly(Map.entry("beats", 2), Map.entry("beats-reversed", 2));
        assertThat(tagged.h3()).isEqualTo(BINNER.cellAddress(-76.63, 39.29));
        assertThat(tagged.event()).isEqualTo(event(-76.63, 39.29));
    }

    @Test
    void aPointOnASharedEdgeOrCornerGoesToTheZoneListedFirstInEachLayer() {
        for (double lat : new double[] {39.29, 39.28, 39.30}) {
            TaggedEvent tagged = accepted(TAGGER.tag(event(EDGE, lat), SQUARES));
            assertThat(tagged.zones())
                    .as("lat %s on the shared edge", lat)
                    .containsExactly(
                            Map.entry("beats", "West"), Map.entry("beats-reversed", "East"));
        }
    }

    @Test
    void aPointOnAVertexRealNeighboursShareGoesToTheOneListedFirst() {
        ZoneLayerSpec districts =
                CityProfiles.shipped("baltimore").layer("police-districts-1959").orElseThrow();
        ZoneLayer layer = ZoneCatalog.load(List.of(districts)).layer(districts.id()).orElseThrow();
        SharedVertex shared = SharedVertex.find(layer).orElseThrow();

        TaggedEvent tagged =
                accepted(
                        TAGGER.tag(
                                event(shared.lon(), shared.lat()),
                                ZoneLayers.initial(List.of(districts))));

        assertThat(tagged.zones())
                .as("a vertex of %s and %s", shared.first(), shared.later())
                .containsExactly(Map.entry(districts.id(), shared.first()));
    }

    @Test
    void aPointInOneLayerOnlyIsTaggedWithThatLayerAndNamesTheVersionsOfAll() {
        ZoneLayers withNorth =
                SQUARES.apply(layer("north", 5, box("North", -76.64, -76.60, 39.295, 39.30)));

        TaggedEvent tagged = accepted(TAGGER.tag(event(-76.61, 39.285), withNorth));

        assertThat(tagged.zones())
                .containsExactly(Map.entry("beats", "East"), Map.entry("beats-reversed", "East"));
        assertThat(tagged.layerVersions())
                .containsExactly(
                        Map.entry("beats", 2),
                        Map.entry("beats-reversed", 2),
                        Map.entry("north", 5));
    }

    @Test
    void aPointThatFitsOnlyWithLatitudeAndLongitudeSwappedIsRejectedAsSwapped() {
        Outcome<TaggedEvent> out = TAGGER.tag(event(39.29, -76.63), SQUARES);

        assertThat(out)
                .isEqualTo(
                        Outcome.refused(
                                RejectReason.SWAPPED_COORDINATES,
                                "location lat=-76.63 lon=39.29 lies in no zone, but would with"
                                        + " latitude and longitude swapped"));
    }

    @Test
    void aPointOutsideEveryZoneIsRejectedNamingTheLayersItMissed() {
        // Lower Manhattan; swapped it is no place either.
        assertThat(TAGGER.tag(event(-74.006, 40.7128), SQUARES))
                .isEqualTo(
                        Outcome.refused(
                                RejectReason.OUTSIDE_ZONES,
                                "location lat=40.7128 lon=-74.006 lies in no zone of any layer"
                                        + " (beats, beats-reversed)"));
        // Just past the squares' west side.
        assertThat(TAGGER.tag(event(-76.6400001, 39.29), SQUARES))
                .isInstanceOf(Outcome.Refused.class)
                .extracting(o -> ((Outcome.Refused<TaggedEvent>) o).reason())
                .isEqualTo(RejectReason.OUTSIDE_ZONES);
        // A longitude beyond +-90 cannot be a swapped latitude.
        assertThat(TAGGER.tag(event(-122.42, 37.77), SQUARES))
                .extracting(o -> ((Outcome.Refused<TaggedEvent>) o).reason())
                .isEqualTo(RejectReason.OUTSIDE_ZONES);
    }

    @Test
    void withEveryLayerRemovedEveryPointIsOutside() {
        ZoneLayers none = SQUARES.apply(removal("beats")).apply(removal("beats-reversed"));

        assertThat(none.layerIds()).isEmpty();
        assertThat(TAGGER.tag(event(-76.63, 39.29), none))
                .extracting(o -> ((Outcome.Refused<TaggedEvent>) o).reason())
                .isEqualTo(RejectReason.OUTSIDE_ZONES);
    }

    private static TaggedEvent accepted(Outcome<TaggedEvent> out) {
        assertThat(out).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted<TaggedEvent>) out).value();
    }

    private static CityEvent event(double lon, double lat) {
        return new CityEvent(
                "incident/test/c1",
                EventStream.INCIDENT,
                "c1",
                "test",
                "SHOOTING",
                null,
                null,
                Instant.parse("2018-07-07T20:00:00Z"),
                lon,
                lat,
                null);
    }

    private static String square(String name, double west, double east) {
        return box(name, west, east, 39.28, 39.30);
    }

    private static String box(String name, double west, double east, double south, double north) {
        return "{\"type\":\"Feature\",\"properties\":{\"name\":\""
                + name
                + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[["
                + west
                + ","
                + south
                + "],["
                + east
                + ","
                + south
                + "],["
                + east
                + ","
                + north
                + "],["
                + west
                + ","
                + north
                + "],["
                + west
                + ","
                + south
                + "]]]}}";
    }

    private static ZoneLayerUpdate layer(String id, int version, String... features) {
        return new ZoneLayerUpdate(
                id,
                id,
                "name",
                version,
                "{\"type\":\"FeatureCollection\",\"features\":["
                        + String.join(",", features)
                        + "]}",
                new RawRecord("zones", 0, 0, 0, ""));
    }

    private static ZoneLayerUpdate removal(String id) {
        return new ZoneLayerUpdate(id, null, null, 0, null, new RawRecord("zones", 0, 0, 0, ""));
    }

    /** A vertex of a zone that an earlier zone of the same layer also touches. */
    private record SharedVertex(double lon, double lat, String first, String later) {
        static Optional<SharedVertex> find(ZoneLayer layer) {
            GeometryFactory factory = new GeometryFactory();
            List<PreparedGeometry> prepared =
                    layer.zones().stream()
                            .map(z -> PreparedGeometryFactory.prepare(z.geometry()))
                            .toList();
            for (int later = 1; later < layer.size(); later++) {
                for (Coordinate c : layer.zone(later).geometry().getCoordinates()) {
                    Point p = factory.createPoint(c);
                    for (int first = 0; first < later; first++) {
                        if (prepared.get(first).intersects(p)) {
                            return Optional.of(
                                    new SharedVertex(
                                            c.x,
                                            c.y,
                                            layer.zone(first).name(),
                                            layer.zone(later).name()));
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }
}
