package org.zonestat.sim.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.RawEvent;

/** {@code id.repeats=merge}: rows that share an id (one per victim) become one incident. */
class RepeatedIdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAPPING =
            """
            feed=incidents
            source=victims
            id.column=key
            id.repeats=merge
            id.repeats.count-field=victims
            time.column=date
            time.formats=yyyy-MM-dd
            kind.column=died
            kind.values=TRUE -> HOMICIDE; FALSE -> SHOOTING
            lat.column=lat
            lon.column=lon
            """;

    @Test
    void rowsOfOneIdAreOneRecordWithTheMostSevereKindAndTheNumberOfRows() throws IOException {
        AdapterResult result =
                read(
                        MAPPING,
                        """
                        key,date,died,lat,lon
                        A,2019-01-01,FALSE,40.70,-73.90
                        B,2019-01-02,FALSE,40.71,-73.91
                        A,2019-01-01,TRUE,40.70,-73.90
                        C,2019-01-03,TRUE,40.72,-73.92
                        A,2019-01-01,FALSE,40.70,-73.90
                        B,not a date,FALSE,40.71,-73.91
                        """);

        assertThat(result.rows()).isEqualTo(6);
        assertThat(result.problems()).singleElement().asString().contains(":7: 'not a date'");
        List<JsonNode> records = json(result.events());
        assertThat(records).extracting(r -> r.get("id").asText()).containsExactly("A", "B", "C");
        assertThat(records)
                .extracting(r -> r.get("kind").asText())
                .containsExactly("HOMICIDE", "SHOOTING", "HOMICIDE");
        assertThat(records).extracting(r -> r.get("victims").asInt()).containsExactly(3, 1, 1);
        assertThat(result.events().get(0).occurredAt()).hasToString("2019-01-01T00:00:00Z");
    }

    @Test
    void withoutTheKeyEveryRowIsItsOwnRecord() throws IOException {
        AdapterResult result =
                read(
                        MAPPING.replace("id.repeats=merge\nid.repeats.count-field=victims\n", ""),
                        "key,date,died,lat,lon\nA,2019-01-01,FALSE,1,1\nA,2019-01-01,TRUE,1,1\n");

        assertThat(result.events()).hasSize(2);
    }

    @Test
    void aMergeThatCannotWorkIsRefusedWhenTheMappingIsRead() {
        assertThatThrownBy(() -> mapping(MAPPING.replace("id.repeats=merge", "id.repeats=sum")))
                .hasMessageContaining("id.repeats must be keep or merge, was 'sum'");
        assertThatThrownBy(() -> mapping(MAPPING.replace("id.column=key\n", "")))
                .hasMessageContaining("id.repeats=merge needs id.column");
        assertThatThrownBy(
                        () -> mapping(MAPPING.replace("count-field=victims", "count-field=kind")))
                .hasMessageContaining("id.repeats.count-field 'kind' is already a field");
        assertThatThrownBy(() -> mapping(MAPPING.replace("id.repeats=merge\n", "")))
                .hasMessageContaining("id.repeats.count-field needs id.repeats=merge");
    }

    private static AdapterResult read(String mapping, String csv) throws IOException {
        return mapping(mapping)
                .adapter()
                .readAll(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "v.csv");
    }

    private static FeedMapping mapping(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return FeedMapping.fromProperties("victims", p);
    }

    private static List<JsonNode> json(List<RawEvent> events) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (RawEvent e : events) {
            out.add(JSON.readTree(e.json()));
        }
        return out;
    }
}
