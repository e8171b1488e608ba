package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * The daily scorecard window (exactly as {@link AnalyticsGraph} builds it) in the keyed operator
 * harness, against counts worked out by hand, fed each fact as a part of its own (as {@link
 * ZoneDayCombiner} passes on the facts of a day already ended; {@link ZoneDayCombinerITCase} shows
 * that combined parts give the same scorecard). Its input carries each event once (redeliveries end
 * at {@code dedupe-and-tag}, tested there).
 */
class ZoneDailyCountsTest {
    private static final Map<String, String> PENN_NORTH =
            Map.of("vri-zones", "Penn North", "neighborhoods", "Penn North");
    private static final Map<String, String> ROLAND_PARK = Map.of("neighborhoods", "Roland Park");
    // 2018-07-07 in Baltimore (EDT, UTC-4) runs from 04:00Z to the next day's 04:00Z.
    private static final Instant DAY_START = Instant.parse("2018-07-07T04:00:00Z");
    private static final Instant DAY_END = Instant.parse("2018-07-08T04:00:00Z");

    @Test
    void eachZoneOfEachLayerGetsTheCountsOfItsBaltimoreLocalDay() throws Exception {
        try (var h = harness(Duration.ofDays(1))) {
            feed(h, incident("h1", "HOMICIDE", "2018-07-07T05:00:00Z", PENN_NORTH)); // 01:00 local
            feed(h, incident("s1", "SHOOTING", "2018-07-07T23:00:00Z", PENN_NORTH));
            feed(
                    h,
                    incident(
                            "s2",
                            "SHOOTING",
                            "2018-07-08T03:30:00Z",
                            PENN_NORTH)); // 23:30 local, same day
            feed(h, incident("r1", "ROBBERY", "2018-07-07T12:00:00Z", PENN_NORTH));
            feed(
                    h,
                    incident(
                            "o1",
                            "OTHER",
                            "2018-07-07T12:00:00Z",
                            PENN_NORTH)); // not on the scorecard
            feed(h, request("19-1", "New", "2018-07-07T10:00:00Z", PENN_NORTH));
            feed(
                    h,
                    request(
                            "19-1",
                            "Open",
                            "2018-07-07T11:00:00Z",
                            PENN_NORTH)); // not on the scorecard
            feed(h, request("19-2", "Closed (Duplicate)", "2018-07-07T15:00:00Z", PENN_NORTH));
            feed(h, tip("t1", "2018-07-07T16:00:00Z", PENN_NORTH));
            feed(h, tip("t2", "2018-07-07T16:00:00Z", ROLAND_PARK));
            feed(
                    h,
                    incident(
                            "s3",
                            "SHOOTING",
                            "2018-07-08T04:30:00Z",
                            PENN_NORTH)); // 00:30 local, next day

            h.processWatermark(DAY_END.toEpochMilli() - 2);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(DAY_END.toEpochMilli() - 1);

            List<ZoneDayStats> stats = h.extractOutputValues();
            ZoneDayStats pennNorth =
                    new ZoneDayStats(
                            "vri-zones",
                            "Penn North",
                            "2018-07-07",
                            DAY_START,
                            DAY_END,
                            1,
                            2,
                            1,
                            1,
                            1,
                            1);
            assertThat(stats)
                    .containsExactlyInAnyOrder(
                            pennNorth,
                            new ZoneDayStats(
                                    "neighborhoods",
                                    "Penn North",
                                    "2018-07-07",
                                    DAY_START,
                                    DAY_END,
                                    1,
                                    2,
                                    1,
                                    1,
                                    1,
                                    1),
                            new ZoneDayStats(
                                    "neighborhoods",
                                    "Roland Park",
                                    "2018-07-07",
                                    DAY_START,
                                    DAY_END,
                                    0,
                                    0,
                                    0,
                                    0,
                                    0,
                                    1));
        }
    }

    @Test
    void aLateEventWithinTheLatenessUpdatesItsDayAndOneAfterItGoesToTheLateSideOutput()
            throws Exception {
        try (var h = harness(Duration.ofDays(1))) {
            feed(h, tip("t1", "2018-07-07T16:00:00Z", ROLAND_PARK));
            h.processWatermark(DAY_END.toEpochMilli() - 1);
            assertThat(h.extractOutputValues()).extracting(ZoneDayStats::tips).containsExactly(1L);

            feed(
                    h,
                    tip(
                            "t2",
                            "2018-07-07T17:00:00Z",
                            ROLAND_PARK)); // late, within a day's lateness
            assertThat(h.extractOutputValues())
                    .extracting(ZoneDayStats::tips)
                    .containsExactly(1L, 2L);

            h.processWatermark(DAY_END.plus(Duration.ofDays(1)).toEpochMilli() - 1);
            assertThat(h.numKeyedStateEntries()).as("the day's window state is gone").isZero();
            assertThat(h.numEventTimeTimers()).isZero();

            feed(h, tip("t3", "2018-07-07T18:00:00Z", PENN_NORTH)); // beyond the lateness
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.getSideOutput(AnalyticsGraph.LATE_ZONE_FACTS))
                    .extracting(StreamRecord::getValue)
                    .extracting(ZoneDayPart::key)
                    .containsExactlyInAnyOrder(
                            "vri-zones" + ZoneKey.SEPARATOR + "Penn North",
                            "neighborhoods" + ZoneKey.SEPARATOR + "Penn North");
        }
    }

    @Test
    void workloadFactsAddUpToTheDaysChangesAndTheMedianDaysToClose() throws Exception {
        try (var h = harness(Duration.ofDays(1))) {
            Instant noon = Instant.parse("2018-07-07T16:00:00Z");
            for (double days : new double[] {0.5, 4, 2.5, 10}) {
                h.processElement(
                        workload(ZoneMeasure.DAYS_TO_CLOSE, "close-loop/" + days, noon, days));
            }
            h.processElement(workload(ZoneMeasure.OPEN_CHANGE, "a", noon, 1));
            h.processElement(workload(ZoneMeasure.OPEN_CHANGE, "b", noon, 1));
            h.processElement(workload(ZoneMeasure.OPEN_CHANGE, "c", noon, -1));
            h.processElement(workload(ZoneMeasure.OVERDUE_CHANGE, "d", noon, 1));
            h.processElement(workload(ZoneMeasure.REQUEST_OVERDUE, "overdue-311/19-1", noon, 1));
            h.processWatermark(DAY_END.toEpochMilli() - 1);

            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.medianDaysToClose())
                                        .as("median of 0.5, 2.5, 4, 10")
                                        .isEqualTo(3.25);
                                assertThat(d.openChange()).isEqualTo(1);
                                assertThat(d.overdueChange()).isEqualTo(1);
                                assertThat(d.requestsOverdue()).isEqualTo(1);
                                assertThat(d.openAtEnd())
                                        .as("set downstream by ZoneWorkload")
                                        .isZero();
                            });
        }
    }

    @Test
    void theStateOfTheWindowOverSingleFactsRestoresIntoTheWindowOverParts() throws Exception {
        OperatorSubtaskState savepoint;
        try (var before = factWindow()) {
            for (TaggedEvent e :
                    List.of(
                            incident("s1", "SHOOTING", "2018-07-07T12:00:00Z", PENN_NORTH),
                            tip("t1", "2018-07-07T16:00:00Z", PENN_NORTH))) {
                List<ZoneFact> facts = new ArrayList<>();
                new ToZoneFacts().flatMap(e, new ListCollector<>(facts));
                for (ZoneFact f : facts) {
                    before.processElement(new StreamRecord<>(f, f.occurredAt().toEpochMilli()));
                }
            }
            savepoint = before.snapshot(1, 1);
        }
        try (var after = unopened(Duration.ofDays(1))) {
            after.initializeState(savepoint);
            after.open();
            feed(after, incident("s2", "SHOOTING", "2018-07-07T13:00:00Z", PENN_NORTH));
            after.processWatermark(DAY_END.toEpochMilli() - 1);

            assertThat(after.extractOutputValues())
                    .hasSize(2)
                    .allSatisfy(
                            d -> {
                                assertThat(d.shootings()).isEqualTo(2);
                                assertThat(d.tips()).isEqualTo(1);
                            });
        }
    }

    /** The window as it was before its facts were combined, in the harness. */
    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, ZoneFact, ZoneDayStats>
            factWindow() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var window =
                (OneInputTransformation<ZoneFact, ZoneDayStats>)
                        ZoneDayCombinerITCase.plainWindow(
                                        env.fromData(
                                                new ZoneFact(
                                                        "l",
                                                        "z",
                                                        ZoneMeasure.TIP,
                                                        "e",
                                                        Instant.EPOCH)),
                                        AnalyticsConfig.defaults()
                                                .withZoneStatsLateness(Duration.ofDays(1)))
                                .getTransformation();
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        window.getOperatorFactory(), new ZoneKey(), Types.STRING);
        h.open();
        return h;
    }

    private static StreamRecord<ZoneDayPart> workload(
            ZoneMeasure m, String id, Instant at, double value) {
        return alone(new ZoneFact("neighborhoods", "Roland Park", m, id, at, value));
    }

    /** A fact as a part of its own, stamped with its time. */
    static StreamRecord<ZoneDayPart> alone(ZoneFact f) {
        long at = f.occurredAt().toEpochMilli();
        return new StreamRecord<>(
                new ZoneDayPart(
                        f.layer() + ZoneKey.SEPARATOR + f.zone(),
                        new LocalDayWindows(AnalyticsConfig.defaults().timeZone())
                                .windowOf(at)
                                .getStart(),
                        1,
                        new ZoneDayTallying().add(f, new ZoneDayTally())),
                at);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ZoneDayPart, ZoneDayStats>
            harness(Duration lateness) throws Exception {
        var h = unopened(lateness);
        h.open();
        return h;
    }

    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, ZoneDayPart, ZoneDayStats>
            unopened(Duration lateness) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ZoneFact> facts =
                env.fromData(new ZoneFact("l", "z", ZoneMeasure.TIP, "e", Instant.EPOCH));
        var window =
                (OneInputTransformation<ZoneDayPart, ZoneDayStats>)
                        AnalyticsGraph.zoneDayStats(
                                        List.of(facts),
                                        AnalyticsConfig.defaults().withZoneStatsLateness(lateness),
                                        AnalyticsGraph.LIVE_COMBINED_ZONE_DAYS)
                                .getTransformation();
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        window.getOperatorFactory(), new AnalyticsGraph.PartKey(), Types.STRING);
        return h;
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, ZoneDayPart, ZoneDayStats> h,
            TaggedEvent e)
            throws Exception {
        List<ZoneFact> facts = new ArrayList<>();
        new ToZoneFacts().flatMap(e, new ListCollector<>(facts));
        for (ZoneFact f : facts) {
            h.processElement(alone(f));
        }
    }

    static TaggedEvent incident(String id, String kind, String at, Map<String, String> zones) {
        return tagged(
                new CityEvent(
                        "incident/test/" + id,
                        EventStream.INCIDENT,
                        id,
                        "test",
                        kind,
                        null,
                        null,
                        Instant.parse(at),
                        -76.64,
                        39.30,
                        null),
                zones);
    }

    static TaggedEvent request(String id, String status, String at, Map<String, String> zones) {
        return tagged(
                new CityEvent(
                        "request311/test/" + id + "/" + status + "@" + at,
                        EventStream.REQUEST311,
                        id,
                        "test",
                        "REQUEST_311",
                        "HCD-Illegal Dumping",
                        status,
                        Instant.parse(at),
                        -76.64,
                        39.30,
                        null),
                zones);
    }

    static TaggedEvent tip(String id, String at, Map<String, String> zones) {
        return tagged(
                new CityEvent(
                        "tip/test/" + id,
                        EventStream.TIP,
                        id,
                        "test",
                        "TIP",
                        "guns",
                        null,
                        Instant.parse(at),
                        -76.64,
                        39.30,
                        null),
                zones);
    }

    private static TaggedEvent tagged(CityEvent e, Map<String, String> zones) {
        return new TaggedEvent(e, "892aa84c537ffff", zones);
    }
}
