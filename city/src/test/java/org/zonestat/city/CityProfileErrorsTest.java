package org.zonestat.city;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zonestat.config.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/**
 * A profile with a problem is refused when it is loaded, with a message that starts with the
 * profile file and names the problem: one case per kind of problem.
 */
class CityProfileErrorsTest {
    @TempDir Path dir;

    /** Each case: what is wrong, the change to the valid profile, and the message it gets. */
    static Stream<Arguments> badProfiles() {
        return Stream.of(
                bad(
                        "a missing layer file",
                        "file: wards.geojson",
                        "file: streets.geojson",
                        "layer 'wards': DIR/streets.geojson: no such file"),
                bad(
                        "a name property that the features do not have",
                        "nameProperty: name",
                        "nameProperty: NAME",
                        "layer 'wards': wards.geojson: feature 1 has no property 'NAME' (its"
                                + " properties: code, name)"),
                bad(
                        "an unknown time zone",
                        "timeZone: America/Los_Angeles",
                        "timeZone: America/Springfield",
                        "timeZone 'America/Springfield' is not a time zone (an IANA name such as"
                                + " America/New_York)"),
                bad(
                        "a focus layer that is not among the layers",
                        "focusLayer: wards",
                        "focusLayer: precincts",
                        "focusLayer 'precincts' is not among the layers (wards)"),
                bad(
                        "an unknown key",
                        "goalPercent: -10",
                        "goalPercent: -10\nfocus_layer: wards",
                        ": unknown key 'focus_layer'; the keys there are analytics,"
                                + " codeEnforcement, feeds, focusLayer, goalPercent, layers, name,"
                                + " services, studyArea, synthetic, tiles, timeZone"),
                bad(
                        "an unknown key inside a section",
                        "hotspotResolution: 9",
                        "hotspotResolution: 9\n  nearRepeatHours: 3",
                        ": unknown key 'nearRepeatHours' in 'analytics'; the keys there"
                                + " are hotspotResolution, nearRepeatDays, nearRepeatMeters,"
                                + " serviceLevelDays, serviceLevels"),
                bad(
                        "a missing key",
                        "timeZone: America/Los_Angeles\n",
                        "",
                        "missing key 'timeZone'"),
                bad(
                        "a goal outside [-100, 100]",
                        "goalPercent: -10",
                        "goalPercent: -150",
                        "goalPercent must be in [-100, 100], was -150"),
                bad(
                        "a goal that is not a number",
                        "goalPercent: -10",
                        "goalPercent: minus ten",
                        "(line 4): key 'goalPercent': Cannot deserialize value of type"),
                bad(
                        "a negative near-repeat radius",
                        "nearRepeatMeters: 250",
                        "nearRepeatMeters: -250",
                        "analytics.nearRepeatMeters must be in (0, 50000], was -250"),
                bad(
                        "a hotspot resolution H3 does not have",
                        "hotspotResolution: 9",
                        "hotspotResolution: 16",
                        "analytics.hotspotResolution must be in 0..15, was 16"),
                bad(
                        "a negative service level",
                        "{\"Pothole\": 5}",
                        "{\"Pothole\": -5}",
                        "analytics.serviceLevels 'Pothole' must be a number of days in [0, 3650],"
                                + " was -5.0"),
                bad(
                        "a layer id with capitals",
                        "{id: wards,",
                        "{id: Wards,",
                        "layers[0]: layer id must be lower-case letters, digits and '-', was"
                                + " 'Wards'"),
                bad(
                        "a layer given twice",
                        "nameProperty: name}\n",
                        "nameProperty: name}\n  - {id: wards, file: wards.geojson, nameProperty:"
                                + " code}\n",
                        "layers[1]: layer id 'wards' is given twice"),
                bad(
                        "a feed of an unknown kind",
                        "kind: incidents",
                        "kind: arrests",
                        "feeds[0].kind 'arrests' is not one of incidents, requests311, tips"),
                bad(
                        "a missing study area",
                        "goalPercent: -10",
                        "goalPercent: -10\nstudyArea: boundary.geojson",
                        "studyArea: DIR/boundary.geojson: no such file"),
                bad(
                        "a tile URL that is not http(s)",
                        "goalPercent: -10",
                        "goalPercent: -10\ntiles: {url: 'ftp://tiles/{z}/{x}/{y}.png'}",
                        "tiles.url must be an http(s) URL template, was 'ftp://tiles/{z}/{x}/{y}.png'"),
                bad("text that is not YAML", "name: Testville", "name: \"Testville", "not YAML"));
    }

    private static Arguments bad(String problem, String from, String to, String message) {
        return Arguments.of(problem, from, to, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProfiles")
    void aBadProfileIsRefusedNamingTheFileAndTheProblem(
            String problem, String from, String to, String message) {
        String yaml = TestProfiles.VALID.replace(from, to);
        if (yaml.equals(TestProfiles.VALID)) {
            throw new AssertionError("the case does not change the profile: " + from);
        }
        Path folder = TestProfiles.folder(dir, yaml);

        assertThatThrownBy(() -> CityProfiles.load(folder.toString()))
                .isInstanceOf(InvalidCityProfileException.class)
                .hasMessageStartingWith(folder.resolve("city.yaml").toString())
                .hasMessageContaining(message.replace("DIR", folder.toString()));
    }

    @Test
    void aFolderWithoutAProfileFileIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> CityProfiles.load(dir.resolve("empty").toString()))
                .isInstanceOf(InvalidCityProfileException.class)
                .hasMessage(
                        dir.resolve("empty").resolve("city.yaml")
                                + ": no such file (a city profile folder holds a city.yaml)");
    }

    @Test
    void aNameThatIsNeitherAFolderNorAShippedCityIsRefusedListingTheShippedOnes() {
        assertThatThrownBy(() -> CityProfiles.load("springfield"))
                .isInstanceOf(InvalidCityProfileException.class)
                .hasMessage(
                        "springfield: no such folder, and no shipped city of that name (shipped:"
                                + " baltimore, nyc)");
    }

    @Test
    void theFlagRefusesABadProfileBeforeTheCommandRunsNamingTheFlagAndTheFile() {
        Path folder =
                TestProfiles.folder(
                        dir, TestProfiles.VALID.replace("focusLayer: wards", "focusLayer: beats"));

        assertThatThrownBy(
                        () ->
                                Cli.commandLine(new WithCity(), Map.of())
                                        .parseArgs("--city", folder.toString()))
                .isInstanceOf(ParameterException.class)
                .hasMessage(
                        "Invalid value for option '--city': "
                                + folder.resolve("city.yaml")
                                + ": focusLayer 'beats' is not among the layers (wards)");
        assertThatThrownBy(
                        () ->
                                Cli.commandLine(new WithCity(), Map.of("ZONESTAT_CITY", "gotham"))
                                        .parseArgs())
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("gotham: no such folder");
    }

    @Command(name = "t")
    static final class WithCity {
        @Mixin CityOption city;
    }
}
