package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CellEvent;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;

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

    @Test
    void anIncidentGoesToItsHomeCellWithOnlyItsZoneOfThePriorityLayer() {
        var homeCells = new TipMatching.IncidentHomeCells(new NearRepeatCover(7, 300), "vri-zones");
        SplittableRandom random = new SplittableRandom(1);
        List<CellEvent> copies = new ArrayList<>();
        TaggedEvent incident =
                new TaggedEvent(
                        tagged("i", EventStream.INCIDENT, T0, new double[] {LON, LAT}, random)
                                .event(),
                        "892aa84c537ffff",
                        Map.of("vri-zones", "Western", "neighborhoods", "Harlem Park"));
        TaggedEvent elsewhere =
                new TaggedEvent(
                        incident.event(),
                        "892aa84c537ffff",
                        Map.of("neighborhoods", "Harlem Park"));
        homeCells.flatMap(incident, new ListCollector<>(copies));
        homeCells.flatMap(elsewhere, new ListCollector<>(copies));

        assertThat(copies).hasSize(2).allSatisfy(c -> assertThat(c.isHome()).isTrue());
        assertThat(copies.get(0).zones()).isEqualTo(Map.of("vri-zones", "Western"));
        assertThat(copies.get(1).zones()).isEmpty();
    }

    /**
     * Random tips and incidents around a few H3 cells, delivered out of order (some behind the
     * watermark), through the same cell copies as the job: the alerts are exactly the pairs a scan
     * of every (tip, incident) finds, by the interval join's rules. With {@code tipsFirst} every
     * tip comes before any incident, as when a replay reads the small tips topic ahead of the
     * others.
     */
    @ParameterizedTest(name = "tips first: {0}")
    @ValueSource(booleans = {false, true})
    void theAlertsAreExactlyThePairsAScanOfEveryTipAndIncidentFinds(boolean tipsFirst)
            throws Exception {
        long seed = Long.getLong("zonestat.seed", 20261205L) + (tipsFirst ? 1 : 0);
        SplittableRandom random = new SplittableRandom(seed);
        long w = WINDOW.toMillis();
        long lag = Duration.ofHours(6).toMillis();
        List<TaggedEvent> tips = new ArrayList<>();
        List<TaggedEvent> incidents = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            // Every tenth within a millisecond of a whole number of windows from the epoch: at an
            // edge of the index's time slots.
            Instant time =
                    i % 10 == 0
                            ? Instant.ofEpochMilli(
                                    Math.floorDiv(T0.toEpochMilli(), w) * w
                                            + w * random.nextInt(10)
                                            + random.nextInt(3)
                                            - 1)
                            : at(random, 20);
            tips.add(tagged("tip/" + i, EventStream.TIP, time, place(random), random));
        }
        for (int i = 0; i < 600; i++) {
            TaggedEvent incident;
            if (i % 4 == 0) {
                // Exactly one window from a tip, close to it: the bounds are included. Half of them
                // from the tips at the slots' edges.
                int t = i % 8 == 0 ? 10 * random.nextInt(15) : random.nextInt(tips.size());
                CityEvent tip = tips.get(t).event();
                incident =
                        tagged(
                                "incident/" + i,
                                EventStream.INCIDENT,
                                tip.occurredAt().plusMillis(random.nextBoolean() ? w : -w),
                                new double[] {tip.lon(), tip.lat() + 200 / METERS_PER_DEG_LAT},
                                random);
            } else {
                incident =
                        tagged(
                                "incident/" + i,
                                EventStream.INCIDENT,
                                at(random, 20),
                                place(random),
                                random);
            }
            incidents.add(incident);
        }
        List<TaggedEvent> order = new ArrayList<>();
        if (tipsFirst) {
            order.addAll(byDelayedTime(tips, random));
            order.addAll(byDelayedTime(incidents, random));
        } else {
            List<TaggedEvent> all = new ArrayList<>(tips);
            all.addAll(incidents);
            order.addAll(byDelayedTime(all, random));
        }

        NearRepeatCover cover = new NearRepeatCover(7, 300);
        var tipCopies = new TipMatching.TipCopies(cover);
        var homeCells = new TipMatching.IncidentHomeCells(cover, "vri-zones");
        Map<String, Long> watermarkAtArrival = new HashMap<>();
        Map<String, Integer> arrival = new HashMap<>();
        try (var h = harness()) {
            long watermark = Long.MIN_VALUE;
            long latest = Long.MIN_VALUE;
            for (int i = 0; i < order.size(); i++) {
                TaggedEvent t = order.get(i);
                watermarkAtArrival.put(t.event().eventId(), watermark);
                arrival.put(t.event().eventId(), i);
                List<CellEvent> copies = new ArrayList<>();
                tipCopies.flatMap(t, new ListCollector<>(copies));
                homeCells.flatMap(t, new ListCollector<>(copies));
                for (CellEvent c : copies) {
                    if (t.event().stream() == EventStream.TIP) {
                        h.processElement1(record(c));
                    } else {
                        h.processElement2(record(c));
                    }
                }
                boolean moves = !tipsFirst || t.event().stream() == EventStream.INCIDENT;
                latest = moves ? Math.max(latest, t.event().occurredAt().toEpochMilli()) : latest;
                if (moves && i % 5 == 4 && latest - lag > watermark) {
                    watermark = latest - lag;
                    h.processBothWatermarks(new Watermark(watermark));
                }
            }

            Set<String> expected = new HashSet<>();
            for (TaggedEvent tip : tips) {
                for (TaggedEvent incident : incidents) {
                    if (pairs(tip, incident, w, watermarkAtArrival, arrival)) {
                        boolean priority =
                                tip.zones().containsKey("vri-zones")
                                        || incident.zones().containsKey("vri-zones");
                        expected.add(
                                "tip-match/"
                                        + tip.event().eventId()
                                        + "/"
                                        + incident.event().eventId()
                                        + " priority="
                                        + priority);
                    }
                }
            }
            List<String> got =
                    h.extractOutputValues().stream()
                            .map(a -> a.alertId() + " priority=" + a.priority())
                            .toList();
            assertThat(expected)
                    .as("seed %d: the test has pairs to find", seed)
                    .hasSizeGreaterThan(20);
            assertThat(got)
                    .as("seed %d", seed)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * The interval join's rule for one pair: both within the window and radius, neither behind the
     * watermark when it came, and the first still kept when the second came (its timer fires once
     * the watermark reaches its time plus the window).
     */
    private static boolean pairs(
            TaggedEvent tip,
            TaggedEvent incident,
            long w,
            Map<String, Long> watermarkAtArrival,
            Map<String, Integer> arrival) {
        long tipAt = tip.event().occurredAt().toEpochMilli();
        long incidentAt = incident.event().occurredAt().toEpochMilli();
        if (Math.abs(tipAt - incidentAt) > w
                || Distances.meters(
                                tip.event().lon(),
                                tip.event().lat(),
                                incident.event().lon(),
                                incident.event().lat())
                        > 300) {
            return false;
        }
        for (TaggedEvent e : List.of(tip, incident)) {
            long watermark = watermarkAtArrival.get(e.event().eventId());
            if (watermark != Long.MIN_VALUE && e.event().occurredAt().toEpochMilli() < watermark) {
                return false;
            }
        }
        boolean tipFirst =
                arrival.get(tip.event().eventId()) < arrival.get(incident.event().eventId());
        TaggedEvent first = tipFirst ? tip : incident;
        TaggedEvent second = tipFirst ? incident : tip;
        long watermark = watermarkAtArrival.get(second.event().eventId());
        return watermark == Long.MIN_VALUE
                || watermark < first.event().occurredAt().toEpochMilli() + w;
    }

    /** Events in the order of their time plus a random delay of up to 12 hours. */
    private static List<TaggedEvent> byDelayedTime(List<TaggedEvent> events, SplittableRandom r) {
        Map<TaggedEvent, Long> arrives = new HashMap<>();
        for (TaggedEvent e : events) {
            arrives.put(e, e.event().occurredAt().toEpochMilli() + r.nextLong(12 * 3_600_000L));
        }
        List<TaggedEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(arrives::get));
        return sorted;
    }

    private static Instant at(SplittableRandom r, int days) {
        return T0.plusMillis(r.nextLong(days * 86_400_000L));
    }

    /** A point within about 1.5 km of the test's centre: several resolution-7 cells. */
    private static double[] place(SplittableRandom r) {
        double north = (r.nextDouble() * 2 - 1) * 1_500;
        double east = (r.nextDouble() * 2 - 1) * 1_500;
        return new double[] {
            LON + east / (METERS_PER_DEG_LAT * Math.cos(Math.toRadians(LAT))),
            LAT + north / METERS_PER_DEG_LAT
        };
    }

    private static TaggedEvent tagged(
            String id, EventStream stream, Instant at, double[] place, SplittableRandom r) {
        Map<String, String> zones =
                r.nextInt(3) == 0
                        ? Map.of("vri-zones", "Western", "neighborhoods", "Harlem Park")
                        : Map.of("neighborhoods", "Harlem Park");
        return new TaggedEvent(
                new CityEvent(
                        id,
                        stream,
                        id,
                        "test",
                        stream == EventStream.TIP ? "TIP" : "SHOOTING",
                        stream == EventStream.TIP ? "guns" : null,
                        null,
                        at,
                        place[0],
                        place[1],
                        null),
                "892aa84c537ffff",
                zones);
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
