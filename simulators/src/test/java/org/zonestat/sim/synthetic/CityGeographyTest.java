package org.zonestat.sim.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zonestat.city.CityProfile;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;

/** The synthetic city runs in the geography of a city profile. */
class CityGeographyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void inNewYorkEveryRecordIsInAPrecinctAndRequestsAreOfItsTypes() throws Exception {
        CityProfile nyc = CityProfiles.shipped("nyc");
        CityGeography city = CityGeography.of(nyc);
        assertThat(city.city()).isEqualTo("New York City");
        assertThat(city.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(city.requestTypes()).isPresent();
        assertThat(city.requests().size()).as("points spread over the precincts").isEqualTo(5_000);

        SyntheticCity synthetic =
                new SyntheticCity(
                        SyntheticCityOptions.builder(42)
                                .geography(city)
                                .start(Instant.parse("2024-06-01T04:00:00Z"))
                                .count(3_000)
                                .build());
        ZoneCatalog precincts = ZoneCatalog.load(nyc.layers());
        Set<Feed> feeds = new HashSet<>();
        Set<String> types = new HashSet<>();
        int outside = 0;
        while (synthetic.hasNext()) {
            RawEvent e = synthetic.next();
            feeds.add(e.feed());
            JsonNode n = JSON.readTree(e.json());
            assertThat(n.get("source").asText()).isEqualTo("synthetic-city");
            if (precincts.tag(n.get("lon").asDouble(), n.get("lat").asDouble()).isEmpty()) {
                outside++;
            }
            if (e.feed() == Feed.REQUESTS311) {
                types.add(n.get("type").asText());
            }
        }
        assertThat(feeds)
                .as("every feed but activities, which the synthetic city does not make")
                .containsExactlyInAnyOrder(Feed.INCIDENTS, Feed.REQUESTS311, Feed.TIPS);
        assertThat(types).contains("Noise - Residential", "HEAT/HOT WATER");
        assertThat(types).noneMatch(t -> t.startsWith("SW-"));
        // Places are jittered (shootings 60 m, tips 250 m): a few fall in the water off the shore.
        System.out.printf(
                "synthetic New York: %d of 3000 records outside every precinct%n", outside);
        assertThat(outside).isLessThan(60);
    }

    @Test
    void aCitysGeographyIsBuiltOnce() {
        assertThat(CityGeography.of(CityProfiles.shipped("baltimore")))
                .isSameAs(CityGeography.defaultCity());
    }
}
