package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.console.kafka.TopicRecord;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.jobs.io.TopicMessages;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.synthetic.SyntheticCity;
import org.zonestat.sim.synthetic.SyntheticCityOptions;
import org.zonestat.topics.AlertMessage;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.ForecastScoreMessage;
import org.zonestat.topics.HotspotCellMessage;
import org.zonestat.topics.HotspotWindowMessage;
import org.zonestat.topics.HotspotsMessage;
import org.zonestat.topics.NotificationMessage;
import org.zonestat.topics.OutputMessage;
import org.zonestat.topics.RejectedMessage;
import org.zonestat.topics.RiskHaloMessage;
import org.zonestat.topics.TopicMessage;
import org.zonestat.topics.Topics;
import org.zonestat.topics.ZoneStatsMessage;
import org.zonestat.topics.ZoneWindowCountsMessage;

/**
 * The contract end to end: the real job, on a local MiniCluster, reads four weeks of the seeded
 * synthetic city (with duplicates and malformed records) from an embedded KRaft broker and writes
 * every output topic; the console's {@link TopicFeed} reads those topics back. Every topic holds
 * exactly what the job meant, record for record: each output element the job produced, as the job's
 * {@link TopicMessages} maps it, with its key and record timestamp. Nobody writes JSON by hand on
 * either side.
 */
class JobToConsoleITCase {
    private static final long SEED = 20_240_101L;

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** One record as a topic carries it: key, record timestamp and message. */
    record Sent(String key, long timestamp, TopicMessage message) {
        static Sent of(OutputMessage m) {
            return new Sent(m.key(), m.timestamp().toEpochMilli(), m);
        }

        static Sent of(TopicRecord<? extends TopicMessage> r) {
            return new Sent(r.key(), r.timestamp(), r.value());
        }
    }

    @Test
    void everyMessageTheJobWritesReadsBackInTheConsoleAsTheJobMeantIt() throws Exception {
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers())
                        .withTopics(Topics.defaults().withSuffix(".contract"))
                        .withGroupId("it.contract")
                        .withBounded(true);
        Topics topics = config.topics();
        KAFKA.broker().createTopics(topics.newTopics(2, (short) 1));
        publish(topics);

        StreamExecutionEnvironment env = ZoneTaggingJob.environment(config);
        env.setParallelism(2);
        ZoneTaggingJob.Outputs out = ZoneTaggingJob.withKafka(config).build(env);
        List<Collected<?>> collected =
                List.of(
                        collect(out.events(), TopicMessages::event, topics.events()),
                        collect(out.rejected(), TopicMessages::rejected, topics.rejected()),
                        collect(out.alerts(), TopicMessages::alert, topics.alerts()),
                        collect(
                                out.notifications(),
                                TopicMessages::notification,
                                topics.notifications()),
                        collect(out.zoneStats(), TopicMessages::zoneStats, topics.zoneStats()),
                        collect(out.halos(), TopicMessages::halo, topics.hotspots()),
                        collect(out.hotspotCells(), TopicMessages::hotspotCell, topics.hotspots()),
                        collect(
                                out.hotspotSummaries(),
                                TopicMessages::hotspotWindow,
                                topics.hotspots()),
                        collect(
                                out.zoneWindowCounts(),
                                TopicMessages::zoneWindowCounts,
                                topics.hotspots()),
                        collect(
                                out.forecastScores(),
                                TopicMessages::forecastScore,
                                topics.hotspots()));
        JobClient job = env.executeAsync("job-to-console-it");
        // Each output is drained on its own thread: a collect sink waits for its reader.
        List<CompletableFuture<List<Sent>>> drained =
                collected.stream().map(c -> CompletableFuture.supplyAsync(c::drain)).toList();
        job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        Map<String, List<Sent>> meant = new HashMap<>();
        for (int i = 0; i < collected.size(); i++) {
            meant.computeIfAbsent(collected.get(i).topic(), t -> new ArrayList<>())
                    .addAll(drained.get(i).get(1, TimeUnit.MINUTES));
        }

        Map<String, List<Sent>> read = new ConcurrentHashMap<>();
        List<TopicProgress> progress = new ArrayList<>();
        try (TopicFeed feed = new TopicFeed(KAFKA.bootstrapServers(), "job-to-console-it")) {
            progress.add(read(feed, topics.events(), EventMessage.class, read));
            progress.add(read(feed, topics.rejected(), RejectedMessage.class, read));
            progress.add(read(feed, topics.alerts(), AlertMessage.class, read));
            progress.add(read(feed, topics.notifications(), NotificationMessage.class, read));
            progress.add(read(feed, topics.zoneStats(), ZoneStatsMessage.class, read));
            progress.add(read(feed, topics.hotspots(), HotspotsMessage.class, read));
            long started = System.nanoTime();
            feed.start();
            for (TopicProgress p : progress) {
                assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).as(p.topic()).isTrue();
                assertThat(p.malformedRecords()).as(p.topic()).isZero();
            }
            long records = progress.stream().mapToLong(TopicProgress::recordsRead).sum();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "the console's feed read %,d records of six topics in %.2f s (%,.0f records/s,"
                            + " connecting included)%n",
                    records, seconds, records / seconds);
        }

        for (String topic :
                List.of(
                        topics.events(),
                        topics.rejected(),
                        topics.alerts(),
                        topics.notifications(),
                        topics.zoneStats(),
                        topics.hotspots())) {
            List<Sent> expected = meant.getOrDefault(topic, List.of());
            assertThat(expected).as("the job wrote to %s", topic).isNotEmpty();
            assertThat(sorted(read.get(topic)))
                    .as("what the console read from %s", topic)
                    .containsExactlyElementsOf(sorted(expected));
        }
        List<TopicMessage> hotspots =
                read.get(topics.hotspots()).stream().map(Sent::message).toList();
        assertThat(hotspots).hasAtLeastOneElementOfType(RiskHaloMessage.class);
        assertThat(hotspots).hasAtLeastOneElementOfType(HotspotCellMessage.class);
        assertThat(hotspots).hasAtLeastOneElementOfType(HotspotWindowMessage.class);
        assertThat(hotspots).hasAtLeastOneElementOfType(ForecastScoreMessage.class);
        assertThat(hotspots).hasAtLeastOneElementOfType(ZoneWindowCountsMessage.class);
        System.out.printf(
                "job to console: %s records read back as the job meant them%n",
                read.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue().size())
                        .toList());
    }

    /**
     * Four weeks of the synthetic city: shootings and tips at three times the base rate (near
     * repeats, tip matches, hot cells), 311 requests at a twentieth of it, 1% delivered twice and
     * 1% malformed; in event-time order, as a live feed delivers them.
     */
    private static void publish(Topics topics) throws InterruptedException {
        List<RawEvent> records = new ArrayList<>();
        records.addAll(
                city(
                        SyntheticCityOptions.builder(SEED)
                                .duration(Duration.ofDays(28))
                                .rateMultiplier(3)
                                .duplicateFraction(0.01)
                                .malformedFraction(0.01)
                                .feeds(EnumSet.of(Feed.INCIDENTS, Feed.TIPS))
                                .build()));
        records.addAll(
                city(
                        SyntheticCityOptions.builder(SEED + 1)
                                .duration(Duration.ofDays(28))
                                .rateMultiplier(0.05)
                                .malformedFraction(0.01)
                                .feeds(EnumSet.of(Feed.REQUESTS311))
                                .build()));
        records.sort(Comparator.comparing(RawEvent::occurredAt));
        try (FeedReplayer replayer =
                new FeedReplayer(
                        KAFKA.bootstrapServers(), FeedReplayer.topics(topics), 0, Duration.ZERO)) {
            replayer.replay(records, Map.of());
        }
    }

    private static List<RawEvent> city(SyntheticCityOptions options) {
        List<RawEvent> out = new ArrayList<>();
        new SyntheticCity(options).forEachRemaining(out::add);
        return out;
    }

    /** What the job meant for one output: its elements, collected as it runs, as messages. */
    private record Collected<T>(
            CloseableIterator<T> elements,
            Function<T, ? extends OutputMessage> toMessage,
            String topic) {
        List<Sent> drain() {
            List<Sent> out = new ArrayList<>();
            try (elements) {
                while (elements.hasNext()) {
                    out.add(Sent.of(toMessage.apply(elements.next())));
                }
            } catch (Exception e) {
                throw new IllegalStateException("collecting " + topic + " failed", e);
            }
            return out;
        }
    }

    private static <T> Collected<T> collect(
            DataStream<T> stream, Function<T, ? extends OutputMessage> toMessage, String topic) {
        return new Collected<>(stream.collectAsync(), toMessage, topic);
    }

    private static <T extends TopicMessage> TopicProgress read(
            TopicFeed feed, String topic, Class<T> type, Map<String, List<Sent>> read) {
        List<Sent> records = new ArrayList<>();
        read.put(topic, records);
        return feed.subscribe(topic, type, StartAt.beginning(), r -> records.add(Sent.of(r)));
    }

    /** A fixed order for comparing two lists of records as multisets. */
    private static List<Sent> sorted(List<Sent> records) {
        return Objects.requireNonNull(records).stream()
                .sorted(
                        Comparator.comparing(Sent::key)
                                .thenComparingLong(Sent::timestamp)
                                .thenComparing(s -> s.message().toString()))
                .toList();
    }
}
