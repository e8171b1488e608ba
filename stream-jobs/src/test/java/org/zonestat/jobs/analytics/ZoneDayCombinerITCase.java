package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * The combined daily scorecard ({@link ZoneDayCombiner} before the window, as {@link
 * AnalyticsGraph} builds it) gives exactly the scorecard of the plain window over the same facts
 * one by one, on a Flink MiniCluster with the production's object reuse and no Kryo fallback. The
 * facts are seeded random over zones of two layers, days across a daylight-saving change, and every
 * kind of measure the scorecard adds (counts, workload changes, days to close, activities,
 * contacts).
 *
 * <ul>
 *   <li>A batch run (parallelism 2): the facts come in two inputs, each combined on its own as a
 *       run combines its events' and its 311 workload's facts; each combiner holds at most three
 *       zone-days, so it passes parts of one day on more than once.
 *   <li>A live run: the facts come out of order, under watermarks that trail them, so some come
 *       after their day has fired but within the allowed lateness (the window fires the day again)
 *       and some after it (the late output); the {@code zone-stats} records, with their 311
 *       workload, are the same record for record, in the same order for each zone-day, and the late
 *       output counts the same facts. The combiner passes its parts on at the watermarks (it may
 *       hold a thousand zone-days), and several facts of an ended day come between two of them. One
 *       input at parallelism 1 into windows at parallelism 2, so what is late is the same in every
 *       run.
 * </ul>
 */
class ZoneDayCombinerITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final long SEED = 20260318L;
    // 2018-11-01 to 2018-11-08 in Baltimore: the clocks fall back on 2018-11-04.
    private static final Instant FROM = Instant.parse("2018-11-01T04:00:00Z");
    private static final long SPAN_MS = 7L * 24 * 3600 * 1000;
    private static final long HOUR_MS = 3600 * 1000;
    private static final Duration LATENESS = Duration.ofHours(6);
    static final OutputTag<ZoneFact> PLAIN_LATE = new OutputTag<>("plain-late") {};

    @Test
    void theCombinedScorecardEqualsTheWindowsScorecard() throws Exception {
        List<ZoneFact> facts = facts(new Random(SEED), 3_000);
        AnalyticsConfig config = AnalyticsConfig.defaults();

        List<ZoneDayStats> plain = run(facts, (a, b) -> plainWindow(a.union(b), config));
        List<ZoneDayStats> combined =
                run(facts, (a, b) -> AnalyticsGraph.zoneDayStats(List.of(a, b), config, 3));

        assertThat(plain).as("five zones, seven days; seed %d", SEED).hasSize(35);
        assertThat(combined).as("seed %d", SEED).containsExactlyElementsOf(plain);
    }

    @Test
    void theLiveCombinedScorecardEqualsTheWindowsScorecardWithLateFacts() throws Exception {
        Random random = new Random(SEED);
        List<ZoneFact> facts = outOfOrder(random, facts(random, 3_000));
        AnalyticsConfig config = AnalyticsConfig.defaults().withZoneStatsLateness(LATENESS);

        Live plain = live(facts, f -> plainWindow(f, config), config);
        Live combined =
                live(facts, f -> AnalyticsGraph.zoneDayStats(List.of(f), config, 1_000), config);

        assertThat(plain.stats())
                .as("late facts fire their days again; seed %d", SEED)
                .hasSizeGreaterThan(35);
        assertThat(plain.lateFacts()).as("seed %d", SEED).isPositive();
        assertThat(combined.stats()).as("seed %d", SEED).containsExactlyElementsOf(plain.stats());
        assertThat(combined.lateFacts()).as("seed %d", SEED).isEqualTo(plain.lateFacts());
    }

    /**
     * The window over the facts one by one, as the scorecard was before its facts were combined:
     * the scorecard the combined one must equal.
     */
    static SingleOutputStreamOperator<ZoneDayStats> plainWindow(
            DataStream<ZoneFact> facts, AnalyticsConfig config) {
        LocalDayWindows days = new LocalDayWindows(config.timeZone());
        return facts.keyBy(new ZoneKey())
                .window(days)
                .allowedLateness(config.zoneStatsLateness())
                .sideOutputLateData(PLAIN_LATE)
                .aggregate(new ZoneDayTallying(), new ZoneDailyCounts(days))
                .name("zone-day-stats")
                .uid("zone-day-stats");
    }

    /** What a live run wrote: its scorecard in order per zone-day, and its late facts. */
    private record Live(List<ZoneDayStats> stats, long lateFacts) {}

    private static Live live(
            List<ZoneFact> facts,
            Function<DataStream<ZoneFact>, SingleOutputStreamOperator<ZoneDayStats>> scorecard,
            AnalyticsConfig config)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        DataStream<ZoneFact> input =
                env.fromData(facts, TypeInformation.of(ZoneFact.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ZoneFact>forGenerator(ctx -> new Trailing())
                                        .withTimestampAssigner(
                                                (f, t) -> f.occurredAt().toEpochMilli()));
        SingleOutputStreamOperator<ZoneDayStats> days = scorecard.apply(input).setParallelism(2);
        DataStream<Long> late =
                days.getSideOutput(PLAIN_LATE)
                        .map(f -> 1L)
                        .returns(Types.LONG)
                        .setParallelism(2)
                        .union(
                                days.getSideOutput(AnalyticsGraph.LATE_ZONE_FACTS)
                                        .map(ZoneDayPart::facts)
                                        .returns(Types.LONG)
                                        .setParallelism(2));
        CloseableIterator<ZoneDayStats> stats =
                AnalyticsGraph.workload(days, config).setParallelism(2).collectAsync();
        CloseableIterator<Long> lateFacts = late.collectAsync();
        env.executeAsync("zone-day-live");
        List<ZoneDayStats> out = new ArrayList<>();
        stats.forEachRemaining(out::add);
        long lateCount = 0;
        while (lateFacts.hasNext()) {
            lateCount += lateFacts.next();
        }
        // Stable: each zone-day's records keep the order in which the window emitted them.
        out.sort(
                Comparator.comparing(ZoneDayStats::layer)
                        .thenComparing(ZoneDayStats::zone)
                        .thenComparing(ZoneDayStats::day));
        return new Live(out, lateCount);
    }

    private interface Scorecard {
        DataStream<ZoneDayStats> of(DataStream<ZoneFact> some, DataStream<ZoneFact> others);
    }

    private static List<ZoneDayStats> run(List<ZoneFact> facts, Scorecard scorecard)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<ZoneDayStats> out = new ArrayList<>();
        TypeInformation<ZoneFact> type = TypeInformation.of(ZoneFact.class);
        int half = facts.size() / 2;
        try (CloseableIterator<ZoneDayStats> it =
                scorecard
                        .of(
                                env.fromData(facts.subList(0, half), type),
                                env.fromData(facts.subList(half, facts.size()), type))
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort(
                Comparator.comparing(ZoneDayStats::layer)
                        .thenComparing(ZoneDayStats::zone)
                        .thenComparing(ZoneDayStats::day));
        return out;
    }

    /**
     * The facts in the order live feeds might bring them: most within half an hour of their time;
     * some from a lagging feed that sends what it holds every nine hours, so that several facts of
     * a day that has ended come together; a few up to two days after their time.
     */
    private static List<ZoneFact> outOfOrder(Random random, List<ZoneFact> facts) {
        Map<ZoneFact, Long> arrival = new IdentityHashMap<>();
        long lag = 9 * HOUR_MS;
        for (ZoneFact f : facts) {
            long at = f.occurredAt().toEpochMilli();
            double kind = random.nextDouble();
            arrival.put(
                    f,
                    kind < 0.8
                            ? at + random.nextInt(30) * 60_000L
                            : kind < 0.9
                                    ? (at / lag + 1) * lag
                                    : at
                                            + (long)
                                                    ((0.5 + 1.5 * random.nextDouble())
                                                            * 24
                                                            * HOUR_MS));
        }
        List<ZoneFact> ordered = new ArrayList<>(facts);
        ordered.sort(Comparator.comparing(arrival::get));
        return ordered;
    }

    /**
     * A watermark an hour behind the latest fact, every 50 facts (never on a timer, so that every
     * run sees the same watermarks at the same facts).
     */
    private static final class Trailing implements WatermarkGenerator<ZoneFact> {
        private long latest = Long.MIN_VALUE;
        private int count;

        @Override
        public void onEvent(ZoneFact fact, long timestamp, WatermarkOutput output) {
            latest = Math.max(latest, timestamp);
            if (++count % 50 == 0) {
                output.emitWatermark(new Watermark(latest - HOUR_MS));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    private static List<ZoneFact> facts(Random random, int n) {
        String[][] zones = {
            {"neighborhoods", "Penn North"},
            {"neighborhoods", "Canton"},
            {"neighborhoods", "Roland Park"},
            {"police-districts", "Western"},
            {"police-districts", "Southeastern"}
        };
        ZoneMeasure[] measures = ZoneMeasure.values();
        List<ZoneFact> facts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] zone = zones[random.nextInt(zones.length)];
            ZoneMeasure measure = measures[random.nextInt(measures.length)];
            Instant at = FROM.plusMillis((long) (random.nextDouble() * SPAN_MS));
            double value =
                    switch (measure) {
                        case OPEN_CHANGE, OVERDUE_CHANGE -> random.nextBoolean() ? 1 : -1;
                        case DAYS_TO_CLOSE -> random.nextInt(40) / 4.0;
                        case PATROL_MINUTES, OUTREACH_MINUTES -> random.nextInt(120);
                        case ACTIVITY -> 1 + random.nextInt(3);
                        default -> 1;
                    };
            String detail =
                    switch (measure) {
                        case ACTIVITY -> random.nextBoolean() ? "mediation" : "outreach";
                        case CONTACT -> "contact-" + random.nextInt(200);
                        default -> null;
                    };
            facts.add(
                    new ZoneFact(
                            zone[0],
                            zone[1],
                            measure,
                            "e" + i,
                            at,
                            value,
                            1 + random.nextInt(3),
                            detail));
        }
        return facts;
    }
}
