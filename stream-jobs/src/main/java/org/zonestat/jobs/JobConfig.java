package org.zonestat.jobs;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.analytics.AnalyticsConfig;
import org.zonestat.jobs.hotspots.HotspotConfig;
import org.zonestat.jobs.io.RecordLimits;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.topics.Topics;

/**
 * Everything the zone-tagging job needs to know, from flags or defaults. Immutable.
 *
 * @param bootstrapServers Kafka {@code host:port[,host:port]}
 * @param topics topic names by role (see {@link Topics})
 * @param groupId the Kafka consumer group the source commits its offsets under
 * @param layers the zone layers events are tagged with
 * @param h3Resolution the H3 resolution of the {@code h3} field
 * @param maxOutOfOrderness how late (in event time) an event may arrive behind the newest one
 * @param futureTolerance how far after its receive time an event may claim to have happened
 * @param checkpointInterval how often state and source offsets are checkpointed
 * @param dedupeWindow how long an event id is remembered to drop redeliveries
 * @param bounded read the raw topics up to their current end and stop (tests, backfill)
 * @param failAfterRecords fault drill: fail once after this many records per subtask (0 = off)
 * @param analytics the settings of the 311, near-repeat and scorecard analytics
 * @param hotspots the settings of the hotspot windows (Gi*, emerging hot spots)
 * @param limits the largest raw record read whole and the largest record written
 */
public record JobConfig(
        String bootstrapServers,
        Topics topics,
        String groupId,
        List<ZoneLayerSpec> layers,
        int h3Resolution,
        Duration maxOutOfOrderness,
        Duration futureTolerance,
        Duration checkpointInterval,
        Duration dedupeWindow,
        boolean bounded,
        long failAfterRecords,
        AnalyticsConfig analytics,
        HotspotConfig hotspots,
        RecordLimits limits)
        implements Serializable {

    public JobConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(hotspots, "hotspots");
        Objects.requireNonNull(limits, "limits");
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("at least one zone layer is required");
        }
        if (failAfterRecords < 0) {
            throw new IllegalArgumentException(
                    "failAfterRecords must be >= 0, was " + failAfterRecords);
        }
        if (h3Resolution < 0 || h3Resolution > 15) {
            throw new IllegalArgumentException("h3Resolution must be 0..15, was " + h3Resolution);
        }
    }

    /** A configuration with the default {@link RecordLimits}. */
    public JobConfig(
            String bootstrapServers,
            Topics topics,
            String groupId,
            List<ZoneLayerSpec> layers,
            int h3Resolution,
            Duration maxOutOfOrderness,
            Duration futureTolerance,
            Duration checkpointInterval,
            Duration dedupeWindow,
            boolean bounded,
            long failAfterRecords,
            AnalyticsConfig analytics,
            HotspotConfig hotspots) {
        this(
                bootstrapServers,
                topics,
                groupId,
                layers,
                h3Resolution,
                maxOutOfOrderness,
                futureTolerance,
                checkpointInterval,
                dedupeWindow,
                bounded,
                failAfterRecords,
                analytics,
                hotspots,
                RecordLimits.defaults());
    }

    /** The largest zone layer message, in bytes. */
    public static final int ZONES_MAX_MESSAGE_BYTES = Topics.ZONES_MAX_MESSAGE_BYTES;

    /** Which stream each raw topic carries. */
    public Map<String, EventStream> streamsByTopic() {
        Map<String, EventStream> m = new LinkedHashMap<>();
        m.put(topics.incidents(), EventStream.INCIDENT);
        m.put(topics.requests311(), EventStream.REQUEST311);
        m.put(topics.tips(), EventStream.TIP);
        return m;
    }

    public static JobConfig defaults(String bootstrapServers) {
        return new JobConfig(
                bootstrapServers,
                Topics.defaults(),
                "zonestat-tagging",
                ZoneCatalog.BALTIMORE_LAYERS,
                9,
                Duration.ofMinutes(10),
                Duration.ofDays(1),
                Duration.ofSeconds(10),
                Duration.ofDays(7),
                false,
                0,
                AnalyticsConfig.defaults(),
                HotspotConfig.defaults());
    }

    public JobConfig withTopics(Topics t) {
        return new JobConfig(
                bootstrapServers,
                t,
                groupId,
                layers,
                h3Resolution,
                maxOutOfOrderness,
                futureTolerance,
                checkpointInterval,
                dedupeWindow,
                bounded,
                failAfterRecords,
                analytics,
                hotspots,
                limits);
    }

    public JobConfig withGroupId(String g) {
        return new JobConfig(
                bootstrapServers,
                topics,
                g,
                layers,
                h3Resolution,
                maxOutOfOrderness,
                futureTolerance,
                checkpointInterval,
                dedupeWindow,
                bounded,
                failAfterRecords,
                analytics,
                hotspots,
                limits);
    }

    public JobConfig withFaultDrill(long failAfter) {
        return new JobConfig(
                bootstrapServers,
                topics,
                groupId,
                layers,
                h3Resolution,
                maxOutOfOrderness,
                futureTolerance,
                checkpointInterval,
                dedupeWindow,
                bounded,
                failAfter,
                analytics,
                hotspots,
                limits);
    }

    public JobConfig withCheckpointInterval(Duration interval) {
        return new JobConfig(
                bootstrapServers,
                topics,
                groupId,
                layers,
                h3Resolution,
                maxOutOfOrderness,
                futureTolerance,
                interval,
                dedupeWindow,
                bounded,
                failAfterRecords,
                analytics,
                hotspots,
                limits);
    }

    public JobConfig withBounded(boolean b) {
        return new JobConfig(
                bootstrapServers,
                topics,
                groupId,
                layers,
                h3Resolution,
                maxOutOfOrderness,
                futureTolerance,
                checkpointInterval,
                dedupeWindow,
                b,
                failAfterRecords,
                analytics,
                hotspots,
                limits);
    }

    public JobConfig withLimits(RecordLimits l) {
        return new JobConfig(
                bootstrapServers,
                topics,
                groupId,
                layers,
                h3Resolution,
                maxOutOfOrderness,
                futureTolerance,
                checkpointInterval,
                dedupeWindow,
                bounded,
                failAfterRecords,
                analytics,
                hotspots,
                l);
    }

    /**
     * Parses command-line flags (see the README's configuration table): {@code --bootstrap}, {@code
     * --group}, {@code --layers} ({@code baltimore} or comma-separated {@code
     * id=path.geojson#nameProperty}), {@code --h3-resolution}, {@code --out-of-orderness-seconds},
     * {@code --future-tolerance-seconds}, {@code --checkpoint-interval-seconds}, {@code
     * --dedupe-window-hours}, {@code --bounded}, {@code --max-raw-record-bytes}, {@code
     * --max-output-record-bytes}, {@code --topic-incidents|requests311|tips|zones|events|rejected}.
     * Each flag not given may come from the environment: see {@link #fromArgs(String[], Map)}.
     */
    public static JobConfig fromArgs(String[] args) {
        return fromArgs(args, System.getenv());
    }

    /** The flags {@link #fromArgs} knows, without their leading {@code --}. */
    public static final List<String> FLAGS =
            List.of(
                    "bootstrap",
                    "group",
                    "layers",
                    "h3-resolution",
                    "out-of-orderness-seconds",
                    "future-tolerance-seconds",
                    "checkpoint-interval-seconds",
                    "dedupe-window-hours",
                    "bounded",
                    "fail-after-records",
                    "near-repeat-meters",
                    "near-repeat-days",
                    "allowed-lateness-hours",
                    "max-raw-record-bytes",
                    "max-output-record-bytes",
                    "topic-incidents",
                    "topic-requests311",
                    "topic-tips",
                    "topic-zones",
                    "topic-events",
                    "topic-rejected",
                    "topic-alerts",
                    "topic-notifications",
                    "topic-zone-stats",
                    "topic-hotspots");

    /**
     * The environment variable that stands for a flag when the flag is not given: {@code ZONESTAT_}
     * and the flag's name in upper case with {@code _} for {@code -} ({@code
     * --checkpoint-interval-seconds} → {@code ZONESTAT_CHECKPOINT_INTERVAL_SECONDS}). {@code
     * ZONESTAT_BOUNDED=true} sets {@code --bounded}.
     */
    public static String environmentVariable(String flag) {
        return "ZONESTAT_" + flag.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** {@link #fromArgs(String[])} with the given environment; a flag on the command line wins. */
    public static JobConfig fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            if (key.equals("bounded")) {
                flags.put(key, "true");
            } else if (i + 1 < args.length) {
                flags.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("flag " + a + " needs a value");
            }
        }
        for (String flag : FLAGS) {
            String v = env.get(environmentVariable(flag));
            if (!flags.containsKey(flag)
                    && v != null
                    && !v.isBlank()
                    && (!flag.equals("bounded") || Boolean.parseBoolean(v.trim()))) {
                flags.put(flag, v.trim());
            }
        }
        String bootstrap = flags.getOrDefault("bootstrap", "127.0.0.1:9092");
        JobConfig d = defaults(bootstrap);
        Topics t = d.topics();
        t =
                new Topics(
                        flags.getOrDefault("topic-incidents", t.incidents()),
                        flags.getOrDefault("topic-requests311", t.requests311()),
                        flags.getOrDefault("topic-tips", t.tips()),
                        flags.getOrDefault("topic-zones", t.zones()),
                        flags.getOrDefault("topic-events", t.events()),
                        flags.getOrDefault("topic-rejected", t.rejected()),
                        flags.getOrDefault("topic-alerts", t.alerts()),
                        flags.getOrDefault("topic-notifications", t.notifications()),
                        flags.getOrDefault("topic-zone-stats", t.zoneStats()),
                        flags.getOrDefault("topic-hotspots", t.hotspots()),
                        t.actionItems());
        List<ZoneLayerSpec> layers = d.layers();
        String layersFlag = flags.get("layers");
        if (layersFlag != null && !layersFlag.equals("baltimore")) {
            layers = new ArrayList<>();
            for (String spec : layersFlag.split(",")) {
                layers.add(ZoneLayerSpec.parse(spec.trim()));
            }
        }
        JobConfig c =
                new JobConfig(
                        bootstrap,
                        t,
                        flags.getOrDefault("group", d.groupId()),
                        layers,
                        Integer.parseInt(
                                flags.getOrDefault(
                                        "h3-resolution", String.valueOf(d.h3Resolution()))),
                        seconds(flags, "out-of-orderness-seconds", d.maxOutOfOrderness()),
                        seconds(flags, "future-tolerance-seconds", d.futureTolerance()),
                        seconds(flags, "checkpoint-interval-seconds", d.checkpointInterval()),
                        flags.containsKey("dedupe-window-hours")
                                ? Duration.ofHours(Long.parseLong(flags.get("dedupe-window-hours")))
                                : d.dedupeWindow(),
                        flags.containsKey("bounded"),
                        Long.parseLong(flags.getOrDefault("fail-after-records", "0")),
                        d.analytics()
                                .withNearRepeat(
                                        Double.parseDouble(
                                                flags.getOrDefault(
                                                        "near-repeat-meters",
                                                        String.valueOf(
                                                                d.analytics()
                                                                        .nearRepeatRadiusMeters()))),
                                        flags.containsKey("near-repeat-days")
                                                ? Duration.ofDays(
                                                        Long.parseLong(
                                                                flags.get("near-repeat-days")))
                                                : d.analytics().nearRepeatWindow())
                                .withZoneStatsLateness(
                                        flags.containsKey("allowed-lateness-hours")
                                                ? Duration.ofHours(
                                                        Long.parseLong(
                                                                flags.get(
                                                                        "allowed-lateness-hours")))
                                                : d.analytics().zoneStatsLateness()),
                        d.hotspots(),
                        new RecordLimits(
                                Integer.parseInt(
                                        flags.getOrDefault(
                                                "max-raw-record-bytes",
                                                String.valueOf(d.limits().maxRawRecordBytes()))),
                                Integer.parseInt(
                                        flags.getOrDefault(
                                                "max-output-record-bytes",
                                                String.valueOf(
                                                        d.limits().maxOutputRecordBytes())))));
        for (String k : flags.keySet()) {
            if (!FLAGS.contains(k)) {
                throw new IllegalArgumentException(
                        "unknown flag --" + k + "; known: --" + String.join(", --", FLAGS));
            }
        }
        return c;
    }

    private static Duration seconds(Map<String, String> flags, String key, Duration fallback) {
        String v = flags.get(key);
        return v == null ? fallback : Duration.ofSeconds(Long.parseLong(v));
    }
}
