package org.zonestat.jobs.history;

import java.time.LocalDate;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.jobs.analytics.AnalyticsGraph;
import org.zonestat.jobs.functions.EventTimeAssigner;
import org.zonestat.jobs.io.TopicMessages;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.jobs.model.ZoneLayerUpdate;
import org.zonestat.topics.RunMessage;

/**
 * A reprocess of one zone layer (for {@code zonestat reprocess --layer ID}), in Flink's batch mode:
 * the stored {@code events} that were not tagged with the layer's current version (they arrived
 * before the layer was uploaded or edited) are read back once each (deduplicated by event id),
 * tagged with the layer as it is now ({@link LayerRetagger}) and counted per zone and local day
 * with the scorecard's own windows. The days go to {@code zone-stats} as the contribution of {@link
 * #writer}: readers add it to what the live job and the loads counted with that version, so a newly
 * drawn zone gets its past numbers. Running it again for the same version replaces its contribution
 * instead of adding to it.
 *
 * <p>Not thread-safe: one run per instance at a time.
 */
public final class ReprocessJob {
    private final JobConfig config;

    public ReprocessJob(JobConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The writer a reprocess of {@code layer} at {@code version} names on its zone days. */
    public static String writer(String layerId, int version) {
        return "reprocess/" + layerId + "@" + version;
    }

    /** Runs the reprocess in a local MiniCluster; returns what it counted. */
    public RunMessage.Reconciliation runLocally(
            ZoneLayerUpdate layer, LocalDate from, LocalDate to, int parallelism) throws Exception {
        return runLocally(layer, from, to, parallelism, processed -> {});
    }

    /** As above, telling {@code processed} the events counted so far while it runs. */
    public RunMessage.Reconciliation runLocally(
            ZoneLayerUpdate layer,
            LocalDate from,
            LocalDate to,
            int parallelism,
            LongConsumer processed)
            throws Exception {
        Configuration conf = HistoryJob.flinkConfiguration();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.configure(conf);
        build(env, layer, from, to);
        JobExecutionResult result =
                BatchRun.execute(env, "zonestat-reprocess " + layer.layerId(), processed);
        return HistoryJob.reconciliation(result);
    }

    /** Adds the reprocess to a batch environment. */
    public void build(
            StreamExecutionEnvironment env, ZoneLayerUpdate layer, LocalDate from, LocalDate to) {
        JobConfig c = config.withGroupId(config.groupId() + "-reprocess");
        String writer = writer(layer.layerId(), layer.version());
        KafkaSource<TaggedEvent> events =
                KafkaSource.<TaggedEvent>builder()
                        .setBootstrapServers(c.bootstrapServers())
                        .setTopics(c.topics().events())
                        .setGroupId(c.groupId())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setDeserializer(
                                new StoredEventDeserializer(layer.layerId(), layer.version()))
                        .setProperty("isolation.level", "read_committed")
                        .build();
        DataStream<TaggedEvent> stored =
                env.fromSource(
                                events,
                                WatermarkStrategy.<TaggedEvent>noWatermarks()
                                        .withTimestampAssigner(new EventTimeAssigner()),
                                "stored-events")
                        .uid("reprocess-stored-events");
        SingleOutputStreamOperator<TaggedEvent> retagged =
                stored.keyBy(new StoredEventId())
                        .reduce(new FirstOfEach())
                        .name("reprocess-dedupe")
                        .uid("reprocess-dedupe")
                        .flatMap(new LayerRetagger(layer, c.analytics().timeZone(), from, to))
                        .name("reprocess-retag")
                        .uid("reprocess-retag");
        SingleOutputStreamOperator<ZoneDayStats> days =
                AnalyticsGraph.scorecardOnly(
                        retagged.assignTimestampsAndWatermarks(
                                        WatermarkStrategy.<TaggedEvent>noWatermarks()
                                                .withTimestampAssigner(new EventTimeAssigner()))
                                .name("reprocess-event-time")
                                .uid("reprocess-event-time"),
                        c.analytics());
        days.sinkTo(
                        ZoneTaggingJob.kafkaSink(
                                c,
                                ZoneTaggingJob.guardedSchema(
                                        c,
                                        "zone-stats",
                                        c.topics().zoneStats(),
                                        s -> TopicMessages.zoneStats(s).withLoad(writer)),
                                DeliveryGuarantee.AT_LEAST_ONCE,
                                "reprocess-zone-stats"))
                .name("reprocess-zone-stats-sink")
                .uid("reprocess-zone-stats-sink");
        retagged.process(new RunTally<>(HistoryJob.EVENTS, e -> ""))
                .name("reprocess-tally-events")
                .uid("reprocess-tally-events")
                .sinkTo(new DiscardingSink<>())
                .name("reprocess-tally-events-sink")
                .uid("reprocess-tally-events-sink");
        days.process(new RunTally<>(HistoryJob.ZONE_DAYS, z -> ""))
                .name("reprocess-tally-zone-days")
                .uid("reprocess-tally-zone-days")
                .sinkTo(new DiscardingSink<>())
                .name("reprocess-tally-zone-days-sink")
                .uid("reprocess-tally-zone-days-sink");
    }

    /** Keys stored events by event id. */
    private static final class StoredEventId implements KeySelector<TaggedEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(TaggedEvent e) {
            return e.event().eventId();
        }
    }

    /** Keeps the first of an event's redeliveries. */
    private static final class FirstOfEach implements ReduceFunction<TaggedEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public TaggedEvent reduce(TaggedEvent first, TaggedEvent again) {
            return first;
        }
    }
}
