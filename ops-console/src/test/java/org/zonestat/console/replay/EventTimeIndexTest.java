package org.zonestat.console.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.zonestat.console.replay.EventTimeIndex.Coverage;
import org.zonestat.console.replay.EventTimeIndex.Stretch;

class EventTimeIndexTest {
    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);

    @Test
    void a_block_closes_at_its_size_and_spans_up_to_the_next_blocks_first_offset() {
        EventTimeIndex index = new EventTimeIndex(3);
        long[] times = {10, 11, 12, 50, 51, 52, 20, 21};
        for (int i = 0; i < times.length; i++) {
            index.add(P0, i, times[i]);
        }
        index.indexedTo(P0, times.length);

        assertThat(index.blocks()).isEqualTo(3);
        assertThat(index.records()).isEqualTo(8);
        assertThat(index.covering(P0, 12, 12).stretches()).containsExactly(new Stretch(0, 3));
        assertThat(index.covering(P0, 13, 19).stretches()).isEmpty();
        assertThat(index.covering(P0, 13, 49).stretches()).containsExactly(new Stretch(6, 8));
        assertThat(index.covering(P0, 52, 52).stretches()).containsExactly(new Stretch(3, 6));
        assertThat(index.covering(P0, 0, 100).stretches())
                .as("touching blocks make one stretch")
                .containsExactly(new Stretch(0, 8));
        assertThat(index.covering(P0, 12, 20).stretches())
                .containsExactly(new Stretch(0, 3), new Stretch(6, 8));
    }

    @Test
    void the_open_tail_block_is_found_and_runs_to_the_indexed_end() {
        EventTimeIndex index = new EventTimeIndex(4);
        index.add(P0, 0, 100);
        index.add(P0, 1, 101);
        index.indexedTo(P0, 5); // offsets 2..4: an aborted transaction and its marker

        Coverage c = index.covering(P0, 101, 101);
        assertThat(c.stretches()).containsExactly(new Stretch(0, 5));
        assertThat(c.indexedEnd()).isEqualTo(5);
        assertThat(index.covering(P0, 102, 200).stretches()).isEmpty();
        assertThat(index.covering(P0, 102, 200).indexedEnd()).isEqualTo(5);

        index.add(P0, 5, 300);
        assertThat(index.covering(P0, 300, 300).stretches()).containsExactly(new Stretch(0, 6));
    }

    @Test
    void offsets_between_records_belong_to_the_block_before_them() {
        EventTimeIndex index = new EventTimeIndex(2);
        index.add(P0, 0, 1);
        index.add(P0, 1, 2);
        index.add(P0, 7, 9); // 2..6 held no committed record
        index.indexedTo(P0, 8);

        assertThat(index.covering(P0, 2, 2).stretches()).containsExactly(new Stretch(0, 7));
        assertThat(index.covering(P0, 9, 9).stretches()).containsExactly(new Stretch(7, 8));
    }

    @Test
    void partitions_are_apart_an_unknown_one_is_empty_and_reset_forgets_one() {
        EventTimeIndex index = new EventTimeIndex(2);
        index.add(P0, 0, 5);
        index.add(P1, 0, 500);
        index.add(P0, 0, 999); // already indexed: ignored

        assertThat(index.covering(P0, 500, 999).stretches()).isEmpty();
        assertThat(index.covering(P1, 500, 500).stretches()).containsExactly(new Stretch(0, 1));
        Coverage unknown = index.covering(new TopicPartition("alerts", 0), 0, 1000);
        assertThat(unknown.stretches()).isEmpty();
        assertThat(unknown.indexedEnd()).isZero();

        index.reset(P1);
        assertThat(index.indexedEnd(P1)).isZero();
        assertThat(index.records()).isEqualTo(1);
    }

    @Test
    void a_time_range_covers_its_records_and_exactly_the_blocks_that_overlap_it() {
        long seed = 20151012L;
        Random random = new Random(seed);
        int blockRecords = 16;
        EventTimeIndex index = new EventTimeIndex(blockRecords);
        List<long[]> records = new ArrayList<>(); // offset, timestamp
        long offset = 0;
        // Recent history first, then old history appended in time order, with gaps.
        for (int i = 0; i < 2000; i++) {
            long time = i < 1200 ? 2_000_000 + random.nextInt(1_000_000) : 10 * (i - 1200L);
            offset += random.nextInt(10) == 0 ? 3 : 1;
            index.add(P0, offset, time);
            records.add(new long[] {offset, time});
        }
        index.indexedTo(P0, offset + 1);

        for (int q = 0; q < 200; q++) {
            long min = random.nextInt(3_000_000);
            long max = min + random.nextInt(q % 2 == 0 ? 100 : 100_000);
            List<Stretch> stretches = index.covering(P0, min, max).stretches();
            for (long[] r : records) {
                if (r[1] >= min && r[1] <= max) {
                    assertThat(stretches.stream().anyMatch(s -> r[0] >= s.from() && r[0] < s.to()))
                            .as(
                                    "seed %d: record at %d (time %d) in [%d, %d]",
                                    seed, r[0], r[1], min, max)
                            .isTrue();
                }
            }
            // Brute force: the blocks, as runs of blockRecords records, that overlap the range.
            long expected = 0;
            for (int b = 0; b < records.size(); b += blockRecords) {
                List<long[]> block = records.subList(b, Math.min(records.size(), b + blockRecords));
                if (overlaps(block, min, max)) {
                    expected += block.size();
                }
            }
            long covered =
                    records.stream()
                            .filter(
                                    r ->
                                            stretches.stream()
                                                    .anyMatch(
                                                            s -> r[0] >= s.from() && r[0] < s.to()))
                            .count();
            assertThat(covered)
                    .as("seed %d: records in [%d, %d]", seed, min, max)
                    .isEqualTo(expected);
        }
        assertThat(index.blocks()).isEqualTo(2000 / blockRecords);
    }

    /** Whether the block's least and greatest timestamps enclose part of {@code [min, max]}. */
    private static boolean overlaps(List<long[]> block, long min, long max) {
        long lo = block.stream().mapToLong(r -> r[1]).min().orElseThrow();
        long hi = block.stream().mapToLong(r -> r[1]).max().orElseThrow();
        return lo <= max && hi >= min;
    }

    @Test
    void a_block_size_below_one_and_a_backwards_stretch_are_refused() {
        assertThatThrownBy(() -> new EventTimeIndex(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blockRecords");
        assertThatThrownBy(() -> new Stretch(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5, 4)");
    }
}
