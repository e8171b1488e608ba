package org.zonestat.sim.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
    void legacyPart1MappingLoadsAll515RowsLikeTheHandWrittenAdapter() throws IOException {
        AdapterResult mapped = load("baltimore-part1-legacy", BaltimoreData.PART1_2018);

        assertThat(mapped.rows()).isEqualTo(515);
        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.events()).hasSize(515);
        assertSameRecords(mapped.events(), BaltimoreData.part1Of2018().events());
    }

    @Test
    void traceShootingsMappingLoadsAll3479CasesLikeTheHandWrittenAdapter() throws IOException {
        AdapterResult mapped = load("baltimore-shootings-trace", BaltimoreData.SHOOTINGS_2012_2017);

        assertThat(mapped.rows()).isEqualTo(3479);
        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.events()).hasSize(3479);
        assertSameRecords(mapped.events(), BaltimoreData.shootings2012To2017().events());
    }

    @Test
    void the311MappingExpands3000RowsInto5099LifecycleRecordsLikeTheHandWrittenAdapter() throws IOException {
        AdapterResult mapped = load("baltimore-311", BaltimoreData.SERVICE_311_2019);

        assertThat(mapped.rows()).isEqualTo(3000);
        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.events()).hasSize(5099);
        assertThat(mapped.events()).allMatch(e -> e.feed() == Feed.REQUESTS311);
        assertSameRecords(mapped.events(), BaltimoreData.requests311Of2019().events());
    }

    @Test
    void everyShippedMappingNameResolves() {
        for (String name : FeedMapping.SHIPPED) {
            assertThat(FeedMapping.resolve(name).name()).as(name).isEqualTo(name);
        }
    }

    static AdapterResult load(String mappingName, String fileName) throws IOException {
        FeedMapping mapping = FeedMapping.shipped(mappingName);
        try (InputStream in = BaltimoreData.open(fileName)) {
            return mapping.adapter().readAll(in, fileName);
        }
    }

    private static void assertSameRecords(List<RawEvent> mapped, List<RawEvent> handWritten) throws IOException {
        assertThat(mapped).hasSameSizeAs(handWritten);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < mapped.size(); i++) {
            RawEvent m = mapped.get(i);
            RawEvent h = handWritten.get(i);
            boolean same = m.key().equals(h.key()) && m.occurredAt().equals(h.occurredAt()) && m.feed() == h.feed()
                    && JSON.readTree(m.json()).equals(JSON.readTree(h.json()));
            if (!same) {
                differences.add(i + ": " + m + " vs " + h);
            }
        }
        assertThat(differences).as("records that differ from the hand-written adapter's").isEmpty();
    }
}
