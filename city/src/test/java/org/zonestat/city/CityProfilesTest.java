package org.zonestat.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.geo.ZoneLayerSpec;

/** Loading profiles: the shipped ones, a folder, and the names and defaults they resolve to. */
class CityProfilesTest {

    @Test
    void theShippedBaltimoreProfileHasTheLayersTimeZoneGoalAndServiceLevelsBaltimoreHadBuiltIn() {
        CityProfile city = CityProfiles.shipped("baltimore");

        assertThat(city.id()).isEqualTo("baltimore");
        assertThat(city.name()).isEqualTo("Baltimore");
        assertThat(city.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(city.focusLayer()).isEqualTo("vri-zones");
        assertThat(city.goalPercent()).isEqualTo(-15);
        assertThat(city.layers())
                .extracting(ZoneLayerSpec::id)
                .containsExactly(
                        "vri-zones",
                        "neighborhoods",
                        "police-districts",
                        "police-districts-1959",
                        "csas",
                        "council-districts");
        assertThat(city.layer("vri-zones").orElseThrow())
                .isEqualTo(
                        new ZoneLayerSpec(
                                "vri-zones",
                                "VRI zones (2019)",
                                "classpath:zonestat/zones/baltimore/baltimore_vri_zones_2019.geojson",
                                "Name"));
        assertThat(city.studyArea()).isPresent();
        assertThat(city.feeds()).hasSize(3);
        assertThat(city.feeds("requests311")).hasSize(1);
        assertThat(city.services()).contains("classpath:zonestat/cities/baltimore/services.csv");
        assertThat(city.analytics().serviceLevels())
                .hasSize(18)
                .containsEntry("SW-Bulk Scheduled", Duration.ofDays(90));
        assertThat(city.analytics().serviceLevelFallback()).isEqualTo(Duration.ofDays(3));
        assertThat(city.analytics().nearRepeatMeters()).isEqualTo(400);
        assertThat(city.analytics().nearRepeatDays()).isEqualTo(14);
        assertThat(city.analytics().hotspotResolution()).isEqualTo(8);
        assertThat(city.bounds().west()).isCloseTo(-76.71, within(0.01));
        assertThat(city.bounds().north()).isCloseTo(39.372, within(0.01));
    }

    @Test
    void theShippedNewYorkProfileHasThePrecinctsAndTheShootingsFeed() {
        CityProfile city = CityProfiles.load("nyc");

        assertThat(city.name()).isEqualTo("New York City");
        assertThat(city.focusLayer()).isEqualTo("precincts");
        assertThat(city.layers())
                .extracting(ZoneLayerSpec::nameProperty)
                .containsExactly("Precinct");
        assertThat(city.studyArea()).isEmpty();
        assertThat(city.services()).contains("classpath:zonestat/cities/nyc/services.csv");
        assertThat(city.feeds())
                .containsExactly(
                        new CityProfile.FeedSpec(
                                "incidents",
                                "classpath:zonestat/cities/nyc/nyc_shootings_2019.csv",
                                "classpath:zonestat/cities/nyc/nyc-shootings.properties"));
        assertThat(city.bounds().toArray())
                .containsExactly(
                        new double[] {-74.25559, 40.49614, -73.70001, 40.91554}, within(1e-4));
        CityProfiles.requireDemoFiles(city);
    }

    @Test
    void theShippedNamesComeFromTheIndexAndEachLoads() {
        assertThat(CityProfiles.shippedNames()).containsExactly("baltimore", "nyc");
        assertThat(CityProfiles.shipped("nyc")).isSameAs(CityProfiles.shipped("nyc"));
        assertThat(CityOption.defaultCity().id()).isEqualTo(CityProfiles.shippedNames().get(0));
    }

    @Test
    void aFolderProfileResolvesItsFileNamesAgainstTheFolder(@TempDir Path dir) {
        Path folder = TestProfiles.folder(dir.resolve("testville"), TestProfiles.VALID);

        CityProfile city = CityProfiles.load(folder.toString());

        assertThat(city.id()).isEqualTo("testville");
        assertThat(city.file()).isEqualTo(folder.resolve("city.yaml").toString());
        assertThat(city.layers().get(0).location())
                .isEqualTo(folder.resolve("wards.geojson").toString());
        assertThat(city.feeds().get(0).mapping())
                .isEqualTo(folder.resolve("shootings.properties").toString());
        assertThat(city.timeZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(city.bounds().toArray()).containsExactly(0, 0, 0.02, 0.01);
        assertThat(city.analytics().serviceLevels()).containsEntry("Pothole", Duration.ofDays(5));
        assertThat(city.analytics().serviceLevelFallback()).isEqualTo(Duration.ofDays(2));
        assertThat(city.tiles()).isEmpty();
        assertThat(CityProfiles.load(folder.resolve("city.yaml").toString())).isEqualTo(city);
    }

    @Test
    void analyticsTilesAndSyntheticSettingsHaveDefaults(@TempDir Path dir) throws IOException {
        String yaml =
                TestProfiles.VALID.substring(0, TestProfiles.VALID.indexOf("analytics:"))
                        + "tiles: {url: 'https://tile.example.org/{z}/{x}/{y}.png'}\n";
        CityProfile city = CityProfiles.load(TestProfiles.folder(dir, yaml).toString());

        assertThat(city.analytics())
                .isEqualTo(
                        new CityProfile.Analytics(
                                400, 14, 8, java.util.Map.of(), Duration.ofDays(3)));
        assertThat(city.tiles())
                .contains(new CityProfile.Tiles("https://tile.example.org/{z}/{x}/{y}.png", ""));
        assertThat(city.synthetic()).isEqualTo(new CityProfile.Synthetic(Optional.empty(), 1));
        Files.delete(dir.resolve("shootings.csv"));
        assertThatThrownBy(() -> CityProfiles.requireDemoFiles(city))
                .isInstanceOf(InvalidCityProfileException.class)
                .hasMessage(
                        dir.resolve("city.yaml")
                                + ": feeds[0].file: "
                                + dir.resolve("shootings.csv")
                                + ": no such file");
    }
}
