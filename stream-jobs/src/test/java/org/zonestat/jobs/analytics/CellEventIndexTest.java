package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.model.CellEvent;

/** The per-cell index of the near-repeat and tip joins, against a scan of every event. */
class CellEventIndexTest {
    private static final long SEED = Long.getLong("zonestat.seed", 20241204L);
    private static final double R = 400;
    private static final long WINDOW = 14 * 24 * 3_600_000L;
    private static final Instant T0 = Instant.parse("2018-07-07T23:53:00Z");

    @Test
    void everyEventWithinTheRadiusAndWindowIsOfferedOnceWhateverItsPlaceAndTime() {
        SplittableRandom random = new SplittableRandom(SEED);
        CellEventIndex index = new CellEventIndex(R, WINDOW);
        List<CellEvent> all = new ArrayList<>();
        // Points packed into a few km around Baltimore, many of them within the radius of others,
        // over 200 days (about 14 windows), added out of time order.
        int days = 200;
        for (int i = 0; i < 2_000; i++) {
            CellEvent e =
                    event(
                            "e" + i,
                            -76.65 + random.nextDouble() * 0.04,
                            39.28 + random.nextDouble() * 0.03,
                            random.nextInt(days * 24 * 60));
            all.add(e);
            index.add(e, i);
        }
        for (int q = 0; q < 500; q++) {
            double lon = -76.66 + random.nextDouble() * 0.06;
            double lat = 39.27 + random.nextDouble() * 0.05;
            // Times on slot edges too: whole windows from the epoch.
            long at =
                    q % 10 == 0
                            ? Math.floorDiv(T0.toEpochMilli(), WINDOW) * WINDOW
                                    + WINDOW * random.nextInt(days / 14)
                            : T0.toEpochMilli() + random.nextLong((days + 20) * 86_400_000L);
            List<String> offered = new ArrayList<>();
            index.forEachNear(lon, lat, at, e -> offered.add(e.eventId()));
            assertThat(offered).as("seed %d: offered once", SEED).doesNotHaveDuplicates();
            Set<String> offeredSet = new HashSet<>(offered);
            for (CellEvent e : all) {
                if (Distances.meters(lon, lat, e.lon(), e.lat()) <= R
                        && Math.abs(e.occurredAt().toEpochMilli() - at) <= WINDOW) {
                    assertThat(offeredSet)
                            .as(
                                    "seed %d: %s within %s m of (%s, %s) and the window of %s",
                                    SEED, e.eventId(), R, lon, lat, at)
                            .contains(e.eventId());
                }
            }
            assertThat(offered.size())
                    .as("seed %d: only nearby buckets and time slots are read", SEED)
                    .isLessThan(all.size() / 20);
        }
    }

    @Test
    void expiryTakesExactlyTheEventsDueAndEmptiesTheIndex() {
        CellEventIndex index = new CellEventIndex(R, WINDOW);
        index.add(event("a", -76.64, 39.30, 0), 100);
        index.add(event("b", -76.64, 39.30, 1), 200);
        index.add(event("a", -76.64, 39.30, 2), 300); // the same id again: kept once

        assertThat(index.expire(99)).isEmpty();
        assertThat(index.expire(150)).containsExactly("a");
        assertThat(index.contains("a")).isFalse();
        assertThat(index.contains("b")).isTrue();
        assertThat(index.expire(200)).containsExactly("b");
        assertThat(index.isEmpty()).isTrue();
        List<String> offered = new ArrayList<>();
        index.forEachNear(-76.64, 39.30, T0.toEpochMilli(), e -> offered.add(e.eventId()));
        assertThat(offered).isEmpty();
    }

    private static CellEvent event(String id, double lon, double lat, int minutes) {
        return new CellEvent(
                "872aa8",
                "872aa8",
                id,
                "SHOOTING",
                T0.plusSeconds(60L * minutes),
                lon,
                lat,
                Map.of());
    }
}
