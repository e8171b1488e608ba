package org.zonestat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.JobConfig;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.mapping.FeedMapping;
import org.zonestat.sim.mapping.RecordSink;
import org.zonestat.sim.mapping.Rejection;

/**
 * The history benchmark's files: in the layouts the backfill's shipped mappings read, every row
 * readable, the 311 rows in the shipped proportion, ten years, and the same files for the same
 * seed.
 */
class HistoryInputTest {
    private static final long SEED = 7;
    private static final List<ZoneLayerSpec> LAYERS = JobConfig.defaults("127.0.0.1:9").layers();

    @TempDir Path dir;

    @Test
    void theFilesAreReadWholeByTheBackfillsMappingsInTheShippedProportion() throws Exception {
        HistoryInput input = HistoryInput.write(dir, 2_000, SEED, LAYERS);

        assertThat(HistoryInput.requestRowsFor(1_000_000)).isEqualTo(751_127);
        assertThat(input.requestRows()).isEqualTo(HistoryInput.requestRowsFor(2_000));
        assertThat(Files.lines(input.incidents()).count() - 1).isEqualTo(2_000);
        assertThat(Files.lines(input.requests311()).count() - 1).isEqualTo(input.requestRows());

        List<RawEvent> incidents = read(input.incidents(), "baltimore-part1-legacy", 2_000);
        List<RawEvent> requests = read(input.requests311(), "baltimore-311", input.requestRows());
        assertThat(requests.size())
                .isBetween((int) input.requestRows(), 2 * (int) input.requestRows());
        for (List<RawEvent> records : List.of(incidents, requests)) {
            assertThat(records)
                    .allSatisfy(
                            r ->
                                    assertThat(r.occurredAt().toString())
                                            .isBetween("2010-01-01", "2021"));
            assertThat(records.stream().map(r -> r.occurredAt().toString().substring(0, 4)))
                    .as("every year of the ten")
                    .contains("2010", "2013", "2016", "2019");
        }
        assertThat(incidents.stream().map(RawEvent::key).distinct()).hasSize(2_000);
        assertThat(input.gunViolenceByLayer())
                .containsOnlyKeys(LAYERS.stream().map(ZoneLayerSpec::id).toList());
        assertThat(input.gunViolenceByLayer().values())
                .allSatisfy(n -> assertThat(n).isBetween(1L, 2_000L));
    }

    @Test
    void theSameSeedWritesTheSameFiles() throws Exception {
        HistoryInput a =
                HistoryInput.write(Files.createDirectory(dir.resolve("a")), 1_000, SEED, LAYERS);
        HistoryInput b =
                HistoryInput.write(Files.createDirectory(dir.resolve("b")), 1_000, SEED, LAYERS);
        assertThat(Files.readString(a.incidents())).isEqualTo(Files.readString(b.incidents()));
        assertThat(Files.readString(a.requests311())).isEqualTo(Files.readString(b.requests311()));
        assertThat(a.gunViolenceByLayer()).isEqualTo(b.gunViolenceByLayer());
    }

    /** The records a shipped mapping reads from {@code file}; every row must be readable. */
    private static List<RawEvent> read(Path file, String mapping, long rows) throws Exception {
        List<RawEvent> records = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        long[] good = new long[1];
        try (InputStream in = Files.newInputStream(file)) {
            FeedMapping.resolve(mapping)
                    .adapter()
                    .read(
                            in,
                            file.toString(),
                            new RecordSink() {
                                @Override
                                public void accepted(List<RawEvent> r) {
                                    good[0]++;
                                    records.addAll(r);
                                }

                                @Override
                                public void rejected(Rejection r) {
                                    rejected.add(r);
                                }
                            });
        }
        assertThat(rejected).as("rows %s cannot read", mapping).isEmpty();
        assertThat(good[0]).isEqualTo(rows);
        return records;
    }
}
