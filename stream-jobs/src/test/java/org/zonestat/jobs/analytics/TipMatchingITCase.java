package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.jobs.functions.EventTimeAssigner;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;

/** Tip matching on the MiniCluster: which incidents a tip is matched to, by distance and time. */
class TipMatchingITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Instant T0 = Instant.parse("2019-10-18T14:00:00Z");
    private static final double LON = -76.6440;
    private static final double LAT = 39.3010;
    private static final double METERS_PER_DEG_LAT = Math.toRadians(Distances.EARTH_RADIUS_M);

    @Test
    void aTipMatchesTheIncidentsWithin300MetersAnd48HoursEitherSideAndNoOthers() throws Exception {
        List<TaggedEvent> events =
                new ArrayList<>(
                        List.of(
                                tip("tip-1", T0, LON, LAT, Map.of("vri-zones", "Western")),
                                incident(
                                        "before",
                                        T0.minus(Duration.ofHours(20)),
                                        LON,
                                        LAT + 200 / METERS_PER_DEG_LAT),
                                incident(
                                        "after",
                                        T0.plus(Duration.ofHours(10)),
                                        LON,
                                        LAT - 250 / METERS_PER_DEG_LAT),
                                incident("too-late", T0.plus(Duration.ofHours(60)), LON, LAT),
                                incident(
                                        "too-far",
                                        T0.plus(Duration.ofHours(1)),
                                        LON,
                                        LAT + 1_000 / METERS_PER_DEG_LAT),
                                // across an H3 resolution-7 cell edge is found too: 280 m east
                                incident(
                                        "east",
                                        T0.plus(Duration.ofHours(2)),
                                        LON
                                                + 280
                                                        / (METERS_PER_DEG_LAT
                                                                * Math.cos(Math.toRadians(LAT))),
                                        LAT)));
        events.sort(Comparator.comparing(e -> e.event().occurredAt()));

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ZoneTaggingJob.flinkConfiguration(JobConfig.defaults("unused:9092")));
        env.configure(ZoneTaggingJob.flinkConfiguration(JobConfig.defaults("unused:9092")));
        env.setParallelism(2);
        DataStream<TaggedEvent> tagged =
                env.fromData(events)
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<TaggedEvent>forMonotonousTimestamps()
                                        .withTimestampAssigner(new EventTimeAssigner()))
                        .setParallelism(1);
        CloseableIterator<Alert> alerts =
                TipMatching.attach(tagged, TipMatching.Settings.defaults("vri-zones"))
                        .collectAsync();
        env.executeAsync("tip-matching-it");

        List<Alert> got = new ArrayList<>();
        alerts.forEachRemaining(got::add);
        assertThat(got)
                .extracting(Alert::relatedId)
                .containsExactlyInAnyOrder(
                        "incident/test/before", "incident/test/after", "incident/test/east");
        assertThat(got)
                .allSatisfy(
                        a -> {
                            assertThat(a.type()).isEqualTo(AlertType.TIP_MATCH);
                            assertThat(a.subjectId()).isEqualTo("tip/test/tip-1");
                            assertThat(a.distanceMeters()).isLessThanOrEqualTo(300);
                            assertThat(a.priority()).isTrue();
                        });
        assertThat(got).extracting(Alert::alertId).doesNotHaveDuplicates();
    }

    private static TaggedEvent incident(String id, Instant at, double lon, double lat) {
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
                        lon,
                        lat,
                        null),
                "892aa84c537ffff",
                Map.of("neighborhoods", "Sandtown-Winchester"));
    }

    private static TaggedEvent tip(
            String id, Instant at, double lon, double lat, Map<String, String> zones) {
        return new TaggedEvent(
                new CityEvent(
                        "tip/test/" + id,
                        EventStream.TIP,
                        id,
                        "test",
                        "TIP",
                        "guns",
                        null,
                        at,
                        lon,
                        lat,
                        null),
                "892aa84c537ffff",
                zones);
    }
}
