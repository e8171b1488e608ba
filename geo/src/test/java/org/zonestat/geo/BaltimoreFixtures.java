package org.zonestat.geo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.zonestat.geo.csv.CsvPoints;

/** Real Baltimore data shared by the geo tests: every zone layer file and the event locations. */
final class BaltimoreFixtures {
    /** Event files, relative to the geo module (the tests' working directory). */
    static final Path EVENTS_DIR =
            Path.of("../simulators/src/main/resources/zonestat/data/baltimore");

    static final Path SHOOTINGS = EVENTS_DIR.resolve("shootings_2012_2017_cases.csv");
    static final Path PART1_2018 = EVENTS_DIR.resolve("part1_2018_homicides_shootings_jan_jul.csv");
    static final Path REQUESTS_311 = EVENTS_DIR.resolve("311_service_requests_2019-10-18_21.csv");

    /** The class-path folder of the Baltimore layer files. */
    static final String ZONES = "classpath:zonestat/zones/baltimore/";

    /** The zone resources folder in the sources, to check that every file is covered. */
    static final Path ZONES_DIR = Path.of("src/main/resources/zonestat/zones/baltimore");

    /** Every layer shipped in the resources folder, with its name property. */
    static final List<ZoneLayerSpec> ALL_LAYERS =
            List.of(
                    spec("neighborhoods-2010", "baltimore_neighborhoods_2010.geojson", "name"),
                    spec("neighborhoods-2020", "baltimore_neighborhoods_2020.geojson", "name"),
                    spec(
                            "police-districts-2023",
                            "baltimore_police_districts_2023.geojson",
                            "name"),
                    spec(
                            "police-districts-1959",
                            "baltimore_police_districts_1959_2022.geojson",
                            "name"),
                    spec("csas", "baltimore_csas.geojson", "name"),
                    spec("council-districts", "baltimore_council_districts.geojson", "name"),
                    spec("city-boundary", "baltimore_city_boundary.geojson", "name"),
                    spec("vri-zones", "baltimore_vri_zones_2019.geojson", "Name"),
                    spec("focused-patrol-areas", "bpd_focused_patrol_areas_2019.geojson", "Id"),
                    spec(
                            "district-action-team-zones",
                            "bpd_district_action_team_zones_2019.geojson",
                            "Id"));

    /** The six layers the Baltimore city profile names, in its order. */
    static final List<ZoneLayerSpec> PROFILE_LAYERS =
            List.of(
                    spec("vri-zones", "baltimore_vri_zones_2019.geojson", "Name"),
                    spec("neighborhoods", "baltimore_neighborhoods_2010.geojson", "name"),
                    spec("police-districts", "baltimore_police_districts_2023.geojson", "name"),
                    spec(
                            "police-districts-1959",
                            "baltimore_police_districts_1959_2022.geojson",
                            "name"),
                    spec("csas", "baltimore_csas.geojson", "name"),
                    spec("council-districts", "baltimore_council_districts.geojson", "name"));

    private BaltimoreFixtures() {}

    private static ZoneLayerSpec spec(String id, String file, String nameProperty) {
        return new ZoneLayerSpec(id, id, ZONES + file, nameProperty);
    }

    static ZoneLayer layer(ZoneLayerSpec spec) {
        return ZoneCatalog.readLayer(new GeoJsonZoneLayerReader(), spec);
    }

    static ZoneLayer neighborhoods2010() {
        return layer(ALL_LAYERS.get(0));
    }

    /** Every usable event location of the three real event files, as {lon, lat} pairs. */
    static List<double[]> eventLocations() {
        List<double[]> out = new ArrayList<>();
        try {
            add(out, CsvPoints.read(SHOOTINGS, "longitude", "latitude"));
            add(out, CsvPoints.read(PART1_2018, "Longitude", "Latitude"));
            add(out, CsvPoints.read(REQUESTS_311, "Longitude", "Latitude"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void add(List<double[]> out, CsvPoints points) {
        for (int i = 0; i < points.size(); i++) {
            out.add(new double[] {points.lon(i), points.lat(i)});
        }
    }
}
