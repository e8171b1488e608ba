package org.zonestat.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.city.CityProfile;
import org.zonestat.city.CityProfiles;
import org.zonestat.city.InvalidCityProfileException;
import org.zonestat.geo.ZoneCatalog;

/** The shipped cities' real history, read through their profiles' feeds and mappings. */
class CityFeedsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void newYorksVictimRowsMakeOneIncidentEachAllInsideAPrecinct() throws Exception {
        CityProfile nyc = CityProfiles.shipped("nyc");
        CityFeeds.check(nyc);

        AdapterResult shootings = CityFeeds.read(nyc, 0);

        assertThat(shootings.rows()).isEqualTo(967);
        assertThat(shootings.problems()).isEmpty();
        assertThat(shootings.events()).hasSize(777);
        Map<String, Integer> kinds = new HashMap<>();
        int victims = 0;
        ZoneCatalog precincts = ZoneCatalog.load(nyc.layers());
        for (RawEvent e : shootings.events()) {
            JsonNode n = JSON.readTree(e.json());
            kinds.merge(n.get("kind").asText(), 1, Integer::sum);
            victims += n.get("victims").asInt();
            assertThat(n.get("source").asText()).isEqualTo("nypd-shootings-2019");
            assertThat(precincts.tag(n.get("lon").asDouble(), n.get("lat").asDouble()))
                    .as("the precinct of %s", n)
                    .containsKey("precincts");
        }
        assertThat(kinds)
                .containsExactlyInAnyOrderEntriesOf(Map.of("HOMICIDE", 147, "SHOOTING", 630));
        assertThat(victims).isEqualTo(967);
        assertThat(CityFeeds.history(nyc).get(0).occurredAt())
                .as("a date without a time is midnight in New York")
                .isEqualTo(Instant.parse("2019-01-01T05:00:00Z"));
    }

    @Test
    void baltimoresHistoryIsItsThreeExportsInEventTimeOrder() {
        CityProfile baltimore = CityProfiles.shipped("baltimore");
        CityFeeds.check(baltimore);

        List<RawEvent> history = CityFeeds.history(baltimore);

        assertThat(history.stream().filter(e -> e.feed() == Feed.INCIDENTS)).hasSize(3_479 + 515);
        assertThat(history.stream().filter(e -> e.feed() == Feed.REQUESTS311)).hasSize(5_099);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).occurredAt())
                    .isAfterOrEqualTo(history.get(i - 1).occurredAt());
        }
    }

    @Test
    void aFeedWhoseMappingReadsAnotherKindIsRefusedNamingTheProfile(@TempDir Path dir)
            throws Exception {
        Path nyc = dir.resolve("nyc");
        Files.createDirectories(nyc);
        for (String f :
                List.of(
                        "nyc_police_precincts.geojson",
                        "nyc_shootings_2019.csv",
                        "nyc-shootings.properties")) {
            try (var in = CityFeedsTest.class.getResourceAsStream("/zonestat/cities/nyc/" + f)) {
                Files.copy(in, nyc.resolve(f));
            }
        }
        Files.writeString(
                nyc.resolve("city.yaml"),
                """
                name: New York City
                timeZone: America/New_York
                focusLayer: precincts
                goalPercent: -15
                layers:
                  - {id: precincts, file: nyc_police_precincts.geojson, nameProperty: Precinct}
                feeds:
                  - {kind: tips, file: nyc_shootings_2019.csv, mapping: nyc-shootings.properties}
                """);
        CityProfile city = CityProfiles.load(nyc.toString());

        assertThatThrownBy(() -> CityFeeds.check(city))
                .isInstanceOf(InvalidCityProfileException.class)
                .hasMessage(
                        nyc.resolve("city.yaml")
                                + ": feeds[0].mapping: "
                                + nyc.resolve("nyc-shootings.properties")
                                + " reads feed incidents, but the profile says tips");
    }
}
