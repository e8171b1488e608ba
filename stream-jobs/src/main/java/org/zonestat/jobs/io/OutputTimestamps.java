package org.zonestat.jobs.io;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka record timestamp of every record the job writes: the event time the record is about (so
 * a replay can seek an output topic by time), but never after the writer's clock, never before
 * 1970, and never older than the topic takes.
 *
 * <p>Why the cap: a record may be dated up to the parser's future tolerance (a day) after it was
 * received, while a Kafka 4 broker refuses a record stamped more than {@code
 * message.timestamp.after.max.ms} (an hour by default) ahead of its own clock, and a refused record
 * fails the sink and the whole job. Stamped at most "now", a record is accepted whatever that
 * setting, as long as the job's and the brokers' clocks agree within it. Its event time is still in
 * its value ({@code occurredAt}, {@code at}, ...): only the seek position moves, to the time it was
 * written. Kafka refuses negative timestamps, hence the floor at 1970.
 *
 * <p>Why the age limit: ZoneStat's topics take timestamps of any age, but a topic set up otherwise
 * ({@code message.timestamp.before.max.ms}) refuses a backfilled record stamped years ago. Read
 * from the topic ({@link #ofTopic}), that setting less a margin ({@link #MARGIN}, for the time
 * between stamping and the broker's check) is the oldest a record is stamped.
 *
 * <p>Immutable and thread-safe.
 */
public final class OutputTimestamps {
    private static final Logger LOG = LoggerFactory.getLogger(OutputTimestamps.class);

    /** Timestamps up to the writer's clock, of any age. */
    public static final OutputTimestamps UNLIMITED = new OutputTimestamps(Long.MAX_VALUE);

    /** How much younger than a topic's oldest allowed timestamp a record is stamped, at most. */
    public static final Duration MARGIN = Duration.ofMinutes(10);

    private static final String BEFORE_MAX_MS = "message.timestamp.before.max.ms";

    private final long maxAgeMillis;

    /**
     * @param maxAgeMillis how far behind the writer's clock a timestamp may be
     */
    public OutputTimestamps(long maxAgeMillis) {
        if (maxAgeMillis < 0) {
            throw new IllegalArgumentException("maxAgeMillis must be >= 0, was " + maxAgeMillis);
        }
        this.maxAgeMillis = maxAgeMillis;
    }

    /**
     * The rule of a topic whose brokers refuse timestamps older than {@code beforeMaxMs} ({@code
     * message.timestamp.before.max.ms}); {@link Long#MAX_VALUE} is no limit.
     */
    public static OutputTimestamps forBeforeMaxMs(long beforeMaxMs) {
        if (beforeMaxMs == Long.MAX_VALUE) {
            return UNLIMITED;
        }
        return new OutputTimestamps(beforeMaxMs - Math.min(MARGIN.toMillis(), beforeMaxMs / 2));
    }

    /**
     * The rule of {@code topic}, from its {@code message.timestamp.before.max.ms} as the brokers
     * report it; {@link #UNLIMITED} (logged) when they cannot be asked within {@code timeout}.
     */
    public static OutputTimestamps ofTopic(
            String bootstrapServers, String topic, Duration timeout) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                (int) timeout.toMillis(),
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                (int) timeout.toMillis()))) {
            Config config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .get(resource);
            ConfigEntry before = config == null ? null : config.get(BEFORE_MAX_MS);
            return before == null || before.value() == null
                    ? UNLIMITED
                    : forBeforeMaxMs(Long.parseLong(before.value()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn(
                    "cannot read {} of topic {}: {}; its records are stamped at most now, of any age",
                    BEFORE_MAX_MS,
                    topic,
                    e.toString());
            return UNLIMITED;
        }
    }

    /** The timestamp of a record about {@code eventTimeMillis}, written at {@code nowMillis}. */
    public long of(long eventTimeMillis, long nowMillis) {
        long oldest = maxAgeMillis >= nowMillis ? 0 : nowMillis - maxAgeMillis;
        return Math.max(oldest, Math.min(eventTimeMillis, nowMillis));
    }

    /** As {@link #of(long, long)}; null (the producer stamps the send time) stays null. */
    public Long of(Long timestamp, long nowMillis) {
        return timestamp == null ? null : of(timestamp.longValue(), nowMillis);
    }
}
