package org.zonestat.jobs.history;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.common.TopicPartition;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.jobs.functions.RawRecordParser;
import org.zonestat.jobs.io.RawRecordDeserializer;
import org.zonestat.jobs.io.TopicMessages;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.RunMessage;
import org.zonestat.topics.Topics;

/**
 * One backfill's load through the zone-tagging job's own graph ({@link ZoneTaggingJob#build}) in
 * Flink's batch execution mode: a bounded source reads exactly the offsets the load occupies (its
 * {@link LoadMessage#ranges()}) and keeps the records carrying its id; the zone layers are the
 * configured ones with the {@code zones} topic as it is now (batch mode reads the broadcast input
 * first); no checkpoints, keyed operators over sorted input, every window final at the end of the
 * input. There is no watermark before the end, so no record is late: a load of any years is
 * processed whole, whatever the live job's event time.
 *
 * <p>What it writes: the load's {@code events} and {@code rejected} (so {@code in = events +
 * rejected} holds for the load's records as for live ones) and its {@code zone-stats}, each day's
 * record naming the load ({@link org.zonestat.topics.ZoneStatsMessage#load()}); readers add a day's
 * contributions, so loads in any order add up. Alerts, notifications and hotspots of history are
 * not written (a 311 closure of 2015 must not e-mail a resident today; near repeats and Gi* windows
 * need the live and loaded records in one time order, which a per-load run does not have): the run
 * does not compute them ({@link ZoneTaggingJob#buildTaggingAndScorecard}). Every sink is
 * at-least-once; a failed run is reported as failed and not retried.
 *
 * <p>Not thread-safe: one run per instance at a time.
 */
public final class HistoryJob {
    /** Accumulator of the load's records read. */
    static final String RECORDS_IN = "history.recordsIn";

    /** Accumulator of the events written. */
    static final String EVENTS = "history.events";

    /** Accumulator of the zone-days written. */
    static final String ZONE_DAYS = "history.zoneDays";

    /** Prefix of the accumulators of rejections, by reason. */
    static final String REJECTED = "history.rejected.";

    private final JobConfig config;

    public HistoryJob(JobConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The Flink configuration of a history run: batch execution, no restarts (a failed run is
     * reported, not repeated into duplicates), no Kryo fallback; heartbeats once a second, so the
     * run's counters reach {@link BatchRun}'s progress within a second.
     */
    public static Configuration flinkConfiguration() {
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(PipelineOptions.OBJECT_REUSE, true);
        c.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, BatchRun.EVERY);
        return c;
    }

    /**
     * Runs {@code load} in a local MiniCluster of {@code parallelism}; returns what became of it.
     */
    public RunMessage.Reconciliation runLocally(LoadMessage load, int parallelism)
            throws Exception {
        return runLocally(load, parallelism, processed -> {});
    }

    /**
     * As {@link #runLocally(LoadMessage, int)}, telling {@code processed} the records processed so
     * far about once a second while it runs ({@link BatchRun}).
     */
    public RunMessage.Reconciliation runLocally(
            LoadMessage load, int parallelism, LongConsumer processed) throws Exception {
        Configuration conf = flinkConfiguration();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.configure(conf);
        build(env, load);
        return reconciliation(
                BatchRun.execute(env, "zonestat-history " + load.loadId(), processed));
    }

    /** Adds the run of {@code load} to a batch environment. */
    public void build(StreamExecutionEnvironment env, LoadMessage load) {
        if (!load.isPublished()) {
            throw new IllegalArgumentException(
                    "load " + load.loadId() + " is " + load.status() + ", not published");
        }
        String loadId = load.loadId();
        Topics t = config.topics();
        JobConfig history = config.withGroupId(config.groupId() + "-history").withBounded(true);
        ZoneTaggingJob job =
                new ZoneTaggingJob(
                        loadSource(history, load),
                        ZoneTaggingJob.zonesSource(history),
                        new ZoneTaggingJob.Sinks(
                                ZoneTaggingJob.kafkaSink(
                                        history,
                                        ZoneTaggingJob.guardedSchema(
                                                history,
                                                "events",
                                                t.events(),
                                                TopicMessages::event),
                                        DeliveryGuarantee.AT_LEAST_ONCE,
                                        "history-events"),
                                ZoneTaggingJob.kafkaSink(
                                        history,
                                        ZoneTaggingJob.rejectedSchema(history),
                                        DeliveryGuarantee.AT_LEAST_ONCE,
                                        "history-rejected"),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                ZoneTaggingJob.kafkaSink(
                                        history,
                                        ZoneTaggingJob.guardedSchema(
                                                history,
                                                "zone-stats",
                                                t.zoneStats(),
                                                s -> TopicMessages.zoneStats(s).withLoad(loadId)),
                                        DeliveryGuarantee.AT_LEAST_ONCE,
                                        "history-zone-stats"),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                ZoneTaggingJob.kafkaSink(
                                        history,
                                        ZoneTaggingJob.guardedSchema(
                                                history,
                                                "activity-log",
                                                t.activityLog(),
                                                TopicMessages::activity),
                                        DeliveryGuarantee.AT_LEAST_ONCE,
                                        "history-activity-log"),
                                new DiscardingSink<>()),
                        history);
        ZoneTaggingJob.TaggingAndScorecard out = job.buildTaggingAndScorecard(env);
        out.tagging()
                .events()
                .process(new RunTally<>(EVENTS, e -> ""))
                .name("history-tally-events")
                .uid("history-tally-events")
                .sinkTo(new DiscardingSink<>())
                .name("history-tally-events-sink")
                .uid("history-tally-events-sink");
        out.tagging()
                .rejected()
                .process(new RunTally<>(REJECTED, r -> r.reason().code()))
                .name("history-tally-rejected")
                .uid("history-tally-rejected")
                .sinkTo(new DiscardingSink<>())
                .name("history-tally-rejected-sink")
                .uid("history-tally-rejected-sink");
        out.zoneStats()
                .process(new RunTally<>(ZONE_DAYS, z -> ""))
                .name("history-tally-zone-days")
                .uid("history-tally-zone-days")
                .sinkTo(new DiscardingSink<>())
                .name("history-tally-zone-days-sink")
                .uid("history-tally-zone-days-sink");
    }

    /** What became of the load's records, from the run's accumulators. */
    static RunMessage.Reconciliation reconciliation(JobExecutionResult result) {
        Map<String, Object> all = result.getAllAccumulatorResults();
        Map<String, Long> rejected = new TreeMap<>();
        all.forEach(
                (name, value) -> {
                    if (name.startsWith(REJECTED) && name.length() > REJECTED.length()) {
                        rejected.put(name.substring(REJECTED.length()), (Long) value);
                    }
                });
        long events = count(all, EVENTS);
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        return new RunMessage.Reconciliation(
                events + rejectedTotal, events, rejected, count(all, ZONE_DAYS));
    }

    private static long count(Map<String, Object> all, String name) {
        Object v = all.get(name);
        return v == null ? 0 : (Long) v;
    }

    /** The load's records: exactly the offsets it occupies, then stop. */
    static KafkaSource<ParsedRecord> loadSource(JobConfig config, LoadMessage load) {
        Map<TopicPartition, Long> first = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (LoadMessage.OffsetRange r : load.ranges()) {
            TopicPartition tp = new TopicPartition(load.topic(), r.partition());
            partitions.add(tp);
            first.put(tp, r.first());
            end.put(tp, r.last() + 1);
        }
        return KafkaSource.<ParsedRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setPartitions(partitions)
                .setGroupId(config.groupId())
                .setStartingOffsets(OffsetsInitializer.offsets(first))
                .setBounded(OffsetsInitializer.offsets(end))
                .setDeserializer(
                        RawRecordDeserializer.forLoad(
                                new RawRecordParser(
                                        config.streamsByTopic(), config.futureTolerance()),
                                config.limits().maxRawRecordBytes(),
                                load.loadId()))
                .setProperty("isolation.level", "read_committed")
                .build();
    }
}
