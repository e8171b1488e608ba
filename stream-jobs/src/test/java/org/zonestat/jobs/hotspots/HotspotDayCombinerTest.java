package org.zonestat.jobs.hotspots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.analytics.LocalDayWindows;
import org.zonestat.jobs.model.HotspotFact;
import org.zonestat.jobs.model.IncidentKind;

/** The per-subtask combining of hotspot facts into day parts, in the operator harness. */
class HotspotDayCombinerTest {
    private static final ZoneId BALTIMORE = ZoneId.of("America/New_York");
    // 2019-11-02 00:00 EDT; daylight saving ends on Nov 3, so that local day lasts 25 hours.
    private static final Instant NOV_2 = Instant.parse("2019-11-02T04:00:00Z");
    private static final LocalDayWindows DAYS = new LocalDayWindows(BALTIMORE);

    @Test
    void factsOfOneScopeAndLocalDayBecomeOnePartEmittedBeforeTheNextWatermark() throws Exception {
        try (var h = harness(100)) {
            h.processElement(fact("#h3", "892a100d2c3ffff", "SHOOTING", hours(1)), 0);
            h.processElement(fact("#h3", "892a100d2c3ffff", "SHOOTING", hours(23)), 0);
            h.processElement(fact("#h3", "892a100d2c3ffff", "ROBBERY", hours(2)), 0);
            h.processElement(fact("vri-zones", "Penn North", "SHOOTING", hours(1)), 0);
            // Nov 3 lasts 25 hours: 24 + 24 hours after Nov 2's midnight is still Nov 3, 23:00.
            h.processElement(fact("#h3", "892a100d2c3ffff", "HOMICIDE", hours(48)), 0);
            assertThat(h.getOutput()).isEmpty();

            h.processWatermark(new Watermark(NOV_2.toEpochMilli()));

            List<Object> out = new ArrayList<>(h.getOutput());
            assertThat(out).hasSize(4);
            assertThat(out.get(3)).isEqualTo(new Watermark(NOV_2.toEpochMilli()));
            Map<String, StreamRecord<HotspotDayPart>> parts = new HashMap<>();
            for (Object o : out.subList(0, 3)) {
                @SuppressWarnings("unchecked")
                StreamRecord<HotspotDayPart> r = (StreamRecord<HotspotDayPart>) o;
                parts.put(r.getValue().key() + " " + r.getValue().dayStart(), r);
            }
            long nov3 = DAYS.windowOf(hours(48).toEpochMilli()).getStart();
            assertThat(nov3).isEqualTo(NOV_2.plus(Duration.ofHours(24)).toEpochMilli());
            var cellNov2 = parts.get("892a100d2c3ffff " + NOV_2.toEpochMilli());
            assertThat(cellNov2.getValue())
                    .isEqualTo(
                            new HotspotDayPart(
                                    "#h3",
                                    "892a100d2c3ffff",
                                    NOV_2.toEpochMilli(),
                                    0,
                                    2,
                                    0,
                                    1,
                                    0,
                                    0));
            assertThat(cellNov2.getTimestamp()).isEqualTo(NOV_2.toEpochMilli());
            assertThat(parts.get("892a100d2c3ffff " + nov3).getValue().homicides()).isEqualTo(1);
            assertThat(parts.get("Penn North " + NOV_2.toEpochMilli()).getValue().shootings())
                    .isEqualTo(1);
        }
    }

    @Test
    void nothingIsHeldAcrossACheckpointBarrierTheEndOfInputOrTheLimit() throws Exception {
        try (var h = harness(2)) {
            h.processElement(fact("#h3", "a", "SHOOTING", hours(1)), 0);
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues()).hasSize(1);

            h.processElement(fact("#h3", "a", "SHOOTING", hours(1)), 0);
            h.processElement(fact("#h3", "b", "SHOOTING", hours(1)), 0);
            assertThat(h.extractOutputValues()).as("two parts held: the limit").hasSize(3);

            h.processElement(fact("#h3", "c", "OTHER", hours(1)), 0);
            h.endInput();
            assertThat(h.extractOutputValues()).hasSize(4);
        }
    }

    @Test
    void thePartsOfEachScopeDayAddUpToItsFacts() throws Exception {
        long seed = 20251205;
        Random random = new Random(seed);
        Map<String, long[]> expected = new HashMap<>();
        Map<String, long[]> combined = new HashMap<>();
        try (var h = harness(50)) {
            for (int i = 0; i < 5_000; i++) {
                String key = "cell-" + random.nextInt(40);
                IncidentKind kind = IncidentKind.values()[random.nextInt(6)];
                Instant at = hours(random.nextInt(24 * 10));
                h.processElement(fact("#h3", key, kind.name(), at), 0);
                expected.computeIfAbsent(
                                key + " " + DAYS.windowOf(at.toEpochMilli()).getStart(),
                                k -> new long[6])[kind.ordinal()]++;
                if (random.nextInt(100) == 0) {
                    h.processWatermark(new Watermark(i));
                }
            }
            h.endInput();
            for (HotspotDayPart p : h.extractOutputValues()) {
                long[] c = combined.computeIfAbsent(p.key() + " " + p.dayStart(), k -> new long[6]);
                c[0] += p.homicides();
                c[1] += p.shootings();
                c[2] += p.aggravatedAssaults();
                c[3] += p.robberies();
                c[4] += p.otherViolent();
                c[5] += p.other();
            }
        }
        assertThat(combined.keySet()).as("seed %d", seed).isEqualTo(expected.keySet());
        expected.forEach(
                (k, c) -> assertThat(combined.get(k)).as("seed %d %s", seed, k).containsExactly(c));
    }

    private static Instant hours(int h) {
        return NOV_2.plus(Duration.ofHours(h));
    }

    private static HotspotFact fact(String scope, String key, String kind, Instant at) {
        return new HotspotFact(scope, key, "incident/test/" + at + key, kind, at);
    }

    private static OneInputStreamOperatorTestHarness<HotspotFact, HotspotDayPart> harness(
            int maxParts) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new HotspotDayCombiner(DAYS, maxParts));
        h.open();
        return h;
    }
}
