package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.zonestat.console.scorecard.PublicScorecard.Quarter;

/**
 * Differencing attacks on the public rule ({@link PublicScorecard}): whatever a member of the
 * public can see of a cell (zone × quarter) never pins down a count from 1 to 4, and the periods on
 * offer never overlap, so two answers cannot be subtracted to isolate one.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PublicDifferencingTest {
    private static final long SEED = 20181107L;
    private static final List<String> ALL =
            PublicScorecard.KINDS.stream().map(Kind::field).toList();

    /** What the public sees of a cell, for every kind. */
    private static List<Object> view(long homicides, long shootings, long other) {
        Map<String, Long> counts = new HashMap<>();
        counts.put("homicides", homicides);
        counts.put("shootings", shootings);
        counts.put("otherViolent", other);
        counts.put("requestsOpened", 0L);
        counts.put("requestsClosed", 0L);
        List<Object> view = new ArrayList<>();
        PublicScorecard.counts(counts, ALL)
                .values()
                .forEach(c -> view.add(c == null ? null : c.shown()));
        view.add(new PublicScorecard.Count(PublicScorecard.total(counts)).shown());
        return view;
    }

    @Test
    void no_published_view_of_a_cell_pins_down_a_homicide_or_shooting_count_from_1_to_4() {
        // The attacker knows the rule and enumerates every (homicides, shootings) pair that gives
        // the view they see; a small count is given away if all those pairs agree on it.
        Map<List<Object>, List<long[]>> pairsByView = new HashMap<>();
        for (long ch = 0; ch <= 60; ch++) {
            for (long cs = 0; cs <= 60; cs++) {
                pairsByView
                        .computeIfAbsent(view(ch, cs, 0), v -> new ArrayList<>())
                        .add(new long[] {ch, cs});
            }
        }
        Random random = new Random(SEED);
        int cells = 0;
        int withheld = 0;
        for (int i = 0; i < 3_000; i++) {
            long h = random.nextInt(4) == 0 ? random.nextInt(12) : random.nextInt(3);
            long s = random.nextInt(3) == 0 ? random.nextInt(40) : random.nextInt(6);
            List<Object> seen = view(h, s, 0);
            List<long[]> consistent = pairsByView.getOrDefault(seen, List.of());
            assertThat(consistent).as("seed %d, cell %d", SEED, i).isNotEmpty();
            for (int k = 0; k < 2; k++) {
                int which = k;
                long[] values = consistent.stream().mapToLong(p -> p[which]).distinct().toArray();
                boolean pinnedSmall = values.length == 1 && values[0] >= 1 && values[0] <= 4;
                assertThat(pinnedSmall)
                        .as(
                                "seed %d: homicides %d, shootings %d seen as %s gives %s away",
                                SEED, h, s, seen, k == 0 ? "homicides" : "shootings")
                        .isFalse();
            }
            cells++;
            if (seen.get(0) == null) {
                withheld++;
            }
        }
        System.out.printf(
                "public differencing: %d random cells (seed %d), %d with counts withheld, none"
                        + " pinned a count from 1 to 4%n",
                cells, SEED, withheld);
    }

    @Test
    void asking_fewer_kinds_changes_no_figure_of_a_cell() {
        Map<String, Long> counts =
                Map.of(
                        "homicides", 1L,
                        "shootings", 13L,
                        "otherViolent", 7L,
                        "requestsOpened", 3L,
                        "requestsClosed", 0L);
        Map<String, PublicScorecard.Count> all = PublicScorecard.counts(counts, ALL);
        for (int mask = 1; mask < 1 << ALL.size(); mask++) {
            List<String> asked = new ArrayList<>();
            for (int k = 0; k < ALL.size(); k++) {
                if ((mask & 1 << k) != 0) {
                    asked.add(ALL.get(k));
                }
            }
            Map<String, PublicScorecard.Count> some = PublicScorecard.counts(counts, asked);
            asked.forEach(
                    k -> assertThat(some.get(k)).as(k + " of " + asked).isEqualTo(all.get(k)));
        }
        assertThat(all.get("homicides")).as("14 - 13 would give 1 away").isNull();
        assertThat(all.get("shootings")).isNull();
        assertThat(PublicScorecard.total(counts))
                .as("the total is homicides + shootings whatever is asked")
                .isEqualTo(14);
    }

    @Test
    void quarters_never_overlap_and_only_complete_ones_are_published() {
        LocalDate day = LocalDate.of(2016, 1, 1);
        Quarter q = Quarter.of(day);
        while (day.getYear() < 2020) {
            Quarter next = Quarter.of(day);
            if (!next.equals(q)) {
                assertThat(next.first()).isEqualTo(q.last().plusDays(1));
                q = next;
            }
            assertThat(day).isBetween(q.first(), q.last());
            day = day.plusDays(1);
        }
        assertThat(Quarter.latestCompleteOn(LocalDate.of(2018, 7, 7))).hasToString("2018-Q2");
        assertThat(Quarter.latestCompleteOn(LocalDate.of(2018, 6, 30))).hasToString("2018-Q2");
        assertThat(Quarter.latestCompleteOn(LocalDate.of(2018, 6, 29))).hasToString("2018-Q1");
        assertThatThrownBy(
                        () ->
                                PublicScorecard.requireComplete(
                                        Quarter.parse("2018-Q3"), LocalDate.of(2018, 7, 7)))
                .hasMessageContaining("not complete")
                .hasMessageContaining("2018-Q2");
        assertThatThrownBy(() -> Quarter.parse("2018-07"))
                .hasMessageContaining("calendar quarter like 2018-Q2");
    }
}
