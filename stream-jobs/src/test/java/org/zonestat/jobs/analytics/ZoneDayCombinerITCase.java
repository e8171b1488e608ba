package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * A batch run's combined daily scorecard ({@link ZoneDayCombiner} before the window) gives exactly
 * the scorecard of the plain window over the same facts, on a Flink MiniCluster (parallelism 2) in
 * batch execution mode with the production's object reuse and no Kryo fallback. The facts are
 * seeded random over zones of two layers, days across a daylight-saving change, and every kind of
 * measure the scorecard adds (counts, workload changes, days to close, activities, contacts); the
 * facts come in two inputs, each combined on its own as a run combines its events' and its 311
 * workload's facts, and each combiner holds at most three zone-days, so it passes parts of one day
 * on more than once.
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

    @Test
    void theCombinedScorecardEqualsTheWindowsScorecard() throws Exception {
        List<ZoneFact> facts = facts(new Random(SEED), 3_000);
        AnalyticsConfig config = AnalyticsConfig.defaults();

        List<ZoneDayStats> plain =
                run(facts, (a, b) -> AnalyticsGraph.zoneDayStats(a.union(b), config));
        List<ZoneDayStats> combined =
                run(facts, (a, b) -> AnalyticsGraph.combinedZoneDayStats(List.of(a, b), config, 3));

        assertThat(plain).as("five zones, seven days; seed %d", SEED).hasSize(35);
        assertThat(combined).as("seed %d", SEED).containsExactlyElementsOf(plain);
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
