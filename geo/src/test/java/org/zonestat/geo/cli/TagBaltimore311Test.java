package org.zonestat.geo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;

/**
 * {@code tag} on the real Baltimore 311 export (3,000 requests, 2019-10-18..21) with the 2010
 * neighborhoods: the neighborhood it assigns must match the export's own {@code Neighborhood}
 * column wherever the export has one and the point lies in the city. The counts are quoted in
 * geo/README.md; mismatches are printed (see the test's output file).
 */
class TagBaltimore311Test {
    private static final Path REQUESTS =
            Path.of(
                    "../simulators/src/main/resources/zonestat/data/baltimore/311_service_requests_2019-10-18_21.csv");
    private static final Path NEIGHBORHOODS =
            Path.of(
                    "src/main/resources/zonestat/zones/baltimore/baltimore_neighborhoods_2010.geojson");

    @TempDir Path dir;

    @Test
    void assignedNeighborhoodMatchesTheExportsOwnNeighborhoodForAtLeast99PercentOfRequests()
            throws IOException {
        Path output = dir.resolve("tagged.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                TagCommand.run(
                        new String[] {
                            "--zones",
                            NEIGHBORHOODS.toString(),
                            "--input",
                            REQUESTS.toString(),
                            "--lat",
                            "Latitude",
                            "--lon",
                            "Longitude",
                            "--output",
                            output.toString()
                        },
                        new ByteArrayOutputStream(),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        String summary = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(summary).isZero();
        assertThat(summary).contains("rows 3000, tagged 2843, no zone 27, bad coordinates 130");

        List<List<String>> rows = TagCommandTest.read(Files.readString(output));
        List<String> header = rows.get(0);
        int own = header.indexOf("Neighborhood");
        int zone = header.indexOf("zone");
        int lat = header.indexOf("Latitude");
        int lon = header.indexOf("Longitude");
        ZoneLayer layer = new GeoJsonZoneLayerReader(w -> {}).read("n", "n", NEIGHBORHOODS, "name");
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        double farthest = 0;
        for (List<String> row : rows.subList(1, rows.size())) {
            String expected = row.get(own);
            if (expected.isBlank() || expected.equals("NA") || row.get(zone).isEmpty()) {
                continue;
            }
            compared++;
            if (!expected.equalsIgnoreCase(row.get(zone))) {
                double meters =
                        metersToZone(
                                layer,
                                expected,
                                Double.parseDouble(row.get(lon)),
                                Double.parseDouble(row.get(lat)));
                farthest = Math.max(farthest, meters);
                mismatches.add(
                        String.format(
                                Locale.ROOT,
                                "(%s, %s) export '%s', tagged '%s', %.1f m from '%s'",
                                row.get(lon),
                                row.get(lat),
                                expected,
                                row.get(zone),
                                meters,
                                expected));
            }
        }
        System.out.printf(
                "311 vs 2010 neighborhoods: compared %d, matching %d, mismatches %d, farthest %.1f m%n",
                compared, compared - mismatches.size(), mismatches.size(), farthest);
        mismatches.forEach(System.out::println);

        assertThat(compared).isEqualTo(2843);
        assertThat(compared - mismatches.size())
                .as("matching; mismatches: %s", mismatches)
                .isGreaterThanOrEqualTo((int) Math.ceil(0.99 * compared));
        assertThat(mismatches).as("documented in geo/README.md").hasSizeLessThanOrEqualTo(25);
        // Every mismatch is a boundary case: the export's neighborhood is within a meter.
        assertThat(farthest)
                .as("farthest mismatch from the export's neighborhood, m; %s", mismatches)
                .isLessThan(1.0);
    }

    /**
     * Distance in meters (approximate, degrees scaled at 39.3 N) from the point to the named zone.
     */
    private static double metersToZone(ZoneLayer layer, String name, double lon, double lat) {
        Geometry point = new GeometryFactory().createPoint(new Coordinate(lon, lat));
        double best = Double.POSITIVE_INFINITY;
        for (Zone z : layer.zones()) {
            if (z.name().equalsIgnoreCase(name)) {
                Coordinate[] nearest = DistanceOp.nearestPoints(z.geometry(), point);
                best =
                        Math.min(
                                best,
                                org.zonestat.geo.Distances.meters(
                                        nearest[0].x, nearest[0].y, nearest[1].x, nearest[1].y));
            }
        }
        return best;
    }
}
