package org.zonestat.jobs.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zonestat.jobs.positions.TestTracks.minutes;
import static org.zonestat.jobs.positions.TestTracks.patrol;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.fence.Transition;
import org.zonestat.jobs.functions.Rejections;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;

/** The per-device operator in Flink's keyed broadcast harness: timers, state, broadcast fences. */
class DeviceTrackerTest {
    private static final Duration SILENCE = Duration.ofMinutes(5);

    @Test
    void aSilentDeviceIsClosedOutWithSignalLostAndItsStateIsCleared() throws Exception {
        try (var h = harness()) {
            h.processElement(record(patrol("car-1", minutes(0), 10, 10)));
            h.processElement(record(patrol("car-1", minutes(1), 11, 10)));
            assertThat(stateEntries(h)).isEqualTo(1);
            assertThat(h.numEventTimeTimers())
                    .as("one silence timer, moved by each fix")
                    .isEqualTo(1);
            assertThat(h.extractOutputValues()).hasSize(2);

            h.processWatermark(minutes(1).plus(SILENCE).toEpochMilli() - 1);
            assertThat(transitions(h)).hasSize(2);

            h.processWatermark(minutes(1).plus(SILENCE).toEpochMilli());
            List<FenceTransition> all = transitions(h);
            assertThat(all.subList(2, all.size()))
                    .extracting(
                            FenceTransition::transition,
                            FenceTransition::zone,
                            FenceTransition::reason,
                            FenceTransition::at)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    Transition.EXIT, "South", "signal-lost", minutes(1)),
                            org.assertj.core.groups.Tuple.tuple(
                                    Transition.EXIT, "West", "signal-lost", minutes(1)));
            assertThat(stateEntries(h)).as("state cleared").isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(sideOutput(h, DeviceTracker.SIGHTINGS))
                    .last()
                    .satisfies(s -> assertThat(s.gone()).isTrue());
        }
    }

    @Test
    void aDeviceThatSpeaksAgainAfterSilenceStartsAFreshTrack() throws Exception {
        try (var h = harness()) {
            h.processElement(record(patrol("car-2", minutes(0), 10, 10)));
            h.processWatermark(minutes(30).toEpochMilli());
            assertThat(stateEntries(h)).isZero();
            h.processElement(record(patrol("car-2", minutes(31), 10, 10)));
            assertThat(transitions(h))
                    .extracting(FenceTransition::transition)
                    .containsExactly(
                            Transition.ENTER,
                            Transition.ENTER,
                            Transition.EXIT,
                            Transition.EXIT,
                            Transition.ENTER,
                            Transition.ENTER);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedFixGoesToRejectedWithItsRawRecordAndSetsNoTimer() throws Exception {
        try (var h = harness()) {
            h.processElement(record(patrol("car-3", minutes(0), 70, 70)));
            List<Rejection> rejected = sideOutput(h, Rejections.TAG);
            assertThat(rejected)
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).isEqualTo(RejectReason.OUTSIDE_ZONES);
                                assertThat(r.source().offset()).isEqualTo(42);
                            });
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(stateEntries(h)).isZero();
        }
    }

    @Test
    void hotCellsComeFromTheBroadcastAndAnOlderWindowNeverOverridesANewerOne() throws Exception {
        String cell = TestTracks.cellAt(10, 10);
        long day = Duration.ofDays(1).toMillis();
        try (var h = harness()) {
            h.processBroadcastElement(FenceUpdate.cell(cell, true, 10 * day), 0);
            h.processBroadcastElement(FenceUpdate.cell(cell, false, 9 * day), 0);
            h.processElement(record(patrol("car-4", minutes(0), 10, 10)));
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(f -> assertThat(f.hotCell()).isEqualTo(cell));
            h.processBroadcastElement(FenceUpdate.cell(cell, false, 11 * day), 0);
            h.processElement(record(patrol("car-4", minutes(3), 10.1, 10)));
            assertThat(transitions(h))
                    .filteredOn(t -> t.layer().equals("hot-cells"))
                    .extracting(FenceTransition::transition, FenceTransition::minutes)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Transition.ENTER, Double.NaN),
                            org.assertj.core.groups.Tuple.tuple(Transition.EXIT, 3.0));
        }
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, ParsedPosition, FenceUpdate, PositionFix>
            harness() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new DeviceTracker(
                                TestTracks.LAYERS,
                                8,
                                PositionConfig.defaults().withSilence(SILENCE),
                                TestTracks.NEW_YORK),
                        new PositionKeys.Device(),
                        Types.STRING,
                        DeviceTracker.LAYER_UPDATES,
                        HotCellSet.DESCRIPTOR);
        // As in the job, the fence updates do not hold the positions' event time back (there they
        // carry no event time at all).
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    /** Entries in the operator's keyed state (the harness for broadcast operators has no count). */
    private static int stateEntries(
            KeyedBroadcastOperatorTestHarness<String, ParsedPosition, FenceUpdate, PositionFix> h) {
        return ((HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private static StreamRecord<ParsedPosition> record(Position p) {
        return new StreamRecord<>(
                ParsedPosition.accepted(
                        new RawRecord("positions.raw", 0, 42, p.at().toEpochMilli(), "{}"), p),
                p.at().toEpochMilli());
    }

    private static List<FenceTransition> transitions(
            KeyedBroadcastOperatorTestHarness<String, ParsedPosition, FenceUpdate, PositionFix> h) {
        return sideOutput(h, DeviceTracker.TRANSITIONS);
    }

    private static <T> List<T> sideOutput(
            KeyedBroadcastOperatorTestHarness<String, ParsedPosition, FenceUpdate, PositionFix> h,
            OutputTag<T> tag) {
        var queue = h.getSideOutput(tag);
        return queue == null ? List.of() : queue.stream().map(StreamRecord::getValue).toList();
    }
}
