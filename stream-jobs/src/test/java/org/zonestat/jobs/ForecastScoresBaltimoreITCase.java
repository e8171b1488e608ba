package org.zonestat.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.jobs.testing.KafkaTopics;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.topics.Topics;

/**
 * The forecast scores on real data: the Baltimore shooting cases 2012-2017 backfilled into {@code
 * incidents.raw} and run through the whole job (MiniCluster, embedded KRaft broker). Prints the
 * weekly series (each Monday's 7-day Gi* hot cells scored against that week) of the Gi* and the
 * 28-day baseline PAI with their means.
 */
class ForecastScoresBaltimoreITCase {
    private static final ZoneId BALTIMORE = ZoneId.of("America/New_York");

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void everyWeekOf2012To2017IsScoredAndBothRulesBeatChance() throws Exception {
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers())
                        .withTopics(Topics.defaults().withSuffix(".forecast-it"))
                        .withGroupId("forecast-it")
                        .withBounded(true);
        KAFKA.broker().createTopics(config.topics().newTopics(2, (short) 1));
        AdapterResult shootings = BaltimoreData.shootings2012To2017();
        List<RawEvent> inTimeOrder = new ArrayList<>(shootings.events());
        inTimeOrder.sort(Comparator.comparing(RawEvent::occurredAt));
        try (FeedReplayer replayer =
                new FeedReplayer(
                        KAFKA.bootstrapServers(),
                        Map.of(Feed.INCIDENTS, config.topics().incidents()),
                        0,
                        Duration.ZERO)) {
            replayer.replay(inTimeOrder, Map.of());
        }
        StreamExecutionEnvironment env = ZoneTaggingJob.environment(config);
        env.setParallelism(2);
        ZoneTaggingJob.withKafka(config).build(env);
        long started = System.nanoTime();
        env.execute("forecast-scores-it");
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        LocalDate firstDay = inTimeOrder.get(0).occurredAt().atZone(BALTIMORE).toLocalDate();
        LocalDate lastDay =
                inTimeOrder
                        .get(inTimeOrder.size() - 1)
                        .occurredAt()
                        .atZone(BALTIMORE)
                        .toLocalDate();
        Instant end = lastDay.plusDays(1).atStartOfDay(BALTIMORE).toInstant();
        List<JsonNode> weekly = new ArrayList<>();
        int all = 0;
        // The job's last transaction on hotspots may become readable just after it finishes.
        List<JsonNode> hotspots =
                await("forecast scores committed on " + config.topics().hotspots())
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(
                                () ->
                                        KafkaTopics.readJson(
                                                KAFKA.bootstrapServers(),
                                                config.topics().hotspots()),
                                l ->
                                        l.stream()
                                                .anyMatch(
                                                        h ->
                                                                h.get("type")
                                                                        .asText()
                                                                        .equals("forecast-score")));
        for (JsonNode h : hotspots) {
            if (!h.get("type").asText().equals("forecast-score")) {
                continue;
            }
            all++;
            Instant at = Instant.parse(h.get("forecastAt").asText());
            if (at.atZone(BALTIMORE).getDayOfWeek() == DayOfWeek.MONDAY
                    && !Instant.parse(h.get("scoredUntil").asText()).isAfter(end)) {
                weekly.add(h);
            }
        }
        weekly.sort(Comparator.comparing(h -> h.get("forecastAt").asText()));

        StringBuilder series =
                new StringBuilder(
                        "week (Monday), hot cells, events, Gi* hits, Gi* PAI, baseline hits, baseline PAI\n");
        double giSum = 0;
        double baseSum = 0;
        int both = 0;
        double giDefinedSum = 0;
        int giDefined = 0;
        long events = 0;
        long hits = 0;
        long baseHits = 0;
        double areaShares = 0;
        for (JsonNode w : weekly) {
            LocalDate monday =
                    Instant.parse(w.get("forecastAt").asText()).atZone(BALTIMORE).toLocalDate();
            series.append(monday)
                    .append(", ")
                    .append(w.get("flaggedCells").asInt())
                    .append(", ")
                    .append(w.get("events").asLong())
                    .append(", ")
                    .append(w.get("hits").asLong())
                    .append(", ")
                    .append(w.get("pai").isNull() ? "-" : w.get("pai").asText())
                    .append(", ")
                    .append(w.get("baselineHits").asLong())
                    .append(", ")
                    .append(w.get("baselinePai").isNull() ? "-" : w.get("baselinePai").asText())
                    .append('\n');
            if (!w.get("pai").isNull()) {
                giDefinedSum += w.get("pai").asDouble();
                giDefined++;
                giSum += w.get("pai").asDouble();
                baseSum += w.get("baselinePai").asDouble();
                both++;
                events += w.get("events").asLong();
                hits += w.get("hits").asLong();
                baseHits += w.get("baselineHits").asLong();
                areaShares += w.get("areaShare").asDouble();
            }
        }
        double giMean = giSum / both;
        double baseMean = baseSum / both;
        System.out.print(series);
        System.out.printf(
                "forecast scores 2012-2017: %d scores (%d weekly, Mondays), job %d s; weeks with hot cells"
                        + " and events: %d; mean PAI Gi* %.2f, baseline %.2f (same weeks); pooled over those"
                        + " weeks: hit rate Gi* %.1f%%, baseline %.1f%%, mean area share %.2f%%%n",
                all,
                weekly.size(),
                seconds,
                both,
                giMean,
                baseMean,
                100.0 * hits / events,
                100.0 * baseHits / events,
                100.0 * areaShares / both);

        // Every Monday from the first with 28 days of history to the last whose week the data
        // cover (2012-01-01 to 2017-07-26: Jan 30, 2012 to Jul 17, 2017), none missing.
        LocalDate firstMonday =
                firstDay.plusDays(28).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate lastMonday =
                lastDay.minusDays(6).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        System.out.printf("weekly forecasts expected from %s to %s%n", firstMonday, lastMonday);
        assertThat(weekly).hasSize(mondays(firstMonday, lastMonday));
        assertThat(weekly.get(0).get("forecastAt").asText())
                .isEqualTo(firstMonday.atStartOfDay(BALTIMORE).toInstant().toString());
        assertThat(both)
                .as("most weeks have hot cells and shootings")
                .isGreaterThan(weekly.size() / 2);
        assertThat(giMean).as("hot cells beat flagging cells at random").isGreaterThan(1);
        assertThat(baseMean).as("so does the simple rule").isGreaterThan(1);
        assertThat(giDefinedSum / giDefined).isEqualTo(giMean);
    }

    /** Mondays from {@code first} to {@code last}, both Mondays, inclusive. */
    private static int mondays(LocalDate first, LocalDate last) {
        return (int) (Duration.between(first.atStartOfDay(), last.atStartOfDay()).toDays() / 7) + 1;
    }
}
