package org.zonestat.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.fence.Transition;
import org.zonestat.jobs.analytics.ZoneDayTally;
import org.zonestat.jobs.positions.DeviceKind;
import org.zonestat.jobs.positions.DeviceSighting;
import org.zonestat.jobs.positions.DeviceState;
import org.zonestat.jobs.positions.FenceTransition;
import org.zonestat.jobs.positions.FenceUpdate;
import org.zonestat.jobs.positions.ParsedPosition;
import org.zonestat.jobs.positions.Position;
import org.zonestat.jobs.positions.PositionFix;
import org.zonestat.jobs.positions.SceneIncident;
import org.zonestat.jobs.positions.Team;
import org.zonestat.jobs.positions.TrackSegment;
import org.zonestat.jobs.positions.UnitStatus;
import org.zonestat.jobs.positions.Visit;

/**
 * Every record the analytics put on a stream or in state has a Flink serializer of its own: the job
 * runs with {@code pipeline.generic-types: false}, so a Kryo fallback would fail at start.
 */
class NoKryoTest {
    private static final Map<String, String> ZONES =
            Map.of("vri-zones", "Penn North", "neighborhoods", "Penn North");
    private static final Instant T = Instant.parse("2018-07-07T12:00:00Z");

    @Test
    void everyAnalyticsRecordIsAPojoWithoutGenericFieldsAndRoundTrips() throws Exception {
        List<Object> samples =
                List.of(
                        new Alert(
                                "a",
                                AlertType.NEAR_REPEAT,
                                T,
                                "s",
                                null,
                                "SHOOTING",
                                -76.6,
                                39.3,
                                ZONES,
                                null,
                                12.5,
                                true),
                        new Notification(
                                "n",
                                "r",
                                "SW-Dirty Alley",
                                "Closed",
                                T,
                                T.plusSeconds(60),
                                0.1,
                                T,
                                true,
                                false,
                                ContactChannel.NONE,
                                ZONES),
                        new RequestUpdate(
                                "r",
                                "e",
                                "SW-Dirty Alley",
                                "New",
                                T,
                                null,
                                ContactChannel.NONE,
                                -76.6,
                                39.3,
                                ZONES),
                        new RequestState(
                                "r",
                                "t",
                                RequestPhase.OPEN,
                                "Open",
                                T,
                                "e",
                                -76.6,
                                39.3,
                                ZONES,
                                T,
                                T,
                                null,
                                null,
                                ContactChannel.SMS,
                                null,
                                null,
                                5L,
                                null),
                        new CellEvent("872aa8", "872aa8", "e", "SHOOTING", T, -76.6, 39.3, ZONES),
                        new RiskHalo(
                                "h", "e", "SHOOTING", -76.6, 39.3, 400, T, T.plusSeconds(5), ZONES),
                        new ZoneFact("vri-zones", "Penn North", ZoneMeasure.TIP, "e", T),
                        new ZoneDayStats(
                                "vri-zones", "Penn North", "2018-07-07", T, T, 1, 2, 3, 4, 5, 6));
        assertPojosThatRoundTrip(samples);
    }

    @Test
    void aParsedRawRecordIsAPojoThatRoundTripsAcceptedOrRejected() throws Exception {
        RawRecord raw = new RawRecord("incidents.raw", 1, 42, T.toEpochMilli(), "{\"id\":\"c1\"}");
        CityEvent event =
                new CityEvent(
                        "incident/bpd/c1",
                        EventStream.INCIDENT,
                        "c1",
                        "bpd",
                        "SHOOTING",
                        null,
                        null,
                        T,
                        -76.6,
                        39.3,
                        null);
        assertPojosThatRoundTrip(
                List.of(
                        ParsedRecord.accepted(raw, event),
                        ParsedRecord.rejected(
                                raw, RejectReason.MISSING_LOCATION, "field 'lat' is missing")));
    }

    @Test
    void everyPositionsRecordIsAPojoWithoutGenericFieldsAndRoundTrips() throws Exception {
        Position fix =
                new Position(
                        "car-1",
                        DeviceKind.UNIT,
                        Team.PATROL,
                        UnitStatus.AVAILABLE,
                        List.of("vri-zones:Western"),
                        T,
                        -76.6,
                        39.3,
                        Double.NaN,
                        90);
        RawRecord raw = new RawRecord("positions.raw", 0, 1, T.toEpochMilli(), "{}");
        assertPojosThatRoundTrip(
                List.of(
                        fix,
                        ParsedPosition.accepted(raw, fix),
                        ParsedPosition.rejected(raw, RejectReason.STALE_POSITION, "old"),
                        new PositionFix(fix, ZONES, "882aa8d8c9fffff"),
                        new FenceTransition(
                                "car-1",
                                DeviceKind.UNIT,
                                Team.OUTREACH,
                                Transition.EXIT,
                                "vri-zones",
                                "Penn North",
                                T,
                                -76.6,
                                39.3,
                                T.toEpochMilli() - 60_000,
                                "signal-lost"),
                        new DeviceState(
                                T.toEpochMilli(),
                                -76.6,
                                39.3,
                                DeviceKind.MONITORED,
                                null,
                                null,
                                Map.of("vri-zones", new Visit("Penn North", 1, 2, true)),
                                1),
                        FenceUpdate.cell("882aa8d8c9fffff", true, T.toEpochMilli()),
                        new DeviceSighting(
                                "m-1",
                                DeviceKind.MONITORED,
                                null,
                                null,
                                2,
                                -76.6,
                                39.3,
                                1,
                                -76.61,
                                39.31,
                                false),
                        new SceneIncident(
                                "e", "SHOOTING", 1, -76.6, 39.3, ZONES, true, List.of("m-1")),
                        new TrackSegment(1, -76.6, 39.3, 2, -76.61, 39.31),
                        new Alert(
                                "violence/e",
                                AlertType.VIOLENCE,
                                T,
                                "e",
                                null,
                                "SHOOTING",
                                -76.6,
                                39.3,
                                ZONES,
                                null,
                                Double.NaN,
                                true,
                                List.of(new UnitNearby("car-1", "patrol", 120, 0.5)),
                                false,
                                null),
                        new ZoneDayStats(
                                "vri-zones",
                                "Penn North",
                                "2018-07-07",
                                T,
                                T,
                                1,
                                2,
                                3,
                                4,
                                5,
                                6,
                                0,
                                Double.NaN,
                                0,
                                0,
                                0,
                                0,
                                1,
                                new ZoneDosage(12.5, 2, 1, 0, 0, 0))));
    }

    @Test
    void theRecordsOfActivitiesAndForecastScoresArePojosThatRoundTrip() throws Exception {
        CityEvent activity =
                new CityEvent(
                        "activity/console/a1",
                        EventStream.ACTIVITY,
                        "a1",
                        "console",
                        "OUTREACH_CONTACT",
                        null,
                        null,
                        T,
                        -76.6,
                        39.3,
                        null,
                        null,
                        ContactChannel.NONE,
                        new ActivityDetails(
                                "Safe Streets", null, 3, null, "0123456789abcdefABCD_-"));
        assertPojosThatRoundTrip(
                List.of(
                        new TaggedEvent(activity, "892aa8c0c87ffff", ZONES),
                        new ZoneFact(
                                "vri-zones",
                                "Penn North",
                                ZoneMeasure.ACTIVITY,
                                "activity/console/a1",
                                T,
                                3,
                                1,
                                "OUTREACH_CONTACT"),
                        new ZoneDayStats(
                                "vri-zones",
                                "Penn North",
                                "2018-07-07",
                                T,
                                T,
                                0,
                                1,
                                0,
                                0,
                                0,
                                0,
                                0,
                                Double.NaN,
                                0,
                                0,
                                0,
                                0,
                                1,
                                Map.of("OUTREACH_CONTACT", 3L),
                                1,
                                "AQAAAQ"),
                        new ForecastEvaluation(7, 7, 28, T, T, 320, 4, 10, 3, 1)));
        // The scorecard window's accumulator, with its activity counts and contact sketch.
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        assertThat(TypeInformation.of(ZoneDayTally.class)).isInstanceOf(PojoTypeInfo.class);
        assertThatCode(() -> TypeInformation.of(ZoneDayTally.class).createSerializer(noGenerics))
                .doesNotThrowAnyException();
    }

    private static void assertPojosThatRoundTrip(List<Object> samples) throws Exception {
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        for (Object sample : samples) {
            @SuppressWarnings("unchecked")
            TypeInformation<Object> info =
                    (TypeInformation<Object>) TypeInformation.of(sample.getClass());
            assertThat(info).as(sample.getClass().getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            assertThatCode(() -> info.createSerializer(noGenerics))
                    .as(sample.getClass().getSimpleName())
                    .doesNotThrowAnyException();
            TypeSerializer<Object> serializer = info.createSerializer(noGenerics);
            DataOutputSerializer out = new DataOutputSerializer(256);
            serializer.serialize(sample, out);
            Object back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).as(sample.getClass().getSimpleName()).isEqualTo(sample);
        }
    }
}
