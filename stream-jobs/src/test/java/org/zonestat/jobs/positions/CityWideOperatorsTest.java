package org.zonestat.jobs.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zonestat.jobs.positions.TestTracks.lat;
import static org.zonestat.jobs.positions.TestTracks.lon;
import static org.zonestat.jobs.positions.TestTracks.minutes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.UnitNearby;

/**
 * The two city-wide operators in Flink's keyed harness: the nearest available units on a shooting,
 * and monitored tracks that passed near one. Both keep their state by the data's own time and drop
 * a device that went silent.
 */
class CityWideOperatorsTest {

    @Test
    void aShootingNamesTheThreeNearestAvailableUnitsSeenAroundItsTime() throws Exception {
        try (var h = harness(new NearestUnits(PositionConfig.defaults(), "vri-zones"))) {
            h.processElement1(unit("car-near", UnitStatus.AVAILABLE, minutes(9), 10.2, 10), 0);
            h.processElement1(unit("car-mid", UnitStatus.AVAILABLE, minutes(8), 12, 10), 0);
            h.processElement1(unit("car-far", UnitStatus.AVAILABLE, minutes(9), 20, 10), 0);
            h.processElement1(unit("car-farther", UnitStatus.AVAILABLE, minutes(9), 25, 12), 0);
            h.processElement1(unit("car-busy", UnitStatus.BUSY, minutes(9), 10, 10.1), 0);
            h.processElement1(unit("car-stale", UnitStatus.AVAILABLE, minutes(-30), 10, 10), 0);
            h.processElement1(unit("car-gone", UnitStatus.AVAILABLE, minutes(9), 10, 10), 0);
            h.processElement1(gone(unit("car-gone", UnitStatus.AVAILABLE, minutes(9), 10, 10)), 0);
            h.processElement1(monitoredSighting("m-1", minutes(9), 10, 10, 10, 10), 0);
            assertThat(keys(h, NearestUnits.UNITS))
                    .as("units kept; the silent one and the monitored device are not")
                    .containsExactlyInAnyOrder(
                            "car-near",
                            "car-mid",
                            "car-far",
                            "car-farther",
                            "car-busy",
                            "car-stale");

            h.processElement2(shooting("s-1", minutes(10), 10, 10, Map.of("vri-zones", "West")), 0);
            Alert a = h.extractOutputValues().get(0);
            assertThat(a.type()).isEqualTo(AlertType.VIOLENCE);
            assertThat(a.alertId()).isEqualTo("violence/incident/test/s-1");
            assertThat(a.priority()).isTrue();
            assertThat(a.restricted()).isFalse();
            assertThat(a.units())
                    .extracting(UnitNearby::deviceId)
                    .containsExactly("car-near", "car-mid", "car-far");
            assertThat(a.units().get(0).minutesSinceFix()).isEqualTo(1.0);
            assertThat(a.units().get(0).distanceMeters()).isBetween(15.0, 19.0);
            assertThat(a.units().get(1).minutesSinceFix()).isEqualTo(2.0);
        }
    }

    @Test
    void aShootingWhenNoUnitWasOnTheAirRaisesNoAlertAndOneFarFromEveryUnitNamesNone()
            throws Exception {
        try (var h = harness(new NearestUnits(PositionConfig.defaults(), "vri-zones"))) {
            h.processElement1(unit("car-1", UnitStatus.AVAILABLE, minutes(0), 10, 10), 0);
            h.processElement1(unit("car-2", UnitStatus.BUSY, minutes(0), 10, 10.1), 0);
            // A replay of history: no unit reported anywhere near that time.
            h.processElement2(
                    shooting("old", Instant.parse("2018-07-07T20:00:00Z"), 10, 10, Map.of()), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            // Units on the air, the only available one 40 km away.
            h.processElement1(unit("car-1", UnitStatus.AVAILABLE, minutes(1), 400, 400), 0);
            h.processElement2(shooting("now", minutes(2), 10, 10, Map.of()), 0);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.alertId()).isEqualTo("violence/incident/test/now");
                                assertThat(a.units()).isEmpty();
                            });
        }
    }

    @Test
    void aMonitoredTrackPassingWithinTheRadiusAndWindowRaisesOneRestrictedAlert() throws Exception {
        try (var h = harness(new SceneCorrelation(PositionConfig.defaults(), "vri-zones"))) {
            // Shooting at (10,10) at minute 20; the track goes (5,10.5) -> (15,10.5): 56 m north of
            // it at its closest, at minute 21.
            h.processElement2(shooting("s-2", minutes(20), 10, 10, Map.of("vri-zones", "West")), 0);
            h.processElement1(monitoredSighting("m-1", minutes(18), 5, 10.5, 0, 0), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement1(monitoredSighting("m-1", minutes(24), 15, 10.5, 5, 10.5), 0);
            // Another pass as close: the device is already named.
            h.processElement1(monitoredSighting("m-1", minutes(26), 10, 10.6, 15, 10.5), 0);
            // A device that stayed 500 m away is not named.
            h.processElement1(monitoredSighting("m-2", minutes(20), 10, 14.5, 0, 0), 0);
            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts)
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.type()).isEqualTo(AlertType.MONITORED_NEAR_SCENE);
                                assertThat(a.alertId())
                                        .isEqualTo("monitored-near-scene/incident/test/s-2/m-1");
                                assertThat(a.relatedId()).isEqualTo("m-1");
                                assertThat(a.restricted()).isTrue();
                                assertThat(a.distanceMeters()).isBetween(54.0, 57.0);
                                assertThat(a.passedAt()).isEqualTo(minutes(21));
                                assertThat(a.units()).isEmpty();
                            });
        }
    }

    @Test
    void aTrackBeforeTheShootingCountsWithinTheWindowAndNotBeyondIt() throws Exception {
        try (var h = harness(new SceneCorrelation(PositionConfig.defaults(), "vri-zones"))) {
            h.processElement1(monitoredSighting("m-early", minutes(0), 10, 10.2, 0, 0), 0);
            h.processElement1(monitoredSighting("m-recent", minutes(25), 10.1, 10, 0, 0), 0);
            h.processElement2(shooting("s-3", minutes(40), 10, 10, Map.of()), 0);
            assertThat(h.extractOutputValues())
                    .extracting(Alert::relatedId)
                    .containsExactly("m-recent");
        }
    }

    @Test
    void aSilentDeviceAndOldIncidentsLeaveTheState() throws Exception {
        try (var h = harness(new SceneCorrelation(PositionConfig.defaults(), "vri-zones"))) {
            h.processElement1(monitoredSighting("m-1", minutes(0), 10, 10, 0, 0), 0);
            h.processElement2(shooting("s-4", minutes(1), 30, 30, Map.of()), 0);
            assertThat(keys(h, SceneCorrelation.TRACKS)).containsExactly("m-1");
            assertThat(keys(h, SceneCorrelation.INCIDENTS)).containsExactly("incident/test/s-4");
            h.processElement1(gone(monitoredSighting("m-1", minutes(0), 10, 10, 0, 0)), 0);
            assertThat(keys(h, SceneCorrelation.TRACKS)).isEmpty();
            // Three hours later (tracks are kept two): the incident is dropped with the next fix,
            // and a track keeps only its last two hours.
            h.processElement1(monitoredSighting("m-2", minutes(60), 20, 20, 0, 0), 0);
            h.processElement1(monitoredSighting("m-2", minutes(181), 20, 20.1, 20, 20), 0);
            assertThat(keys(h, SceneCorrelation.INCIDENTS)).isEmpty();
            h.getOperator().setCurrentKey(PositionKeys.CITY);
            assertThat(
                            h.getOperator()
                                    .getKeyedStateBackend()
                                    .getPartitionedState(
                                            VoidNamespace.INSTANCE,
                                            VoidNamespaceSerializer.INSTANCE,
                                            SceneCorrelation.TRACKS)
                                    .get("m-2"))
                    .hasSize(1);
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, DeviceSighting, TaggedEvent, Alert>
            harness(KeyedCoProcessFunction<String, DeviceSighting, TaggedEvent, Alert> f)
                    throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                f,
                new PositionKeys.City<DeviceSighting>(),
                new PositionKeys.City<TaggedEvent>(),
                Types.STRING);
    }

    /** The keys of one of the operator's map states (the one city-wide key). */
    private static List<String> keys(
            KeyedTwoInputStreamOperatorTestHarness<String, DeviceSighting, TaggedEvent, Alert> h,
            MapStateDescriptor<String, ?> descriptor)
            throws Exception {
        h.getOperator().setCurrentKey(PositionKeys.CITY);
        List<String> out = new java.util.ArrayList<>();
        h.getOperator()
                .getKeyedStateBackend()
                .getPartitionedState(
                        VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor)
                .keys()
                .forEach(out::add);
        return out;
    }

    private static DeviceSighting unit(
            String id, UnitStatus status, Instant at, double x, double y) {
        return new DeviceSighting(
                id,
                DeviceKind.UNIT,
                Team.PATROL,
                status,
                at.toEpochMilli(),
                lon(x),
                lat(y),
                0,
                0,
                0,
                false);
    }

    private static DeviceSighting monitoredSighting(
            String id, Instant at, double x, double y, double fromX, double fromY) {
        boolean first = fromX == 0 && fromY == 0;
        return new DeviceSighting(
                id,
                DeviceKind.MONITORED,
                null,
                null,
                at.toEpochMilli(),
                lon(x),
                lat(y),
                first ? 0 : at.toEpochMilli() - 6 * 60_000,
                first ? 0 : lon(fromX),
                first ? 0 : lat(fromY),
                false);
    }

    private static DeviceSighting gone(DeviceSighting s) {
        return new DeviceSighting(
                s.deviceId(),
                s.kind(),
                s.team(),
                s.status(),
                s.at(),
                s.lon(),
                s.lat(),
                0,
                0,
                0,
                true);
    }

    private static TaggedEvent shooting(
            String id, Instant at, double x, double y, Map<String, String> zones) {
        return new TaggedEvent(
                new CityEvent(
                        "incident/test/" + id,
                        EventStream.INCIDENT,
                        id,
                        "test",
                        "SHOOTING",
                        null,
                        null,
                        at,
                        lon(x),
                        lat(y),
                        null),
                "8928308280fffff",
                zones);
    }
}
