package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zonestat.jobs.testing.BoundedRuns.drain;

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
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.RiskHalo;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.jobs.testing.BoundedRuns;

/**
 * The whole analytics graph on a Flink MiniCluster (parallelism 2), with the production Flink
 * configuration ({@code pipeline.generic-types: false}, so any Kryo fallback fails the run), fed a
 * bounded, hand-made day of tagged events.
 */
class AnalyticsGraphITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    // 2019-10-18 10:00 in Baltimore (EDT); that local day is 04:00Z to 04:00Z.
    private static final Instant T0 = Instant.parse("2019-10-18T14:00:00Z");
    private static final Map<String, String> PENN_NORTH =
            Map.of("vri-zones", "Penn North", "neighborhoods", "Penn North");
    private static final Map<String, String> RESERVOIR_HILL =
            Map.of("neighborhoods", "Reservoir Hill");
    private static final Map<String, String> CANTON = Map.of("neighborhoods", "Canton");
    private static final double LON = -76.6440;
    private static final double LAT = 39.3010;
    private static final double METERS_PER_DEG_LAT = Math.toRadians(Distances.EARTH_RADIUS_M);

    @Test
    void aBoundedDayOfEventsProducesTheExpectedAlertsNotificationsScorecardsAndHalos()
            throws Exception {
        List<TaggedEvent> events =
                new ArrayList<>(
                        List.of(
                                request("19-1", "New", T0, PENN_NORTH),
                                request(
                                        "19-2",
                                        "New",
                                        T0.plus(Duration.ofHours(1)),
                                        RESERVOIR_HILL),
                                incident(
                                        "S1",
                                        "SHOOTING",
                                        T0.plus(Duration.ofHours(2)),
                                        LON,
                                        LAT,
                                        RESERVOIR_HILL),
                                tip("tip-1", T0.plus(Duration.ofHours(3)), PENN_NORTH),
                                request(
                                        "19-2",
                                        "Closed",
                                        T0.plus(Duration.ofDays(1)),
                                        RESERVOIR_HILL),
                                incident(
                                        "S2",
                                        "SHOOTING",
                                        T0.plus(Duration.ofDays(2)),
                                        LON,
                                        LAT + 250 / METERS_PER_DEG_LAT,
                                        PENN_NORTH),
                                incident(
                                        "S3",
                                        "HOMICIDE",
                                        T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)),
                                        LON + 0.025,
                                        LAT,
                                        CANTON)));
        events.sort(Comparator.comparing(e -> e.event().occurredAt()));

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ZoneTaggingJob.flinkConfiguration(JobConfig.defaults("unused:9092")));
        env.setParallelism(2);
        DataStream<TaggedEvent> tagged =
                env.fromData(events)
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<TaggedEvent>forGenerator(
                                                ctx -> new BoundedRuns.EveryEvent())
                                        .withTimestampAssigner(new EventTimeAssigner()))
                        .setParallelism(1)
                        .name("event-time")
                        .uid("event-time");
        AnalyticsGraph.Outputs out = AnalyticsGraph.attach(tagged, AnalyticsConfig.defaults());
        CloseableIterator<Alert> alerts = out.alerts().collectAsync();
        CloseableIterator<Notification> notifications = out.notifications().collectAsync();
        CloseableIterator<ZoneDayStats> stats = out.zoneStats().collectAsync();
        CloseableIterator<RiskHalo> halos = out.halos().collectAsync();
        CloseableIterator<?> late = out.lateZoneFacts().collectAsync();
        CloseableIterator<?> stale = out.staleRequestUpdates().collectAsync();
        env.executeAsync("analytics-it");

        List<Alert> alertList = drain(alerts);
        assertThat(alertList)
                .extracting(Alert::alertId)
                .containsExactlyInAnyOrder(
                        "overdue-311/19-1/" + T0.plus(Duration.ofDays(3)),
                        "near-repeat/incident/test/S1/incident/test/S2");
        assertThat(alertList).allSatisfy(a -> assertThat(a.priority()).as(a.alertId()).isTrue());
        assertThat(alertList)
                .filteredOn(a -> a.type() == AlertType.NEAR_REPEAT)
                .singleElement()
                .satisfies(a -> assertThat(a.distanceMeters()).isBetween(249.0, 251.0));

        assertThat(drain(notifications))
                .singleElement()
                .satisfies(
                        n -> {
                            assertThat(n.requestId()).isEqualTo("19-2");
                            assertThat(n.daysOpen()).isEqualTo(23 / 24.0);
                            assertThat(n.metDueDate()).isTrue();
                        });

        Instant d18 = Instant.parse("2019-10-18T04:00:00Z");
        Instant d19 = Instant.parse("2019-10-19T04:00:00Z");
        Instant d20 = Instant.parse("2019-10-20T04:00:00Z");
        Instant d21 = Instant.parse("2019-10-21T04:00:00Z");
        Instant d22 = Instant.parse("2019-10-22T04:00:00Z");
        // 19-1 stays open in Penn North, becomes overdue on 10-21 and is forgotten 90 days after
        // its
        // due time (the bounded input's end fires every timer); 19-2 closes after 23 hours.
        Instant jan19 = Instant.parse("2020-01-19T05:00:00Z");
        Instant jan20 = Instant.parse("2020-01-20T05:00:00Z");
        double nan = Double.NaN;
        List<ZoneDayStats> expected = new ArrayList<>();
        for (String layer : List.of("vri-zones", "neighborhoods")) {
            expected.add(
                    new ZoneDayStats(
                            layer,
                            "Penn North",
                            "2019-10-18",
                            d18,
                            d19,
                            0,
                            0,
                            0,
                            1,
                            0,
                            1,
                            0,
                            nan,
                            1,
                            0,
                            1,
                            0));
            expected.add(
                    new ZoneDayStats(
                            layer,
                            "Penn North",
                            "2019-10-20",
                            d20,
                            d21,
                            0,
                            1,
                            0,
                            0,
                            0,
                            0,
                            0,
                            nan,
                            0,
                            0,
                            1,
                            0));
            expected.add(
                    new ZoneDayStats(
                            layer,
                            "Penn North",
                            "2019-10-21",
                            d21,
                            d22,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            1,
                            nan,
                            0,
                            1,
                            1,
                            1));
            expected.add(
                    new ZoneDayStats(
                            layer,
                            "Penn North",
                            "2020-01-19",
                            jan19,
                            jan20,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            nan,
                            -1,
                            -1,
                            0,
                            0));
        }
        expected.add(
                new ZoneDayStats(
                        "neighborhoods",
                        "Reservoir Hill",
                        "2019-10-18",
                        d18,
                        d19,
                        0,
                        1,
                        0,
                        1,
                        0,
                        0,
                        0,
                        nan,
                        1,
                        0,
                        1,
                        0));
        expected.add(
                new ZoneDayStats(
                        "neighborhoods",
                        "Reservoir Hill",
                        "2019-10-19",
                        d19,
                        d20,
                        0,
                        0,
                        0,
                        0,
                        1,
                        0,
                        0,
                        23 / 24.0,
                        -1,
                        0,
                        0,
                        0));
        expected.add(
                new ZoneDayStats(
                        "neighborhoods", "Canton", "2019-10-20", d20, d21, 1, 0, 0, 0, 0, 0));
        assertThat(drain(stats)).containsExactlyInAnyOrderElementsOf(expected);

        assertThat(drain(halos))
                .extracting(RiskHalo::eventId)
                .containsExactlyInAnyOrder(
                        "incident/test/S1", "incident/test/S2", "incident/test/S3");
        assertThat(drain(late)).isEmpty();
        assertThat(drain(stale)).isEmpty();
    }

    private static TaggedEvent request(
            String id, String status, Instant at, Map<String, String> zones) {
        return new TaggedEvent(
                new CityEvent(
                        "request311/test/" + id + "/" + status + "@" + at,
                        EventStream.REQUEST311,
                        id,
                        "test",
                        "REQUEST_311",
                        "HCD-Illegal Dumping",
                        status,
                        at,
                        LON,
                        LAT,
                        null),
                "892aa84c537ffff",
                zones);
    }

    private static TaggedEvent incident(
            String id, String kind, Instant at, double lon, double lat, Map<String, String> zones) {
        return new TaggedEvent(
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
                        null),
                "892aa84c537ffff",
                zones);
    }

    private static TaggedEvent tip(String id, Instant at, Map<String, String> zones) {
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
                        LON,
                        LAT,
                        null),
                "892aa84c537ffff",
                zones);
    }
}
