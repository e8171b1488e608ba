package org.zonestat.sim.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.baltimore.BaltimoreData;

/**
 * Every shipped Baltimore file loads through its shipped mapping with exact counts, and gives the
 * same records as the hand-written adapters that the demo and the job's integration test use.
 */
class ShippedMappingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void legacyPart1MappingLoadsAll515RowsWithTheirOddCrimeTimes() throws IOException {
        AdapterResult mapped = load("baltimore-part1-legacy", BaltimoreData.PART1_2018);

        assertThat(mapped.rows()).isEqualTo(515);
        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.events()).hasSize(515);
        // Rows checked by hand against the CSV (local times are America/New_York, EDT in summer).
        assertRecord(
                mapped.events(),
                "L2",
                "2018-07-08T03:53:00Z", // 07/07/2018 23:53:00
                "{\"kind\":\"HOMICIDE\",\"lat\":39.34782,\"lon\":-76.58727,\"district\":\"NORTHEASTERN\"}");
        assertRecord(
                mapped.events(),
                "L40",
                "2018-06-22T05:37:00Z", // 06/22/2018, CrimeTime "137"
                "{\"kind\":\"SHOOTING\",\"address\":\"400 W MULBERRY ST\"}");
        assertRecord(
                mapped.events(),
                "L76",
                "2018-06-10T04:49:00Z", // 06/10/2018, CrimeTime "49"
                "{\"kind\":\"SHOOTING\",\"neighborhood\":\"Cherry Hill\"}");
    }

    @Test
    void traceShootingsMappingLoadsAll3479CasesAtTheStartOfTheirLocalDay() throws IOException {
        AdapterResult mapped = load("baltimore-shootings-trace", BaltimoreData.SHOOTINGS_2012_2017);

        assertThat(mapped.rows()).isEqualTo(3479);
        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.events()).hasSize(3479);
        assertRecord(
                mapped.events(),
                "12V0001",
                "2012-01-01T05:00:00Z", // 2012-01-01, EST
                "{\"kind\":\"SHOOTING\",\"type\":\"NON FATAL SHOOTING\",\"address\":\"500 OAKLAND AV\"}");
        assertThat(mapped.events())
                .filteredOn(e -> e.json().contains("\"HOMICIDE\""))
                .hasSize(1_045 + 176);
    }

    @Test
    void the311MappingExpands3000RowsInto5099LifecycleRecords() throws IOException {
        AdapterResult mapped = load("baltimore-311", BaltimoreData.SERVICE_311_2019);

        assertThat(mapped.rows()).isEqualTo(3000);
        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.events()).hasSize(5099);
        assertThat(mapped.events()).allMatch(e -> e.feed() == Feed.REQUESTS311);
        // Row 1: created 10/21/2019 11:49:49 AM, Open since 11:50:08 AM, due 04/18/2020 11:49:49
        // AM.
        List<RawEvent> first =
                mapped.events().stream().filter(e -> e.key().equals("19-00711545")).toList();
        assertThat(first)
                .extracting(e -> e.occurredAt().toString())
                .containsExactly("2019-10-21T15:49:49Z", "2019-10-21T15:50:08Z");
        assertThat(JSON.readTree(first.get(0).json()).get("status").asText()).isEqualTo("New");
        assertThat(JSON.readTree(first.get(1).json()).get("status").asText()).isEqualTo("Open");
        assertThat(JSON.readTree(first.get(1).json()).get("dueAt").asText())
                .isEqualTo("2020-04-18T15:49:49Z");
    }

    @Test
    void everyShippedMappingNameResolves() {
        for (String name : FeedMapping.SHIPPED) {
            assertThat(FeedMapping.resolve(name).name()).as(name).isEqualTo(name);
        }
        for (String name : PlaceMapping.SHIPPED) {
            assertThat(PlaceMapping.resolve(name)).as(name).isNotNull();
        }
    }

    @Test
    void theIndexesListEveryMappingFileOfTheFolderOnce() throws IOException {
        java.util.List<String> files;
        try (var paths =
                java.nio.file.Files.list(
                        java.nio.file.Path.of("src/main/resources", FeedMapping.SHIPPED_FOLDER))) {
            files =
                    paths.map(p -> p.getFileName().toString())
                            .filter(f -> f.endsWith(".properties"))
                            .map(f -> f.substring(0, f.length() - ".properties".length()))
                            .sorted()
                            .toList();
        }
        java.util.List<String> listed =
                java.util.stream.Stream.concat(
                                FeedMapping.SHIPPED.stream(), PlaceMapping.SHIPPED.stream())
                        .sorted()
                        .toList();
        assertThat(listed).isEqualTo(files);
    }

    static AdapterResult load(String mappingName, String fileName) throws IOException {
        FeedMapping mapping = FeedMapping.shipped(mappingName);
        try (InputStream in = BaltimoreData.open(fileName)) {
            return mapping.adapter().readAll(in, fileName);
        }
    }

    /** The record with this key has this event time and at least these JSON fields. */
    private static void assertRecord(
            List<RawEvent> events, String key, String occurredAt, String fields)
            throws IOException {
        RawEvent e =
                events.stream()
                        .filter(r -> r.key().equals(key))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no record " + key));
        assertThat(e.occurredAt().toString()).as(key).isEqualTo(occurredAt);
        JsonNode json = JSON.readTree(e.json());
        assertThat(json.get("occurredAt").asText()).as(key).isEqualTo(occurredAt);
        JSON.readTree(fields)
                .fields()
                .forEachRemaining(
                        f ->
                                assertThat(json.get(f.getKey()))
                                        .as(key + "." + f.getKey())
                                        .isEqualTo(f.getValue()));
    }

    @Test
    void aShippedCitysFeedMappingResolvesByItsNameAndMergesNewYorksVictimRows() throws IOException {
        FeedMapping mapping = FeedMapping.resolve("nyc-shootings");
        AdapterResult mapped;
        try (InputStream in =
                FeedMapping.class
                        .getClassLoader()
                        .getResourceAsStream("zonestat/cities/nyc/nyc_shootings_2019.csv")) {
            mapped = mapping.adapter().readAll(in, "nyc_shootings_2019.csv");
        }

        assertThat(mapping.name()).isEqualTo("nyc-shootings");
        assertThat(mapped.rows()).isEqualTo(967);
        assertThat(mapped.events()).hasSize(777);
    }

    @Test
    void anUnknownMappingNameListsTheShippedCitiesMappingsToo() {
        assertThatThrownBy(() -> FeedMapping.resolve("no-such-mapping"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("baltimore-shootings-trace")
                .hasMessageContaining("nyc-shootings");
    }
}
