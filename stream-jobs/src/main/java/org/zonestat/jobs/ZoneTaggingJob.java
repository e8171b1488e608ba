package org.zonestat.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.zonestat.jobs.analytics.AnalyticsGraph;
import org.zonestat.jobs.analytics.TipMatching;
import org.zonestat.jobs.functions.ActivityRouting;
import org.zonestat.jobs.functions.DedupeAndTagFunction;
import org.zonestat.jobs.functions.EventIdKey;
import org.zonestat.jobs.functions.FaultDrill;
import org.zonestat.jobs.functions.Lateness;
import org.zonestat.jobs.functions.LatenessGate;
import org.zonestat.jobs.functions.NeverHoldsBackWatermarks;
import org.zonestat.jobs.functions.ParsedRecordWatermarks;
import org.zonestat.jobs.functions.RawRecordParser;
import org.zonestat.jobs.functions.Rejections;
import org.zonestat.jobs.hotspots.ForecastConfig;
import org.zonestat.jobs.hotspots.ForecastGraph;
import org.zonestat.jobs.hotspots.HotspotGraph;
import org.zonestat.jobs.io.MessageSerializationSchema;
import org.zonestat.jobs.io.PositionDeserializer;
import org.zonestat.jobs.io.PositionMessages;
import org.zonestat.jobs.io.RawRecordDeserializer;
import org.zonestat.jobs.io.RecordLimits;
import org.zonestat.jobs.io.SinkGuard;
import org.zonestat.jobs.io.TopicMessages;
import org.zonestat.jobs.io.ZoneLayerUpdateDeserializer;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.ForecastEvaluation;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotWindowSummary;
import org.zonestat.jobs.model.HotspotZoneCounts;
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.model.RiskHalo;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.jobs.model.ZoneLayerUpdate;
import org.zonestat.jobs.positions.FenceTransition;
import org.zonestat.jobs.positions.ParsedPosition;
import org.zonestat.jobs.positions.PositionConfig;
import org.zonestat.jobs.positions.PositionFix;
import org.zonestat.jobs.positions.PositionGraph;
import org.zonestat.jobs.positions.PositionParser;
import org.zonestat.topics.OutputMessage;
import org.zonestat.topics.Topics;

/**
 * The zone-tagging job: reads the raw topics, validates each record, tags it with its zone in every
 * layer and its H3 cell, and writes tagged events to {@code events} and everything else to {@code
 * rejected} with the reason; the tagged events feed tip matching, the analytics and the hotspot
 * statistics.
 *
 * <pre>
 *  incidents.raw, requests311.raw, tips.raw, activities.raw                zones (compacted)
 *   │ raw-topics-source: each record parsed once into a ParsedRecord        │ zones-topic-source
 *   │ (RawRecordDeserializer); event time and watermarks from its fields    │ (broadcast)
 *   ▼                                                                        ▼
 *  [fault-drill] ─▶ parse ─keyBy(eventId)─▶ dedupe-and-tag ◀──────────────────┘
 *                    │                        │         └─▶ split-activities ─▶ events-sink ─▶ events
 *                    │                        │                    └─▶ activity-log-sink ─▶ activity-log
 *                    │ rejected by the parse, │ duplicate, outside zones, swapped
 *                    │ or late                │ coordinates, unusable layer update
 *                    └────────────────────────┴─▶ rejected-sink ─▶ rejected
 *
 *  tagged events ─┬▶ TipMatching ─▶ tip-match ─────────────────────────┐
 *                 ├▶ AnalyticsGraph ─▶ overdue and near-repeat alerts ─┴▶ alerts-sink ─▶ alerts
 *                 │                 ─▶ notifications, zone-stats, halos (─▶ hotspots)
 *                 └▶ HotspotGraph ──▶ Gi* cells, window summaries, zone window counts (─▶ hotspots)
 *                        └▶ ForecastGraph ──▶ forecast scores of the hot cells (─▶ hotspots)
 * </pre>
 *
 * {@code fault-drill} is in the graph only when a fault drill is configured. Every output has its
 * own sink ({@code <output>-sink}); the five on {@code hotspots} write one topic. Activities are
 * tagged like events and counted in {@code zone-stats}, but go to {@code activity-log}, not {@code
 * events}.
 *
 * <p>With {@link #withPositions} (as {@link #withKafka} wires it) the positions branch ({@link
 * PositionGraph}) reads {@code positions.raw}: fixes and geofence transitions go to {@code
 * transitions}, units' dosage joins the daily scorecard windows beside activities, and violence
 * alerts name the nearest units.
 *
 * <p>Event time is {@code occurredAt}, taken at the source from each accepted record's parsed
 * fields, with per-partition watermarks that only accepted records move on (bounded
 * out-of-orderness, idle partitions ignored after 30 s, see {@link ParsedRecordWatermarks}); the
 * {@code zones} input never holds it back. {@code parse} ({@link LatenessGate}) rejects what the
 * source's parse rejected and what is later than the allowed lateness.
 *
 * <p>Sources and sinks are passed in, so tests can run the same graph against their own topics;
 * {@link #main} wires production Kafka endpoints. The same jar runs on the local MiniCluster and,
 * with {@code flink run}, on a Flink cluster.
 */
public final class ZoneTaggingJob {
    private final Source<ParsedRecord, ?, ?> source;
    private final Source<ZoneLayerUpdate, ?, ?> zonesSource;

    /** A raw partition with no new record for this long does not hold event time back. */
    static final Duration IDLE_PARTITION = Duration.ofSeconds(30);

    private final Sinks sinks;
    private final JobConfig config;
    private final Positions positions;

    /**
     * The positions branch's input and outputs ({@link PositionGraph}): GPS fixes in, fixes and
     * transitions out (both on {@code transitions}).
     */
    public record Positions(
            Source<ParsedPosition, ?, ?> source,
            Sink<PositionFix> fixes,
            Sink<FenceTransition> transitions,
            PositionConfig config) {
        public Positions {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(fixes, "fixes");
            Objects.requireNonNull(transitions, "transitions");
            Objects.requireNonNull(config, "config");
        }
    }

    /** Where each output goes. */
    public record Sinks(
            Sink<TaggedEvent> events,
            Sink<Rejection> rejected,
            Sink<Alert> alerts,
            Sink<Notification> notifications,
            Sink<ZoneDayStats> zoneStats,
            Sink<RiskHalo> halos,
            Sink<HotspotChange> hotspotCells,
            Sink<HotspotWindowSummary> hotspotSummaries,
            Sink<HotspotZoneCounts> zoneWindowCounts,
            Sink<TaggedEvent> activityLog,
            Sink<ForecastEvaluation> forecastScores) {
        public Sinks {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(rejected, "rejected");
            Objects.requireNonNull(alerts, "alerts");
            Objects.requireNonNull(notifications, "notifications");
            Objects.requireNonNull(zoneStats, "zoneStats");
            Objects.requireNonNull(halos, "halos");
            Objects.requireNonNull(hotspotCells, "hotspotCells");
            Objects.requireNonNull(hotspotSummaries, "hotspotSummaries");
            Objects.requireNonNull(zoneWindowCounts, "zoneWindowCounts");
            Objects.requireNonNull(activityLog, "activityLog");
            Objects.requireNonNull(forecastScores, "forecastScores");
        }
    }

    public ZoneTaggingJob(
            Source<ParsedRecord, ?, ?> source,
            Source<ZoneLayerUpdate, ?, ?> zonesSource,
            Sinks sinks,
            JobConfig config) {
        this(source, zonesSource, sinks, config, null);
    }

    private ZoneTaggingJob(
            Source<ParsedRecord, ?, ?> source,
            Source<ZoneLayerUpdate, ?, ?> zonesSource,
            Sinks sinks,
            JobConfig config,
            Positions positions) {
        this.source = Objects.requireNonNull(source, "source");
        this.zonesSource = Objects.requireNonNull(zonesSource, "zonesSource");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.config = Objects.requireNonNull(config, "config");
        this.positions = positions;
    }

    /** This job with the positions branch reading and writing where {@code positions} says. */
    public ZoneTaggingJob withPositions(Positions positions) {
        return new ZoneTaggingJob(
                source, zonesSource, sinks, config, Objects.requireNonNull(positions, "positions"));
    }

    /**
     * The job wired to Kafka topics as the configuration names them. Every sink's serializer is
     * wrapped in a {@link SinkGuard}: record timestamps never after the writer's clock nor older
     * than the topic takes, no record larger than {@link RecordLimits#maxOutputRecordBytes()}.
     */
    public static ZoneTaggingJob withKafka(JobConfig config) {
        Topics t = config.topics();
        return new ZoneTaggingJob(
                        kafkaSource(config),
                        zonesSource(config),
                        new Sinks(
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config, "events", t.events(), TopicMessages::event),
                                        DeliveryGuarantee.AT_LEAST_ONCE,
                                        "events"),
                                kafkaSink(
                                        config,
                                        rejectedSchema(config),
                                        DeliveryGuarantee.EXACTLY_ONCE,
                                        "rejected"),
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config, "alerts", t.alerts(), TopicMessages::alert),
                                        DeliveryGuarantee.AT_LEAST_ONCE,
                                        "alerts"),
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config,
                                                "notifications",
                                                t.notifications(),
                                                TopicMessages::notification),
                                        DeliveryGuarantee.EXACTLY_ONCE,
                                        "notifications"),
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config,
                                                "zone-stats",
                                                t.zoneStats(),
                                                TopicMessages::zoneStats),
                                        DeliveryGuarantee.EXACTLY_ONCE,
                                        "zone-stats"),
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config, "halos", t.hotspots(), TopicMessages::halo),
                                        DeliveryGuarantee.EXACTLY_ONCE,
                                        "halos"),
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config,
                                                "hotspot-cells",
                                                t.hotspots(),
                                                TopicMessages::hotspotCell),
                                        DeliveryGuarantee.EXACTLY_ONCE,
                                        "hotspot-cells"),
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config,
                                                "hotspot-summaries",
                                                t.hotspots(),
                                                TopicMessages::hotspotWindow),
                                        DeliveryGuarantee.EXACTLY_ONCE,
                                        "hotspot-summaries"),
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config,
                                                "zone-window-counts",
                                                t.hotspots(),
                                                TopicMessages::zoneWindowCounts),
                                        DeliveryGuarantee.EXACTLY_ONCE,
                                        "zone-window-counts"),
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config,
                                                "activity-log",
                                                t.activityLog(),
                                                TopicMessages::activity),
                                        DeliveryGuarantee.AT_LEAST_ONCE,
                                        "activity-log"),
                                kafkaSink(
                                        config,
                                        guardedSchema(
                                                config,
                                                "forecast-scores",
                                                t.hotspots(),
                                                TopicMessages::forecastScore),
                                        DeliveryGuarantee.EXACTLY_ONCE,
                                        "forecast-scores")),
                        config)
                .withPositions(positionsWithKafka(config, PositionConfig.defaults()));
    }

    /**
     * The positions branch wired to {@code positions.raw} and {@code transitions}, its sinks
     * guarded like the others.
     */
    static Positions positionsWithKafka(JobConfig config, PositionConfig positions) {
        Topics t = config.topics();
        KafkaSourceBuilder<ParsedPosition> b =
                KafkaSource.<ParsedPosition>builder()
                        .setBootstrapServers(config.bootstrapServers())
                        .setTopics(t.positions())
                        .setGroupId(config.groupId())
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(
                                new PositionDeserializer(
                                        new PositionParser(positions.futureTolerance()),
                                        config.limits().maxRawRecordBytes()))
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (config.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return new Positions(
                b.build(),
                kafkaSink(
                        config,
                        guardedSchema(config, "fixes", t.transitions(), PositionMessages::fix),
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        "fixes"),
                kafkaSink(
                        config,
                        guardedSchema(
                                config,
                                "transitions",
                                t.transitions(),
                                PositionMessages::transition),
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        "transitions"),
                positions);
    }

    /**
     * An output's serializer as the job's sinks use it: its message of the {@code topics} contract
     * ({@link MessageSerializationSchema}) inside a {@link SinkGuard} that knows {@code topic}'s
     * timestamp settings and the output limit, and sends what it refuses to {@code rejected}.
     *
     * @param output the output's name (the source topic of its refusals)
     */
    public static <T> SinkGuard<T> guardedSchema(
            JobConfig config,
            String output,
            String topic,
            SerializableFunction<T, ? extends OutputMessage> toMessage) {
        return SinkGuard.of(
                        output,
                        MessageSerializationSchema.of(topic, toMessage),
                        MessageSerializationSchema.of(
                                config.topics().rejected(), TopicMessages::rejected),
                        config.limits().maxOutputRecordBytes())
                .withTopicSettings(config.bootstrapServers(), topic);
    }

    /** The {@code rejected} sink's serializer ({@link SinkGuard#forRejected}). */
    public static SinkGuard<Rejection> rejectedSchema(JobConfig config) {
        return SinkGuard.forRejected(
                        MessageSerializationSchema.of(
                                config.topics().rejected(), TopicMessages::rejected),
                        config.limits().maxOutputRecordBytes())
                .withTopicSettings(config.bootstrapServers(), config.topics().rejected());
    }

    /**
     * The streams the job writes, each already attached to its sink: a caller may attach more (a
     * test compares what the job meant with what a topic's reader gets).
     */
    public record Outputs(
            DataStream<TaggedEvent> events,
            DataStream<Rejection> rejected,
            DataStream<Alert> alerts,
            DataStream<Notification> notifications,
            DataStream<ZoneDayStats> zoneStats,
            DataStream<RiskHalo> halos,
            DataStream<HotspotChange> hotspotCells,
            DataStream<HotspotWindowSummary> hotspotSummaries,
            DataStream<HotspotZoneCounts> zoneWindowCounts,
            DataStream<TaggedEvent> activityLog,
            DataStream<ForecastEvaluation> forecastScores,
            PositionGraph.Outputs positions) {}

    /**
     * Sources, parse, dedupe-and-tag, split-activities and the events and activity-log sinks; the
     * rejections not yet sunk.
     */
    private Tagging tag(StreamExecutionEnvironment env) {
        // Event time is read at the source, so that each Kafka partition has its own watermark and
        // a partition read ahead of another does not make the other's records late.
        DataStream<ParsedRecord> raw =
                env.fromSource(
                                source,
                                ParsedRecordWatermarks.strategy(
                                        config.maxOutOfOrderness(), IDLE_PARTITION),
                                "raw-topics")
                        .uid("raw-topics-source");
        if (config.failAfterRecords() > 0) {
            raw =
                    raw.map(new FaultDrill<>(config.failAfterRecords()))
                            .name("fault-drill")
                            .uid("fault-drill");
        }
        // One rule for parse, which rejects late records, and dedupe-and-tag, which forgets an
        // event id once its copies are late.
        Lateness lateness = new Lateness(config.analytics().zoneStatsLateness());
        SingleOutputStreamOperator<ParsedRecord> parsed =
                raw.process(new LatenessGate(lateness)).name("parse").uid("parse");

        DataStream<ZoneLayerUpdate> zoneUpdates =
                env.fromSource(
                                zonesSource,
                                WatermarkStrategy.forGenerator(
                                        ctx -> new NeverHoldsBackWatermarks<>()),
                                "zones-topic")
                        .uid("zones-topic-source");
        BroadcastStream<ZoneLayerUpdate> layerUpdates =
                zoneUpdates.broadcast(DedupeAndTagFunction.LAYER_UPDATES);

        SingleOutputStreamOperator<TaggedEvent> tagged =
                parsed.keyBy(new EventIdKey())
                        .connect(layerUpdates)
                        .process(
                                new DedupeAndTagFunction(
                                        config.layers(),
                                        config.h3Resolution(),
                                        config.dedupeWindow(),
                                        lateness))
                        .name("dedupe-and-tag")
                        .uid("dedupe-and-tag");

        DataStream<Rejection> rejected =
                parsed.getSideOutput(Rejections.TAG).union(tagged.getSideOutput(Rejections.TAG));
        SingleOutputStreamOperator<TaggedEvent> events =
                tagged.process(new ActivityRouting())
                        .name("split-activities")
                        .uid("split-activities");
        events.sinkTo(sinks.events()).name("events-sink").uid("events-sink");
        DataStream<TaggedEvent> activities = events.getSideOutput(ActivityRouting.ACTIVITIES);
        activities.sinkTo(sinks.activityLog()).name("activity-log-sink").uid("activity-log-sink");
        return new Tagging(tagged, events, activities, rejected, zoneUpdates);
    }

    /**
     * The tagging path's streams, attached to the {@code events}, {@code activity-log} and {@code
     * rejected} sinks.
     *
     * @param tagged every tagged record, activities included (the analytics count both)
     * @param events the tagged incidents, 311 steps and tips
     * @param activities the tagged activities
     * @param rejected every rejection of the parse and of dedupe-and-tag
     * @param zoneUpdates the zone layers published while the job runs (the positions branch fences
     *     them too)
     */
    public record Tagging(
            DataStream<TaggedEvent> tagged,
            DataStream<TaggedEvent> events,
            DataStream<TaggedEvent> activities,
            DataStream<Rejection> rejected,
            DataStream<ZoneLayerUpdate> zoneUpdates) {}

    /**
     * Adds the tagging path alone (the sources, {@code parse}, {@code dedupe-and-tag} and the
     * {@code events}, {@code activity-log} and {@code rejected} sinks), without the analytics: what
     * the benchmark times as the tagging path.
     */
    public Tagging buildTagging(StreamExecutionEnvironment env) {
        Tagging t = tag(env);
        t.rejected().sinkTo(sinks.rejected()).name("rejected-sink").uid("rejected-sink");
        return t;
    }

    /**
     * The tagging path and the daily scorecard alone.
     *
     * @param tagging the tagging path's streams ({@link #buildTagging})
     * @param zoneStats the per-zone daily scorecards, attached to the {@code zone-stats} sink
     */
    public record TaggingAndScorecard(Tagging tagging, DataStream<ZoneDayStats> zoneStats) {}

    /**
     * Adds the tagging path ({@link #buildTagging}) and the daily scorecard with the 311 workload
     * ({@link AnalyticsGraph#zoneStatsOnly}): the {@code events}, {@code activity-log}, {@code
     * rejected} and {@code zone-stats} sinks get what {@link #build} gives them, and the branches
     * that feed only the other sinks (alerts, notifications, halos, hotspots, forecasts) and the
     * positions branch are not added. For a run that keeps only those outputs, such as a backfill's
     * history run.
     */
    public TaggingAndScorecard buildTaggingAndScorecard(StreamExecutionEnvironment env) {
        Tagging t = buildTagging(env);
        SingleOutputStreamOperator<ZoneDayStats> stats =
                AnalyticsGraph.zoneStatsOnly(t.tagged(), config.analytics());
        stats.sinkTo(sinks.zoneStats()).name("zone-stats-sink").uid("zone-stats-sink");
        return new TaggingAndScorecard(t, stats);
    }

    /** Adds the job's operators to the environment; returns its output streams. */
    public Outputs build(StreamExecutionEnvironment env) {
        Tagging t = tag(env);
        DataStream<TaggedEvent> tagged = t.tagged();
        DataStream<TaggedEvent> events = t.events();
        DataStream<TaggedEvent> activities = t.activities();
        DataStream<Rejection> rejected = t.rejected();

        HotspotGraph.Outputs hotspots = HotspotGraph.attach(tagged, config.hotspots());
        PositionGraph.Outputs moving =
                positions == null ? null : attachPositions(env, t.zoneUpdates(), hotspots, tagged);
        if (moving != null) {
            rejected = rejected.union(moving.rejected());
        }
        rejected.sinkTo(sinks.rejected()).name("rejected-sink").uid("rejected-sink");

        AnalyticsGraph.Outputs analytics =
                AnalyticsGraph.attach(
                        tagged, moving == null ? null : moving.dosage(), config.analytics());
        DataStream<Alert> alerts =
                analytics
                        .alerts()
                        .union(
                                TipMatching.attach(
                                        tagged,
                                        TipMatching.Settings.defaults(
                                                config.analytics().priorityLayer())));
        if (moving != null) {
            alerts = alerts.union(moving.alerts());
        }
        alerts.sinkTo(sinks.alerts()).name("alerts-sink").uid("alerts-sink");
        analytics
                .notifications()
                .sinkTo(sinks.notifications())
                .name("notifications-sink")
                .uid("notifications-sink");
        analytics
                .zoneStats()
                .sinkTo(sinks.zoneStats())
                .name("zone-stats-sink")
                .uid("zone-stats-sink");
        analytics.halos().sinkTo(sinks.halos()).name("halos-sink").uid("halos-sink");

        hotspots.changes()
                .sinkTo(sinks.hotspotCells())
                .name("hotspot-cells-sink")
                .uid("hotspot-cells-sink");
        hotspots.summaries()
                .sinkTo(sinks.hotspotSummaries())
                .name("hotspot-summaries-sink")
                .uid("hotspot-summaries-sink");
        hotspots.zoneCounts()
                .sinkTo(sinks.zoneWindowCounts())
                .name("zone-window-counts-sink")
                .uid("zone-window-counts-sink");
        DataStream<ForecastEvaluation> forecasts =
                ForecastGraph.attach(hotspots, config.hotspots(), ForecastConfig.defaults());
        forecasts
                .sinkTo(sinks.forecastScores())
                .name("forecast-scores-sink")
                .uid("forecast-scores-sink");
        return new Outputs(
                events,
                rejected,
                alerts,
                analytics.notifications(),
                analytics.zoneStats(),
                analytics.halos(),
                hotspots.changes(),
                hotspots.summaries(),
                hotspots.zoneCounts(),
                activities,
                forecasts,
                moving);
    }

    /** The positions branch, attached to the tagged events, hot cells and layer updates. */
    private PositionGraph.Outputs attachPositions(
            StreamExecutionEnvironment env,
            DataStream<ZoneLayerUpdate> zoneUpdates,
            HotspotGraph.Outputs hotspots,
            DataStream<TaggedEvent> tagged) {
        PositionGraph.Outputs moving =
                PositionGraph.attach(
                        env,
                        positions.source(),
                        zoneUpdates,
                        hotspots.changes(),
                        tagged,
                        new PositionGraph.Settings(
                                config.layers(),
                                config.hotspots().cellResolution(),
                                config.analytics().timeZone(),
                                config.analytics().priorityLayer(),
                                IDLE_PARTITION,
                                positions.config()));
        moving.fixes().sinkTo(positions.fixes()).name("fixes-sink").uid("fixes-sink");
        moving.transitions()
                .sinkTo(positions.transitions())
                .name("transitions-sink")
                .uid("transitions-sink");
        return moving;
    }

    /** The raw topics, each record parsed once by the source's deserializer. */
    static KafkaSource<ParsedRecord> kafkaSource(JobConfig config) {
        KafkaSourceBuilder<ParsedRecord> b =
                KafkaSource.<ParsedRecord>builder()
                        .setBootstrapServers(config.bootstrapServers())
                        .setTopics(config.topics().raw())
                        .setGroupId(config.groupId())
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(
                                RawRecordDeserializer.live(
                                        new RawRecordParser(
                                                config.streamsByTopic(), config.futureTolerance()),
                                        config.limits().maxRawRecordBytes()))
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (config.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /** The zones topic, always read from its beginning: it is compacted to the latest layers. */
    public static KafkaSource<ZoneLayerUpdate> zonesSource(JobConfig config) {
        KafkaSourceBuilder<ZoneLayerUpdate> b =
                KafkaSource.<ZoneLayerUpdate>builder()
                        .setBootstrapServers(config.bootstrapServers())
                        .setTopics(config.topics().zones())
                        .setGroupId(config.groupId() + "-zones")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new ZoneLayerUpdateDeserializer())
                        .setProperty(
                                "max.partition.fetch.bytes",
                                String.valueOf(JobConfig.ZONES_MAX_MESSAGE_BYTES))
                        .setProperty(
                                "fetch.max.bytes",
                                String.valueOf(JobConfig.ZONES_MAX_MESSAGE_BYTES))
                        .setProperty("isolation.level", "read_committed");
        if (config.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /**
     * A Kafka sink. {@code AT_LEAST_ONCE} sends as records arrive (the live path: visible within
     * milliseconds, idempotent ids make redeliveries harmless); {@code EXACTLY_ONCE} writes in
     * Kafka transactions committed with each checkpoint (readers use {@code read_committed}).
     *
     * @param name distinguishes this sink's transactional ids from other sinks of the same job
     */
    public static <T> KafkaSink<T> kafkaSink(
            JobConfig config,
            org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema<T> schema,
            DeliveryGuarantee guarantee,
            String name) {
        Properties producer = new Properties();
        producer.setProperty("linger.ms", "5");
        producer.setProperty("enable.idempotence", "true");
        producer.setProperty(
                "transaction.timeout.ms", String.valueOf(Duration.ofMinutes(15).toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(schema)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(config.groupId() + "-" + name)
                .build();
    }

    /**
     * The Flink configuration every ZoneStat deployment uses: (unaligned) checkpointing, a bounded
     * restart strategy (a failing job must not retry forever) and no Kryo fallback for our types.
     */
    public static Configuration flinkConfiguration(JobConfig config) {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        // Barriers overtake buffered records, so checkpoints (and the commits of the exactly-once
        // topics) keep their pace while a backfill backpressures the hotspot windows.
        c.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        c.set(PipelineOptions.GENERIC_TYPES, false);
        // Every stream element is an immutable record, so chained operators may share instances
        // instead of deep-copying each record into every downstream output.
        c.set(PipelineOptions.OBJECT_REUSE, true);
        return c;
    }

    /**
     * The execution environment of the context (a cluster under {@code flink run}, the test
     * MiniCluster, or a local one), with {@link #flinkConfiguration} applied to it explicitly: a
     * context environment does not always take the configuration it is created with.
     */
    public static StreamExecutionEnvironment environment(JobConfig config) {
        Configuration conf = flinkConfiguration(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        return env;
    }

    /**
     * Cluster entry point ({@code flink run stream-jobs-*-job.jar --bootstrap ...}), with {@code
     * zonestat job}'s flags ({@link JobCommand}). A bad flag throws, naming it: inside a Flink
     * cluster this method must not exit the JVM.
     */
    public static void main(String[] args) throws Exception {
        Optional<JobConfig> config = JobCommand.parse(args, System.getenv(), System.out);
        if (config.isPresent()) {
            run(config.get());
        }
    }

    /** Runs the job wired to Kafka in the context's environment until it ends. */
    public static void run(JobConfig config) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        withKafka(config).build(env);
        env.execute("zonestat-zone-tagging");
    }
}
