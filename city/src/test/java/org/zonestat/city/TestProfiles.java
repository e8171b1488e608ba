package org.zonestat.city;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small profile folders for tests: a {@code city.yaml} and a layer of two square zones
 * ({@code West} and {@code East}, property {@code name}) near 0°, 0°.
 */
final class TestProfiles {
    /** A valid profile, to which a test makes one change. */
    static final String VALID =
            """
            name: Testville
            timeZone: America/Los_Angeles
            focusLayer: wards
            goalPercent: -10
            layers:
              - {id: wards, title: Wards, file: wards.geojson, nameProperty: name}
            feeds:
              - {kind: incidents, file: shootings.csv, mapping: shootings.properties}
            analytics:
              nearRepeatMeters: 250
              nearRepeatDays: 7
              hotspotResolution: 9
              serviceLevelDays: 2
              serviceLevels: {"Pothole": 5}
            """;

    static final String WARDS =
            """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"name": "West", "code": "W"},
               "geometry": {"type": "Polygon",
                 "coordinates": [[[0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]]]}},
              {"type": "Feature", "properties": {"name": "East", "code": "E"},
               "geometry": {"type": "Polygon",
                 "coordinates": [[[0.01, 0], [0.02, 0], [0.02, 0.01], [0.01, 0.01], [0.01, 0]]]}}
            ]}
            """;

    private TestProfiles() {}

    /** A folder with {@code yaml} as its city.yaml, the wards layer, and the feed's two files. */
    static Path folder(Path dir, String yaml) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("city.yaml"), yaml, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("wards.geojson"), WARDS, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("shootings.csv"), "id,date,lat,lon\n");
            Files.writeString(dir.resolve("shootings.properties"), "feed=incidents\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
