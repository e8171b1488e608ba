package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CellEvent;

/** The tip-to-incident join of one cell, in the operator harness. */
class TipIncidentJoinTest {
    private static final Duration WINDOW = Duration.ofHours(48);
    private static final Instant T0 = Instant.parse("2018-07-07T23:53:00Z");
    private static final double LON = -76.6440;
    private static final double LAT = 39.3010;
    private static final double METERS_PER_DEG_LAT = Math.toRadians(Distances.EARTH_RADIUS_M);

    @Test
    void aTipMeetsTheIncidentsWithinTheRadiusAndWindowEitherSideWhicheverComesFirst()
            throws Exception {
        try (var h = harness()) {
            h.processElement2(record(incident("before", T0.minus(WINDOW), 0)));
            h.processElement2(record(incident("too-early", T0.minus(WINDOW).minusSeconds(1), 0)));
            h.processElement2(record(incident("too-far", T0, 301)));
            h.processElement1(record(tip("t", T0, 0)));
            h.processElement2(record(incident("after", T0.plus(WINDOW), 250)));
            h.processElement2(record(incident("too-late", T0.plus(WINDOW).plusSeconds(1), 0)));

            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts)
                    .extracting(Alert::alertId)
                    .containsExactlyInAnyOrder("tip-match/t/before", "tip-match/t/after");
            assertThat(alerts).allSatisfy(a -> assertThat(a.type()).isEqualTo(AlertType.TIP_MATCH));
        }
    }

    @Test
    void aRecordBehindTheWatermarkJoinsNothing() throws Exception {
        try (var h = harness()) {
            h.processElement1(record(tip("t", T0, 0)));
            h.processBothWatermarks(
                    new org.apache.flink.streaming.api.watermark.Watermark(
                            T0.plusSeconds(60).toEpochMilli()));
            h.processElement2(record(incident("late", T0.plusSeconds(30), 0)));
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void bothSidesAndTheirTimersAreClearedOnceTheWindowHasPassed() throws Exception {
        try (var h = harness()) {
            h.processElement1(record(tip("t", T0, 0)));
            h.processElement2(record(incident("i", T0.plusSeconds(3600), 0)));
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.processBothWatermarks(
                    new org.apache.flink.streaming.api.watermark.Watermark(
                            T0.plus(WINDOW).toEpochMilli()));
            assertThat(h.numKeyedStateEntries())
                    .as("the incident is still within its window")
                    .isPositive();

            h.processBothWatermarks(
                    new org.apache.flink.streaming.api.watermark.Watermark(
                            T0.plusSeconds(3600).plus(WINDOW).toEpochMilli()));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, CellEvent, CellEvent, Alert>
            harness() throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new TipMatching.TipIncidentJoin(300, WINDOW, "vri-zones")),
                        CellEvent::cell,
                        CellEvent::cell,
                        Types.STRING);
        h.open();
        return h;
    }

    private static StreamRecord<CellEvent> record(CellEvent e) {
        return new StreamRecord<>(e, e.occurredAt().toEpochMilli());
    }

    private static CellEvent tip(String id, Instant at, double metersNorth) {
        return event(id, "GUNS", at, metersNorth);
    }

    private static CellEvent incident(String id, Instant at, double metersNorth) {
        return event(id, "SHOOTING", at, metersNorth);
    }

    private static CellEvent event(String id, String kind, Instant at, double metersNorth) {
        return new CellEvent(
                "872aa8",
                "872aa8",
                id,
                kind,
                at,
                LON,
                LAT + metersNorth / METERS_PER_DEG_LAT,
                Map.of("vri-zones", "Western"));
    }
}
