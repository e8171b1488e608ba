package org.zonestat.sim.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.mapping.InvalidInputException;
import org.zonestat.sim.mapping.PlaceMapping;
import org.zonestat.sim.mapping.Rejection;
import org.zonestat.topics.PlaceMessage;

/** The shipped place lists read through their mappings, and a made-up layout's bad rows. */
class PlaceMappingTest {
    private static final Instant LOADED = Instant.parse("2019-02-08T12:00:00Z");

    @Test
    void theRealVacantBuildingNoticesInTheVriZonesLoadAsOpenVacantBuildings() throws IOException {
        List<PlaceMessage> places = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        read(
                "baltimore-vacant-notices-2019",
                "places/vacant_building_notices_2019-02-07_vri_zones.csv",
                places,
                rejected);
        assertThat(rejected).isEmpty();
        assertThat(places).hasSize(5301);
        assertThat(places).allMatch(p -> p.category().equals("vacant-building") && p.isOpen());
        PlaceMessage first = places.get(0);
        assertThat(first.placeId()).isEqualTo("vacant/0001 003 012512");
        assertThat(first.name()).isEqualTo("2041 W NORTH AVE");
        assertThat(first.lat()).isEqualTo(39.30941765);
        assertThat(first.lon()).isEqualTo(-76.65104057);
        assertThat(first.since())
                .as("2012-01-25T05:00Z is that day in Baltimore")
                .isEqualTo(LocalDate.parse("2012-01-25"));
        assertThat(first.updatedAt()).isEqualTo(LOADED);
    }

    @Test
    void theSyntheticLicensesAreLabelledAndExpiredOnesAreClosed() throws IOException {
        List<PlaceMessage> places = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        read("baltimore-businesses-synthetic", SyntheticBusinesses.FILE, places, rejected);
        assertThat(rejected).isEmpty();
        assertThat(places).hasSize(SyntheticBusinesses.COUNT);
        assertThat(places).allMatch(p -> p.name().startsWith("SYNTHETIC "));
        assertThat(places)
                .extracting(PlaceMessage::category)
                .containsOnly("business-license", "liquor-license");
        long closed = places.stream().filter(p -> !p.isOpen()).count();
        assertThat(closed).isBetween(15L, 45L);
        assertThat(places.get(1).placeId()).isEqualTo("license/SYN-0002");
        assertThat(places.get(1).isOpen()).as("EXPIRED").isFalse();
    }

    @Test
    void aRowWithoutAUsableLocationIsRejectedWithItsLine() {
        Properties p = new Properties();
        p.setProperty("source", "riverton");
        p.setProperty("id.column", "Id");
        p.setProperty("name.column", "Name of business");
        p.setProperty("category.column", "Type");
        p.setProperty("lat.column", "Lat");
        p.setProperty("lon.column", "Lon");
        PlaceMapping m = PlaceMapping.fromProperties("riverton", p);
        String csv =
                """
                Id,Name of business,Type,Lat,Lon
                1,Corner Market,Corner Store,39.3,-76.6
                2,Lounge,Bar & Lounge,,
                3,Zero,Bar,0,0
                4,,Bar,39.3,-76.6
                """;
        List<PlaceMessage> places = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        m.read(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                "riverton.csv",
                LOADED,
                places::add,
                rejected::add);
        assertThat(places)
                .singleElement()
                .satisfies(x -> assertThat(x.category()).isEqualTo("corner-store"));
        assertThat(rejected)
                .extracting(Rejection::toString)
                .containsExactly(
                        "riverton.csv:3: the place has no location",
                        "riverton.csv:4: the location is 0,0 (a missing geocode)",
                        "riverton.csv:5: column 'Name of business' is empty");
        p.setProperty("address.column", "Licensee Name");
        p.setProperty("name.column", "Name");
        assertThatThrownBy(() -> PlaceMapping.fromProperties("riverton", p))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("describes a person");
    }

    private static void read(
            String mapping, String file, List<PlaceMessage> places, List<Rejection> rejected)
            throws IOException {
        try (InputStream in = BaltimoreData.open(file)) {
            PlaceMapping.resolve(mapping).read(in, file, LOADED, places::add, rejected::add);
        }
    }
}
