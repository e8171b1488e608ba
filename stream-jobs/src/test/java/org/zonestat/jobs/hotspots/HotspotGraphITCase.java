package org.zonestat.jobs.hotspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zonestat.jobs.testing.BoundedRuns.drain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.jobs.functions.EventTimeAssigner;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotWindowSummary;
import org.zonestat.jobs.model.HotspotZoneCounts;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.testing.BoundedRuns;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.baltimore.BaltimoreData;

/**
 * The hotspot graph on a Flink MiniCluster (parallelism 2) with the production Flink configuration
 * ({@code pipeline.generic-types: false}), fed bounded streams of tagged incidents with a watermark
 * behind every event.
 */
class HotspotGraphITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    // 2019-07-01 00:00 in Baltimore (EDT).
    private static final Instant JULY_1 = Instant.parse("2019-07-01T04:00:00Z");
    private static final long SANDTOWN = new H3Binner(9).cell(-76.6440, 39.3010);
    private static final long CANTON = new H3Binner(9).cell(-76.5750, 39.2800);

    @Test
    void aWeekOfShootingsInAFewAdjacentCellsComesOutHotAndAQuietAreaDoesNot() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("hotspot IT background seed " + seed);
        Random random = new Random(seed);
        List<TaggedEvent> events = new ArrayList<>();
        List<Long> cluster = H3Binner.h3().gridDisk(SANDTOWN, 1);
        for (int day = 0; day < 7; day++) {
            for (int i = 0; i < 2; i++) {
                long cell = cluster.get((2 * day + i) % cluster.size());
                var c = H3Binner.h3().cellToLatLng(cell);
                events.add(
                        incident(
                                "c" + day + "-" + i,
                                "SHOOTING",
                                JULY_1.plus(Duration.ofHours(24 * day + 8 + i)),
                                c.lng,
                                c.lat,
                                Map.of("vri-zones", "Sandtown-Winchester")));
            }
        }
        // Background: one shooting a day somewhere in west and east Baltimore, at least 2 km from
        // the
        // cluster and from Canton, and a few robberies in Canton that must not make it hot.
        for (int day = 0; day < 7; day++) {
            double lon = -76.70 + random.nextDouble() * 0.08;
            double lat = 39.32 + random.nextDouble() * 0.04;
            events.add(
                    incident(
                            "b" + day,
                            "SHOOTING",
                            JULY_1.plus(Duration.ofHours(24 * day + 13)),
                            lon,
                            lat,
                            Map.of()));
            var canton = H3Binner.h3().cellToLatLng(CANTON);
            events.add(
                    incident(
                            "r" + day,
                            "ROBBERY",
                            JULY_1.plus(Duration.ofHours(24 * day + 15)),
                            canton.lng,
                            canton.lat,
                            Map.of("neighborhoods", "Canton")));
        }
        // Block-scale cells (resolution 9), so the cluster is seven cells.
        HotspotConfig config =
                HotspotConfig.defaults()
                        .withWindowDays(List.of(1, 7))
                        .withCells(
                                9,
                                1,
                                HotspotConfig.forCity(CityProfiles.shipped("baltimore"))
                                        .studyArea());
        Result r = run(events, config);

        Instant july8 = JULY_1.plus(Duration.ofDays(7));
        List<HotspotChange> week =
                r.changes.stream()
                        .filter(c -> c.windowDays() == 7 && c.windowEnd().equals(july8))
                        .toList();
        assertThat(week)
                .filteredOn(c -> c.status().equals("HOT"))
                .extracting(HotspotChange::cell)
                .as("the seven cluster cells are hot (seed %d)", seed)
                .containsAll(cluster.stream().map(H3Binner.h3()::h3ToString).toList());
        assertThat(r.changes)
                .as("Canton never hot (seed %d)", seed)
                .noneMatch(
                        c ->
                                c.cell().equals(H3Binner.h3().h3ToString(CANTON))
                                        && c.status().equals("HOT"));
        assertThat(week)
                .filteredOn(c -> c.status().equals("HOT"))
                .allSatisfy(
                        c -> assertThat(c.category()).isIn("NEW_HOT_SPOT", "CONSECUTIVE_HOT_SPOT"));

        // Every local midnight from July 2 closes a window of each length while there is state.
        assertThat(r.summaries)
                .filteredOn(s -> s.windowDays() == 7)
                .extracting(HotspotWindowSummary::windowEnd)
                .contains(JULY_1.plus(Duration.ofDays(1)), july8)
                .doesNotHaveDuplicates();
        assertThat(r.summaries)
                .filteredOn(s -> s.windowEnd().equals(july8) && s.windowDays() == 7)
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(21));
        // The cluster cools once its shootings have left the 7-day window.
        assertThat(r.changes)
                .filteredOn(
                        c ->
                                c.windowDays() == 7
                                        && c.cell().equals(H3Binner.h3().h3ToString(SANDTOWN)))
                .extracting(HotspotChange::change)
                .last()
                .hasToString("COOLED");

        assertThat(r.zoneCounts)
                .filteredOn(z -> z.windowDays() == 7 && z.windowEnd().equals(july8))
                .extracting(z -> z.zone() + " " + z.shootings() + "/" + z.robberies())
                .containsExactlyInAnyOrder("Sandtown-Winchester 14/0", "Canton 0/7");
        assertThat(r.late).isZero();
    }

    @Test
    void onTheBaltimoreShootings2012To2017TheTwentyEightDayWindowsFindAFewHotCells()
            throws Exception {
        List<TaggedEvent> events = shootings2012To2017();
        HotspotConfig config = HotspotConfig.defaults().withWindowDays(List.of(28));
        Result r = run(events, config);

        Instant first = events.get(0).event().occurredAt();
        Instant last = events.get(events.size() - 1).event().occurredAt();
        List<HotspotWindowSummary> windows =
                r.summaries.stream()
                        .filter(
                                s ->
                                        !s.windowStart().isBefore(first)
                                                && !s.windowEnd().isAfter(last))
                        .toList();
        double meanHot =
                windows.stream().mapToInt(HotspotWindowSummary::hotCells).average().orElse(0);
        long withHot = windows.stream().filter(s -> s.hotCells() > 0).count();
        int maxHot = windows.stream().mapToInt(HotspotWindowSummary::hotCells).max().orElse(0);
        double meanValue =
                windows.stream().mapToLong(HotspotWindowSummary::value).average().orElse(0);

        ZoneCatalog neighborhoods =
                ZoneCatalog.load(
                        List.of(
                                CityProfiles.shipped("baltimore")
                                        .layer("neighborhoods")
                                        .orElseThrow()));
        Map<String, Integer> hotCellWindows = new HashMap<>();
        r.changes.stream()
                .filter(c -> c.status().equals("HOT"))
                .forEach(
                        c ->
                                hotCellWindows.merge(
                                        neighborhoods
                                                .tag(c.lon(), c.lat())
                                                .getOrDefault("neighborhoods", "(none)"),
                                        1,
                                        Integer::sum));
        Map<String, Long> categories =
                r.changes.stream()
                        .filter(c -> c.status().equals("HOT"))
                        .collect(
                                Collectors.groupingBy(
                                        HotspotChange::category,
                                        TreeMap::new,
                                        Collectors.counting()));
        String top =
                hotCellWindows.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(12)
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        System.out.printf(
                "2012-2017 shootings: %d events, %d 28-day windows inside the data; %.1f shootings and"
                        + " homicides per window in the study area; hot cells per window: mean %.2f, max %d;"
                        + " windows with a hot cell: %d (%.0f%%)%n",
                events.size(),
                windows.size(),
                meanValue,
                meanHot,
                maxHot,
                withHot,
                100.0 * withHot / windows.size());
        System.out.println("hot cell-windows by neighborhood (top 12): " + top);
        System.out.println("hot cell-windows by emerging category: " + categories);

        assertThat(windows.size()).isGreaterThan(2000);
        assertThat(meanValue).isBetween(20.0, 80.0);
        assertThat(meanHot)
                .as("some, but far from all, of the ~320 cells are hot")
                .isGreaterThan(1)
                .isLessThan(60);
        assertThat(r.late).isZero();
    }

    private record Result(
            List<HotspotChange> changes,
            List<HotspotWindowSummary> summaries,
            List<HotspotZoneCounts> zoneCounts,
            long late) {}

    private static Result run(List<TaggedEvent> events, HotspotConfig config) throws Exception {
        List<TaggedEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(e -> e.event().occurredAt()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(ZoneTaggingJob.flinkConfiguration(JobConfig.defaults("unused:9092")));
        env.setParallelism(2);
        DataStream<TaggedEvent> tagged =
                env.fromData(sorted)
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<TaggedEvent>forGenerator(
                                                ctx -> new BoundedRuns.EveryEvent())
                                        .withTimestampAssigner(new EventTimeAssigner()))
                        .setParallelism(1)
                        .name("event-time")
                        .uid("event-time");
        HotspotGraph.Outputs out = HotspotGraph.attach(tagged, config);
        CloseableIterator<HotspotChange> changes = out.changes().collectAsync();
        CloseableIterator<HotspotWindowSummary> summaries = out.summaries().collectAsync();
        CloseableIterator<HotspotZoneCounts> zones = out.zoneCounts().collectAsync();
        CloseableIterator<?> late = out.lateFacts().collectAsync();
        env.executeAsync("hotspots-it");
        return new Result(drain(changes), drain(summaries), drain(zones), drain(late).size());
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
                new H3Binner().cellAddress(lon, lat),
                zones);
    }

    /**
     * The shipped 2012-2017 shooting cases with coordinates (dates only: each at local midnight).
     */
    private static List<TaggedEvent> shootings2012To2017() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<TaggedEvent> out = new ArrayList<>();
        for (RawEvent raw : BaltimoreData.shootings2012To2017().events()) {
            JsonNode n = json.readTree(raw.json());
            if (!n.path("lat").isNumber()
                    || !n.path("lon").isNumber()
                    || n.path("lat").asDouble() == 0) {
                continue;
            }
            double lon = n.get("lon").asDouble();
            double lat = n.get("lat").asDouble();
            CityEvent e =
                    new CityEvent(
                            "incident/trace-2012-2017/" + raw.key(),
                            EventStream.INCIDENT,
                            raw.key(),
                            "trace-2012-2017",
                            n.get("kind").asText(),
                            n.path("type").asText(),
                            null,
                            Instant.parse(n.get("occurredAt").asText()),
                            lon,
                            lat,
                            null);
            out.add(new TaggedEvent(e, new H3Binner().cellAddress(lon, lat), Map.of()));
        }
        out.sort(Comparator.comparing(e -> e.event().occurredAt()));
        return out;
    }
}
