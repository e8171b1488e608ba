package org.zonestat.jobs;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.zonestat.city.CityOption;
import org.zonestat.city.CityProfile;
import org.zonestat.config.JobGroupOption;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.analytics.AnalyticsConfig;
import org.zonestat.jobs.hotspots.HotspotConfig;
import org.zonestat.jobs.io.RecordLimits;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.topics.Topics;

/**
 * Everything the zone-tagging job needs to know, from flags ({@link JobCommand}) or defaults.
 * Immutable.
 *
 * @param bootstrapServers Kafka {@code host:port[,host:port]}
 * @param topics topic names by role (see {@link Topics})
 * @param groupId the Kafka consumer group the source commits its offsets under
 * @param layers the zone layers events are tagged with
 * @param h3Resolution the H3 resolution of the {@code h3} field
 * @param maxOutOfOrderness how late (in event time) an event may arrive behind the newest one
 * @param futureTolerance how far after its receive time an event may claim to have happened
 * @param checkpointInterval how often state and source offsets are checkpointed
 * @param dedupeWindow the longest an event id is remembered to drop redeliveries (processing time);
 *     it is forgotten earlier when the watermark makes its copies late
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

    /** The largest zone layer message, in bytes. */
    public static final int ZONES_MAX_MESSAGE_BYTES = Topics.ZONES_MAX_MESSAGE_BYTES;

    /** Which stream each raw topic carries. */
    public Map<String, EventStream> streamsByTopic() {
        Map<String, EventStream> m = new LinkedHashMap<>();
        m.put(topics.incidents(), EventStream.INCIDENT);
        m.put(topics.requests311(), EventStream.REQUEST311);
        m.put(topics.tips(), EventStream.TIP);
        m.put(topics.activities(), EventStream.ACTIVITY);
        return m;
    }

    /**
     * A city's job: its layers, local days and analytics settings ({@link AnalyticsConfig#forCity},
     * {@link HotspotConfig#forCity}); the default topics and group; H3 resolution 9 for events; 10
     * minutes of out-of-orderness; 1 day of future tolerance; a checkpoint every 10 s; redeliveries
     * remembered for 7 days; unbounded; no fault drill; the default record size limits.
     */
    public static JobConfig forCity(String bootstrapServers, CityProfile city) {
        return new JobConfig(
                bootstrapServers,
                Topics.defaults(),
                JobGroupOption.DEFAULT,
                city.layers(),
                9,
                Duration.ofMinutes(10),
                Duration.ofDays(1),
                Duration.ofSeconds(10),
                Duration.ofDays(7),
                false,
                0,
                AnalyticsConfig.forCity(city),
                HotspotConfig.forCity(city),
                RecordLimits.defaults());
    }

    /** {@link #forCity} of the city commands serve by default ({@link CityOption#defaultCity}). */
    public static JobConfig defaults(String bootstrapServers) {
        return forCity(bootstrapServers, CityOption.defaultCity());
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
}
