package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.Distances;
import org.zonestat.geo.H3Binner;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CellEvent;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.baltimore.BaltimoreData;

/** Near-repeat detection: fan-out to H3 cells, then the keyed detector in the operator harness. */
class NearRepeatDetectorTest {
    private static final double R = 400;
    private static final Duration T = Duration.ofDays(14);
    private static final Duration LATENESS = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2018-07-07T23:53:00Z");
    // Sandtown-Winchester
    private static final double LON = -76.6440;
    private static final double LAT = 39.3010;
    private static final double METERS_PER_DEG_LAT = Math.toRadians(Distances.EARTH_RADIUS_M);
    private static final Map<String, String> VRI = Map.of("vri-zones", "Sandtown-Winchester");
    private static final Map<String, String> PLAIN = Map.of("neighborhoods", "Sandtown-Winchester");
    private static final NearRepeatFanOut FAN_OUT = new NearRepeatFanOut(new NearRepeatCover(7, R));

    @Test
    void aShootingWithin400MetersAndFourteenDaysOfAnEarlierOneRaisesOneAlertNamingBoth()
            throws Exception {
        try (var h = harness()) {
            feed(h, event("A", "HOMICIDE", T0, LON, LAT, VRI));
            feed(
                    h,
                    event(
                            "B",
                            "SHOOTING",
                            T0.plus(Duration.ofDays(3)),
                            LON,
                            LAT + 300 / METERS_PER_DEG_LAT,
                            PLAIN));

            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts)
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.type()).isEqualTo(AlertType.NEAR_REPEAT);
                                assertThat(a.alertId())
                                        .isEqualTo("near-repeat/incident/test/A/incident/test/B");
                                assertThat(a.subjectId()).isEqualTo("incident/test/B");
                                assertThat(a.relatedId()).isEqualTo("incident/test/A");
                                assertThat(a.distanceMeters()).isCloseTo(300, within(1.0));
                                assertThat(a.zones()).isEqualTo(PLAIN);
                                assertThat(a.priority())
                                        .as("the earlier event lies in a VRI zone")
                                        .isTrue();
                                assertThat(a.at()).isEqualTo(T0.plus(Duration.ofDays(3)));
                            });
        }
    }

    @Test
    void eventsFartherThanTheRadiusOrTheWindowApartRaiseNothing() throws Exception {
        try (var h = harness()) {
            feed(h, event("A", "SHOOTING", T0, LON, LAT, PLAIN));
            feed(
                    h,
                    event(
                            "far",
                            "SHOOTING",
                            T0.plusSeconds(60),
                            LON,
                            LAT + 410 / METERS_PER_DEG_LAT,
                            PLAIN));
            feed(h, event("later", "SHOOTING", T0.plus(T).plusSeconds(1), LON, LAT, PLAIN));
            feed(h, event("robbery", "ROBBERY", T0.plusSeconds(60), LON, LAT, PLAIN));

            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aPairIsReportedOnceWhateverTheArrivalOrderAndRedeliveries() throws Exception {
        TaggedEvent a = event("A", "SHOOTING", T0, LON, LAT, PLAIN);
        TaggedEvent b =
                event("B", "SHOOTING", T0.plus(T), LON + 200 / METERS_PER_DEG_LAT, LAT, PLAIN);
        List<Alert> inOrder;
        try (var h = harness()) {
            feed(h, a);
            feed(h, b);
            inOrder = h.extractOutputValues();
        }
        try (var h = harness()) {
            feed(h, b);
            feed(h, b);
            feed(h, a);
            feed(h, a);
            feed(h, b);
            assertThat(h.extractOutputValues()).hasSize(1).isEqualTo(inOrder);
            assertThat(h.getSideOutput(NearRepeatDetector.HALOS)).hasSize(2);
        }
    }

    @Test
    void everyShootingGetsOneRiskHaloLastingTheWindow() throws Exception {
        try (var h = harness()) {
            feed(h, event("A", "SHOOTING", T0, LON, LAT, VRI));
            feed(h, event("A", "SHOOTING", T0, LON, LAT, VRI));

            assertThat(h.getSideOutput(NearRepeatDetector.HALOS))
                    .extracting(StreamRecord::getValue)
                    .singleElement()
                    .satisfies(
                            halo -> {
                                assertThat(halo.haloId()).isEqualTo("halo/incident/test/A");
                                assertThat(halo.radiusMeters()).isEqualTo(R);
                                assertThat(halo.startsAt()).isEqualTo(T0);
                                assertThat(halo.expiresAt()).isEqualTo(T0.plus(T));
                                assertThat(halo.zones()).isEqualTo(VRI);
                            });
        }
    }

    @Test
    void storedEventsAndTheirTimersAreClearedOnceTheWindowAndLatenessHavePassed() throws Exception {
        try (var h = harness()) {
            feed(h, event("A", "SHOOTING", T0, LON, LAT, PLAIN));
            feed(h, event("B", "SHOOTING", T0.plus(Duration.ofDays(2)), LON, LAT, PLAIN));
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.processWatermark(T0.plus(T).plus(LATENESS).toEpochMilli());
            assertThat(h.numKeyedStateEntries()).as("B is still within its window").isPositive();

            h.processWatermark(T0.plus(Duration.ofDays(2)).plus(T).plus(LATENESS).toEpochMilli());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void onThe2018PartOneRowsTheDetectorFindsExactlyTheBruteForcePairsInAnyOrder()
            throws Exception {
        List<TaggedEvent> events = part1Of2018GunViolence();
        Set<String> expected = bruteForcePairs(events);

        long seed = new Random().nextLong();
        List<TaggedEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        Set<String> found = new HashSet<>();
        try (var h = harness()) {
            for (TaggedEvent e : shuffled) {
                feed(h, e);
            }
            for (Alert a : h.extractOutputValues()) {
                assertThat(found.add(a.relatedId() + " " + a.subjectId()))
                        .as("reported twice: %s (seed %d)", a.alertId(), seed)
                        .isTrue();
            }
        }
        System.out.printf(
                "2018 Part 1 (Jan-Jul): %d shootings and homicides, %d near-repeat pairs at %.0f m / %d days,"
                        + " of which %d at the same place within an hour (several victims of one incident) (shuffle seed %d)%n",
                events.size(),
                expected.size(),
                R,
                T.toDays(),
                sameIncident(events, expected),
                seed);
        assertThat(found).as("shuffle seed %d", seed).isEqualTo(expected);

        // The same in event-time order with a watermark after each event: state is pruned as it
        // goes.
        Set<String> streamed = new HashSet<>();
        try (var h = harness()) {
            List<TaggedEvent> ordered = new ArrayList<>(events);
            ordered.sort(Comparator.comparing(e -> e.event().occurredAt()));
            for (TaggedEvent e : ordered) {
                feed(h, e);
                h.processWatermark(e.event().occurredAt().toEpochMilli());
            }
            h.extractOutputValues().forEach(a -> streamed.add(a.relatedId() + " " + a.subjectId()));
            h.processWatermark(
                    ordered.get(ordered.size() - 1)
                            .event()
                            .occurredAt()
                            .plus(T)
                            .plus(LATENESS)
                            .toEpochMilli());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
        assertThat(streamed).isEqualTo(expected);
    }

    private static Set<String> bruteForcePairs(List<TaggedEvent> events) {
        Comparator<CityEvent> order =
                Comparator.comparing(CityEvent::occurredAt).thenComparing(CityEvent::eventId);
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            for (int j = i + 1; j < events.size(); j++) {
                CityEvent a = events.get(i).event();
                CityEvent b = events.get(j).event();
                CityEvent earlier = order.compare(a, b) <= 0 ? a : b;
                CityEvent later = earlier == a ? b : a;
                if (Duration.between(earlier.occurredAt(), later.occurredAt()).compareTo(T) <= 0
                        && Distances.meters(a.lon(), a.lat(), b.lon(), b.lat()) <= R) {
                    pairs.add(earlier.eventId() + " " + later.eventId());
                }
            }
        }
        return pairs;
    }

    /** Pairs less than 1 m and 1 hour apart: victim-based rows of one incident. */
    private static long sameIncident(List<TaggedEvent> events, Set<String> pairs) {
        Map<String, CityEvent> byId = new java.util.HashMap<>();
        events.forEach(e -> byId.put(e.event().eventId(), e.event()));
        return pairs.stream()
                .map(p -> p.split(" "))
                .filter(
                        p -> {
                            CityEvent a = byId.get(p[0]);
                            CityEvent b = byId.get(p[1]);
                            return Distances.meters(a.lon(), a.lat(), b.lon(), b.lat()) < 1
                                    && Duration.between(a.occurredAt(), b.occurredAt())
                                                    .compareTo(Duration.ofHours(1))
                                            <= 0;
                        })
                .count();
    }

    /** The shootings and homicides of the shipped 2018 rows that have usable coordinates. */
    static List<TaggedEvent> part1Of2018GunViolence() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<TaggedEvent> out = new ArrayList<>();
        for (RawEvent raw : BaltimoreData.part1Of2018().events()) {
            JsonNode n = json.readTree(raw.json());
            String kind = n.path("kind").asText();
            if (!(kind.equals("SHOOTING") || kind.equals("HOMICIDE"))
                    || !n.path("lat").isNumber()
                    || !n.path("lon").isNumber()
                    || n.path("lat").asDouble() == 0) {
                continue;
            }
            double lon = n.get("lon").asDouble();
            double lat = n.get("lat").asDouble();
            CityEvent e =
                    new CityEvent(
                            "incident/bpd-part1-2018/" + raw.key(),
                            EventStream.INCIDENT,
                            raw.key(),
                            "bpd-part1-2018",
                            kind,
                            n.path("type").asText(),
                            null,
                            Instant.parse(n.get("occurredAt").asText()),
                            lon,
                            lat,
                            null);
            out.add(new TaggedEvent(e, new H3Binner().cellAddress(lon, lat), Map.of()));
        }
        return out;
    }

    static TaggedEvent event(
            String id, String kind, Instant at, double lon, double lat, Map<String, String> zones) {
        CityEvent e =
                new CityEvent(
                        "incident/test/" + id,
                        EventStream.INCIDENT,
                        id,
                        "test",
                        kind,
                        null,
                        null,
                        at,
                        lon,
                        lat,
                        null);
        return new TaggedEvent(e, new H3Binner().cellAddress(lon, lat), zones);
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, CellEvent, Alert> h, TaggedEvent e)
            throws Exception {
        List<CellEvent> copies = new ArrayList<>();
        FAN_OUT.flatMap(e, new ListCollector<>(copies));
        for (CellEvent c : copies) {
            h.processElement(new StreamRecord<>(c, c.occurredAt().toEpochMilli()));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CellEvent, Alert> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new NearRepeatDetector(R, T, LATENESS, "vri-zones"),
                new AnalyticsGraph.CellKey(),
                Types.STRING);
    }
}
