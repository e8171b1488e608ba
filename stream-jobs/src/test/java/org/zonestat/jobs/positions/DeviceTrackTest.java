package org.zonestat.jobs.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zonestat.jobs.positions.TestTracks.T0;
import static org.zonestat.jobs.positions.TestTracks.minutes;
import static org.zonestat.jobs.positions.TestTracks.monitored;
import static org.zonestat.jobs.positions.TestTracks.patrol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.fence.Transition;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/** One device's track, fix by fix, on the test zones ({@link TestTracks}). */
class DeviceTrackTest {
    private static final Fences FENCES = TestTracks.fences();
    private static final DeviceTrack TRACK =
            new DeviceTrack(
                    PositionConfig.defaults(),
                    new VisitLedger(TestTracks.NEW_YORK, Duration.ofMinutes(10)));

    /** Runs the fixes through the track; the state after each accepted one is kept. */
    private static final class Run {
        DeviceState state;
        final List<String> transitions = new ArrayList<>();
        final List<ZoneFact> facts = new ArrayList<>();
        final List<RejectReason> refused = new ArrayList<>();

        Run fix(Position p) {
            return fix(p, FENCES);
        }

        Run fix(Position p, Fences fences) {
            DeviceTrack.Step step = TRACK.advance(state, p, fences);
            state = step.state();
            if (step.refused()) {
                refused.add(step.reason());
            }
            record(step);
            return this;
        }

        Run silence(String deviceId) {
            record(TRACK.close(deviceId, state));
            state = null;
            return this;
        }

        private void record(DeviceTrack.Step step) {
            step.transitions().forEach(t -> transitions.add(describe(t)));
            facts.addAll(step.facts());
        }
    }

    private static String describe(FenceTransition t) {
        long m = Duration.between(T0, t.at()).toMinutes();
        return t.transition()
                + " "
                + t.layer()
                + "/"
                + t.zone()
                + " @"
                + m
                + (t.transition() == Transition.EXIT ? " (" + t.minutes() + " min)" : "")
                + (t.reason() == null ? "" : " " + t.reason());
    }

    @Test
    void aPatrolEntersExitsAndCrossesZonesInTheOrderItMoves() {
        Run run =
                new Run()
                        .fix(patrol("car-1", minutes(0), 2, 2))
                        .fix(patrol("car-1", minutes(1), 10, 10))
                        .fix(patrol("car-1", minutes(11), 12, 10))
                        .fix(patrol("car-1", minutes(12), 20, 10))
                        .fix(patrol("car-1", minutes(13), 11, 22))
                        .fix(patrol("car-1", minutes(14), 11, 30))
                        .silence("car-1");
        assertThat(run.refused).isEmpty();
        assertThat(run.transitions)
                .containsExactly(
                        "ENTER districts/South @0",
                        "ENTER vri-zones/West @1",
                        "EXIT vri-zones/West @12 (11.0 min)",
                        "ENTER vri-zones/East @12",
                        "EXIT vri-zones/East @13 (1.0 min)",
                        "EXIT districts/South @13 (13.0 min)",
                        "ENTER districts/North @13",
                        "CROSS vri-zones/Box @14",
                        "EXIT districts/North @14 (1.0 min) signal-lost");
    }

    @Test
    void visitsGiveMinutesVisitsAndLongVisitsPerZoneAndTeam() {
        Run run =
                new Run()
                        .fix(patrol("car-1", minutes(0), 2, 2))
                        .fix(patrol("car-1", minutes(1), 10, 10))
                        .fix(patrol("car-1", minutes(11), 12, 10))
                        .fix(patrol("car-1", minutes(12), 20, 10))
                        .fix(patrol("car-1", minutes(13), 11, 22))
                        .silence("car-1");
        Map<String, String> dosage = dosage(run.facts);
        assertThat(dosage)
                .containsEntry("vri-zones/West", "PATROL 11.0 min, 1 visits, 1 long")
                .containsEntry("vri-zones/East", "PATROL 1.0 min, 1 visits, 0 long")
                .containsEntry("districts/South", "PATROL 13.0 min, 1 visits, 1 long")
                .containsEntry("districts/North", "PATROL 0.0 min, 1 visits, 0 long")
                .hasSize(4);
        // Every fact is placed on 6 May, Baltimore time.
        assertThat(run.facts)
                .allSatisfy(
                        f -> assertThat(f.occurredAt()).isBefore(T0.plus(Duration.ofHours(10))));
    }

    @Test
    void anOutreachWorkersTimeCountsAsOutreach() {
        Run run =
                new Run()
                        .fix(
                                TestTracks.unit(
                                        "ow-1", Team.OUTREACH, UnitStatus.BUSY, minutes(0), 10, 10))
                        .fix(
                                TestTracks.unit(
                                        "ow-1",
                                        Team.OUTREACH,
                                        UnitStatus.BUSY,
                                        minutes(20),
                                        11,
                                        11))
                        .silence("ow-1");
        assertThat(dosage(run.facts))
                .containsEntry("vri-zones/West", "OUTREACH 20.0 min, 1 visits, 1 long");
    }

    @Test
    void aFixExactlyOnTheSharedEdgeIsInTheZoneListedFirst() {
        Run run =
                new Run()
                        .fix(patrol("car-2", minutes(0), 20, 10))
                        .fix(patrol("car-2", minutes(1), 15, 10));
        assertThat(run.transitions)
                .containsExactly(
                        "ENTER vri-zones/East @0",
                        "ENTER districts/South @0",
                        "EXIT vri-zones/East @1 (1.0 min)",
                        "ENTER vri-zones/West @1");
    }

    @Test
    void duplicateStaleOutsideAndImpossibleFixesAreRefusedAndLeaveTheTrackAsItWas() {
        Run run = new Run().fix(patrol("car-3", minutes(5), 10, 10));
        DeviceState accepted = run.state;
        run.fix(patrol("car-3", minutes(5), 10, 10)); // the same fix again
        run.fix(patrol("car-3", minutes(4), 11, 10)); // older than the last
        run.fix(patrol("car-3", minutes(6), 70, 70)); // in no zone of any layer
        run.fix(patrol("car-3", minutes(5.25), 38, 38)); // 4 km in 15 s
        assertThat(run.refused)
                .containsExactly(
                        RejectReason.DUPLICATE,
                        RejectReason.STALE_POSITION,
                        RejectReason.OUTSIDE_ZONES,
                        RejectReason.IMPOSSIBLE_SPEED);
        assertThat(run.state.at()).isEqualTo(accepted.at());
        assertThat(run.state.visits()).isEqualTo(accepted.visits());
        assertThat(run.transitions)
                .containsExactly("ENTER vri-zones/West @5", "ENTER districts/South @5");
    }

    @Test
    void afterThreeImpossibleJumpsInARowTheLastAcceptedFixWasTheOutlierAndANewTrackBegins() {
        Run run = new Run().fix(patrol("car-4", minutes(0), 10, 10));
        run.fix(patrol("car-4", minutes(0.25), 38, 38)); // 4 km in 15 s
        run.fix(patrol("car-4", minutes(0.5), 38, 38.2));
        assertThat(run.refused)
                .containsExactly(RejectReason.IMPOSSIBLE_SPEED, RejectReason.IMPOSSIBLE_SPEED);
        run.fix(patrol("car-4", minutes(0.75), 38, 38.4));
        assertThat(run.refused).hasSize(2);
        assertThat(run.transitions)
                .containsExactly(
                        "ENTER vri-zones/West @0",
                        "ENTER districts/South @0",
                        "EXIT districts/South @0 (0.0 min) track-reset",
                        "EXIT vri-zones/West @0 (0.0 min) track-reset",
                        "ENTER districts/North @0");
    }

    @Test
    void goingOffDutyEndsTheVisitsAndTheUnitIsNotTrackedUntilItIsBack() {
        Run run =
                new Run()
                        .fix(patrol("car-5", minutes(0), 10, 10))
                        .fix(
                                TestTracks.unit(
                                        "car-5",
                                        Team.PATROL,
                                        UnitStatus.OFF_DUTY,
                                        minutes(3),
                                        11,
                                        10))
                        .fix(
                                TestTracks.unit(
                                        "car-5",
                                        Team.PATROL,
                                        UnitStatus.OFF_DUTY,
                                        minutes(4),
                                        20,
                                        10))
                        .fix(patrol("car-5", minutes(5), 21, 10));
        assertThat(run.transitions)
                .containsExactly(
                        "ENTER vri-zones/West @0",
                        "ENTER districts/South @0",
                        "EXIT districts/South @3 (3.0 min) off-duty",
                        "EXIT vri-zones/West @3 (3.0 min) off-duty",
                        "ENTER vri-zones/East @5",
                        "ENTER districts/South @5");
    }

    @Test
    void aMonitoredDeviceHasTransitionsButNoDosage() {
        Run run =
                new Run()
                        .fix(monitored("m-1", minutes(0), 10, 10))
                        .fix(monitored("m-1", minutes(15), 20, 10))
                        .silence("m-1");
        assertThat(run.transitions).hasSize(6);
        assertThat(run.facts).isEmpty();
    }

    @Test
    void aStayAcrossMidnightCountsItsMinutesOnEachLocalDay() {
        Instant beforeMidnight = Instant.parse("2024-05-07T03:50:00Z"); // 23:50 EDT
        Run run =
                new Run()
                        .fix(patrol("car-6", beforeMidnight, 10, 10))
                        .fix(patrol("car-6", beforeMidnight.plusSeconds(20 * 60), 11, 10))
                        .fix(patrol("car-6", beforeMidnight.plusSeconds(25 * 60), 30, 10));
        Map<String, Double> minutesByDay = new TreeMap<>();
        for (ZoneFact f : run.facts) {
            if (f.measure() == ZoneMeasure.PATROL_MINUTES && f.zone().equals("West")) {
                minutesByDay.merge(
                        f.occurredAt().atZone(TestTracks.NEW_YORK).toLocalDate().toString(),
                        f.value(),
                        Double::sum);
            }
        }
        assertThat(minutesByDay)
                .containsExactly(Map.entry("2024-05-06", 10.0), Map.entry("2024-05-07", 15.0));
        assertThat(run.facts)
                .filteredOn(
                        f ->
                                f.measure() == ZoneMeasure.PATROL_LONG_VISIT
                                        && f.zone().equals("West"))
                .singleElement()
                .satisfies(f -> assertThat(f.occurredAt()).isEqualTo(beforeMidnight));
    }

    @Test
    void aHotCellIsAFenceLikeAZone() {
        String cell = TestTracks.cellAt(10, 10);
        Fences withHot = FENCES.withHotCells(List.of(cell));
        Run run =
                new Run()
                        .fix(patrol("car-7", minutes(0), 10, 10), withHot)
                        .fix(patrol("car-7", minutes(12), 10.2, 10.1), withHot)
                        .fix(patrol("car-7", minutes(13), 30, 10), withHot);
        assertThat(run.transitions)
                .contains(
                        "ENTER hot-cells/" + cell + " @0",
                        "EXIT hot-cells/" + cell + " @13 (13.0 min)");
        assertThat(dosage(run.facts))
                .containsEntry("hot-cells/" + cell, "PATROL 13.0 min, 1 visits, 1 long");
    }

    @Test
    void aCellThatStopsBeingHotEndsTheVisitInsideIt() {
        String cell = TestTracks.cellAt(10, 10);
        Run run =
                new Run()
                        .fix(
                                patrol("car-8", minutes(0), 10, 10),
                                FENCES.withHotCells(List.of(cell)))
                        .fix(patrol("car-8", minutes(5), 10.1, 10), FENCES);
        assertThat(run.transitions).contains("EXIT hot-cells/" + cell + " @5 (5.0 min)");
    }

    /** "layer/zone" → "TEAM m min, v visits, l long", summed over the facts. */
    private static Map<String, String> dosage(List<ZoneFact> facts) {
        Map<String, double[]> sums = new TreeMap<>();
        Map<String, String> team = new TreeMap<>();
        for (ZoneFact f : facts) {
            String key = f.layer() + "/" + f.zone();
            double[] s = sums.computeIfAbsent(key, k -> new double[3]);
            String measure = f.measure().name();
            team.put(key, measure.substring(0, measure.indexOf('_')));
            if (measure.endsWith("_MINUTES")) {
                s[0] += f.value();
            } else if (measure.endsWith("_LONG_VISIT")) {
                s[2]++;
            } else if (measure.endsWith("_VISIT")) {
                s[1]++;
            }
        }
        Map<String, String> out = new TreeMap<>();
        sums.forEach(
                (k, s) ->
                        out.put(
                                k,
                                String.format(
                                        java.util.Locale.ROOT,
                                        "%s %.1f min, %d visits, %d long",
                                        team.get(k),
                                        s[0],
                                        (long) s[1],
                                        (long) s[2])));
        return out;
    }
}
