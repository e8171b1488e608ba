package org.zonestat.sim.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.Feed;

/** Exports with layouts no code knows about load through a mapping file alone. */
class CustomLayoutMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMadeUpCityExportLoadsThroughItsMappingFileAlone() throws Exception {
        FeedMapping mapping = FeedMapping.load(resource("mappings/riverton-incidents.properties"));
        Path csv = resource("mappings/riverton-incidents.csv");

        AdapterResult result;
        try (InputStream in = Files.newInputStream(csv)) {
            result = mapping.adapter().readAll(in, "riverton-incidents.csv");
        }

        assertThat(result.rows()).isEqualTo(6);
        assertThat(result.events()).hasSize(3);
        assertThat(result.problems())
                .containsExactly(
                        "riverton-incidents.csv:5: '31.02.2024' matches none of the time formats [dd.MM.yyyy]",
                        "riverton-incidents.csv:6: column 'Report Number' is empty",
                        "riverton-incidents.csv:7: the row has 7 fields, the header 9");

        List<JsonNode> records = json(result);
        JsonNode first = records.get(0);
        assertThat(first.get("id").asText()).isEqualTo("R-0001");
        assertThat(first.get("source").asText()).isEqualTo("riverton-pd");
        assertThat(first.get("kind").asText()).isEqualTo("SHOOTING");
        assertThat(first.get("type").asText()).isEqualTo("GUNSHOT WOUND");
        assertThat(first.get("occurredAt").asText()).isEqualTo("2024-02-03T21:15:00Z");
        assertThat(first.get("lat").asDouble()).isEqualTo(48.8566);
        assertThat(first.get("lon").asDouble()).isEqualTo(2.3522);
        assertThat(first.get("address").asText()).isEqualTo("12 Quai Ouest, Riverton");
        assertThat(first.get("beat").asText()).isEqualTo("B7");
        assertThat(first.get("shots").asInt()).isEqualTo(3);
        assertThat(first.has("Victim Age")).isFalse();
        assertThat(result.events().get(0).feed()).isEqualTo(Feed.INCIDENTS);

        assertThat(records.get(1).get("kind").asText())
                .as("exact values match case-insensitively")
                .isEqualTo("HOMICIDE");
        assertThat(records.get(1).get("occurredAt").asText()).isEqualTo("2024-02-03T00:05:00Z");
        assertThat(records.get(2).get("kind").asText()).as("the default kind").isEqualTo("OTHER");
        assertThat(records.get(2).get("occurredAt").asText())
                .as("an empty time is the start of the day")
                .isEqualTo("2024-02-03T23:00:00Z");
        assertThat(records.get(2).has("shots")).as("an absent number is left out").isFalse();
        assertThat(records.get(2).get("lat").asDouble()).isEqualTo(48.85);
    }

    @Test
    void theNewerPart1LayoutLoadsWithoutAnyPersonField() throws Exception {
        FeedMapping mapping = FeedMapping.shipped("baltimore-part1");
        AdapterResult result;
        try (InputStream in =
                Files.newInputStream(resource("mappings/baltimore-part1-2022-sample.csv"))) {
            result = mapping.adapter().readAll(in, "part1-2022.csv");
        }

        assertThat(result.events()).hasSize(4);
        assertThat(result.problems())
                .singleElement()
                .asString()
                .startsWith(
                        "part1-2022.csv:6: 'yesterday evening' matches none of the time formats");
        List<JsonNode> records = json(result);
        assertThat(records)
                .extracting(r -> r.get("kind").asText())
                .containsExactly("SHOOTING", "HOMICIDE", "OTHER_VIOLENT", "ROBBERY");
        assertThat(records)
                .extracting(r -> r.get("occurredAt").asText())
                .containsExactly(
                        "2022-06-08T23:30:00Z",
                        "2022-06-09T03:30:00Z",
                        "2022-06-09T01:05:00Z",
                        "2022-06-09T02:00:00Z");
        assertThat(records.get(2).get("lat").asDouble())
                .as("lat/lon from GeoLocation when the columns are empty")
                .isEqualTo(39.3036757);
        assertThat(records.get(1).get("vriName").asText()).isEqualTo("Western");
        for (JsonNode r : records) {
            List<String> names = new ArrayList<>();
            r.fieldNames().forEachRemaining(names::add);
            assertThat(names)
                    .doesNotContain(
                            "Gender",
                            "Age",
                            "Race",
                            "Ethnicity",
                            "gender",
                            "age",
                            "race",
                            "ethnicity");
            assertThat(r.toString()).doesNotContain("BLACK_OR_AFRICAN_AMERICAN", "HISPANIC");
        }
    }

    private static List<JsonNode> json(AdapterResult result) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (var e : result.events()) {
            nodes.add(JSON.readTree(e.json()));
        }
        return nodes;
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(CustomLayoutMappingTest.class.getClassLoader().getResource(name).toURI());
    }
}
