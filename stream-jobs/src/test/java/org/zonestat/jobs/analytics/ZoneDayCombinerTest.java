package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * When {@link ZoneDayCombiner} passes its parts on, in the operator harness: before a watermark,
 * before a checkpoint barrier, before its input turns idle, at the end of the input and when it
 * holds too many zone-days; a fact of a day already ended goes on at once, alone.
 */
class ZoneDayCombinerTest {
    // 2018-11-04 in Baltimore is the fall-back day: 04:00Z to 2018-11-05T05:00Z, 25 hours.
    private static final Instant NOV_4 = Instant.parse("2018-11-04T04:00:00Z");
    private static final Instant NOV_5 = Instant.parse("2018-11-05T05:00:00Z");
    private static final LocalDayWindows DAYS =
            new LocalDayWindows(AnalyticsConfig.defaults().timeZone());

    @Test
    void theFactsOfAZoneDayGoOnAsOnePartBeforeTheNextWatermark() throws Exception {
        try (var h = harness(10)) {
            h.processElement(fact("Canton", ZoneMeasure.SHOOTING, "2018-11-04T12:00:00Z"));
            h.processElement(fact("Canton", ZoneMeasure.SHOOTING, "2018-11-05T04:30:00Z"));
            h.processElement(fact("Canton", ZoneMeasure.HOMICIDE, "2018-11-04T05:00:00Z"));
            h.processElement(fact("Canton", ZoneMeasure.TIP, "2018-11-05T05:00:00Z")); // next day
            h.processElement(fact("Penn North", ZoneMeasure.TIP, "2018-11-04T13:00:00Z"));
            assertThat(h.getOutput()).as("held until the watermark").isEmpty();

            h.processWatermark(NOV_4.toEpochMilli());

            List<Object> out = List.copyOf(h.getOutput());
            assertThat(out).hasSize(4);
            assertThat(out.get(3)).isEqualTo(new Watermark(NOV_4.toEpochMilli()));
            List<ZoneDayPart> parts = parts(out.subList(0, 3));
            assertThat(parts)
                    .extracting(p -> p.key().substring(p.key().indexOf(ZoneKey.SEPARATOR) + 1))
                    .containsExactlyInAnyOrder("Canton", "Canton", "Penn North");
            ZoneDayPart cantonNov4 =
                    parts.stream()
                            .filter(p -> p.key().endsWith("Canton"))
                            .filter(p -> p.dayStart() == NOV_4.toEpochMilli())
                            .findFirst()
                            .orElseThrow();
            assertThat(cantonNov4.facts()).isEqualTo(3);
            assertThat(cantonNov4.tally().shootings).isEqualTo(2);
            assertThat(cantonNov4.tally().homicides).isEqualTo(1);
            assertThat(parts)
                    .filteredOn(p -> p.dayStart() == NOV_5.toEpochMilli())
                    .singleElement()
                    .satisfies(p -> assertThat(p.tally().tips).isEqualTo(1));
            assertThat(((ZoneDayCombiner) h.getOneInputOperator()).held()).isZero();
        }
    }

    @Test
    void nothingIsHeldAcrossACheckpointBarrier() throws Exception {
        try (var h = harness(10)) {
            h.processElement(fact("Canton", ZoneMeasure.SHOOTING, "2018-11-04T12:00:00Z"));
            h.processElement(fact("Canton", ZoneMeasure.SHOOTING, "2018-11-04T13:00:00Z"));

            h.prepareSnapshotPreBarrier(1);

            assertThat(parts(h.getOutput()))
                    .singleElement()
                    .satisfies(p -> assertThat(p.facts()).isEqualTo(2));
            assertThat(((ZoneDayCombiner) h.getOneInputOperator()).held()).isZero();
        }
    }

    @Test
    void thePartsGoOnWhenTheInputTurnsIdleAndAtItsEnd() throws Exception {
        try (var h = harness(10)) {
            h.processElement(fact("Canton", ZoneMeasure.SHOOTING, "2018-11-04T12:00:00Z"));
            h.processWatermarkStatus(WatermarkStatus.IDLE);
            assertThat(List.copyOf(h.getOutput()))
                    .hasSize(2)
                    .last()
                    .as("the part first, then the status")
                    .isEqualTo(WatermarkStatus.IDLE);

            h.processElement(fact("Canton", ZoneMeasure.TIP, "2018-11-04T12:00:00Z"));
            h.endInput();
            assertThat(parts(h.getOutput()))
                    .hasSize(2)
                    .last()
                    .satisfies(p -> assertThat(p.tally().tips).isEqualTo(1));
        }
    }

    @Test
    void itPassesItsPartsOnWhenItHoldsTooManyZoneDays() throws Exception {
        try (var h = harness(2)) {
            h.processElement(fact("Canton", ZoneMeasure.SHOOTING, "2018-11-04T12:00:00Z"));
            h.processElement(fact("Canton", ZoneMeasure.SHOOTING, "2018-11-04T13:00:00Z"));
            assertThat(h.getOutput()).isEmpty();

            h.processElement(fact("Penn North", ZoneMeasure.TIP, "2018-11-04T13:00:00Z"));

            assertThat(parts(h.getOutput()))
                    .extracting(ZoneDayPart::facts)
                    .containsExactlyInAnyOrder(2L, 1L);
            assertThat(((ZoneDayCombiner) h.getOneInputOperator()).held()).isZero();
        }
    }

    @Test
    void aFactOfADayAlreadyEndedGoesOnAtOnceAloneWithItsTimestamp() throws Exception {
        try (var h = harness(10)) {
            h.processWatermark(NOV_5.toEpochMilli() - 1); // the fall-back day has ended
            h.getOutput().clear();

            h.processElement(
                    new StreamRecord<>(
                            new ZoneFact(
                                    "neighborhoods",
                                    "Canton",
                                    ZoneMeasure.OPEN_CHANGE,
                                    "19-1",
                                    Instant.parse("2018-11-05T04:59:59Z"),
                                    1),
                            NOV_5.toEpochMilli() + 7));
            h.processElement(fact("Canton", ZoneMeasure.SHOOTING, "2018-11-05T05:00:00Z"));

            assertThat(List.copyOf(h.getOutput()))
                    .singleElement()
                    .isInstanceOfSatisfying(
                            StreamRecord.class,
                            r -> {
                                assertThat(r.getTimestamp()).isEqualTo(NOV_5.toEpochMilli() + 7);
                                ZoneDayPart p = (ZoneDayPart) r.getValue();
                                assertThat(p.dayStart()).isEqualTo(NOV_4.toEpochMilli());
                                assertThat(p.facts()).isEqualTo(1);
                                assertThat(p.tally().openChange).isEqualTo(1);
                            });
            assertThat(((ZoneDayCombiner) h.getOneInputOperator()).held())
                    .as("the next day is still open")
                    .isEqualTo(1);
        }
    }

    private static OneInputStreamOperatorTestHarness<ZoneFact, ZoneDayPart> harness(int maxZoneDays)
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ZoneDayCombiner(DAYS, maxZoneDays));
        h.open();
        return h;
    }

    private static StreamRecord<ZoneFact> fact(String zone, ZoneMeasure measure, String at) {
        Instant t = Instant.parse(at);
        return new StreamRecord<>(
                new ZoneFact("neighborhoods", zone, measure, zone + "/" + at, t), t.toEpochMilli());
    }

    private static List<ZoneDayPart> parts(Iterable<Object> output) {
        List<ZoneDayPart> parts = new ArrayList<>();
        for (Object o : output) {
            if (o instanceof StreamRecord<?> r) {
                parts.add((ZoneDayPart) r.getValue());
            }
        }
        return parts;
    }
}
