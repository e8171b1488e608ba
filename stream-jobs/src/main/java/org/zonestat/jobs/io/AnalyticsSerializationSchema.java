package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.RiskHalo;
import org.zonestat.jobs.model.ZoneDayStats;

/**
 * Writes analytics records to their Kafka topics in the {@link AnalyticsJson} shapes: key = the
 * record's id (so redeliveries and re-fired days land in the same partition under the same key, fit
 * for a compacted topic), record timestamp = the event time it is about. Build with {@link
 * #alerts}, {@link #notifications}, {@link #zoneStats} or {@link #hotspots}.
 */
public final class AnalyticsSerializationSchema<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Shape shape;

    private enum Shape {
        ALERT,
        NOTIFICATION,
        ZONE_STATS,
        HALO
    }

    private AnalyticsSerializationSchema(String topic, Shape shape) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.shape = shape;
    }

    public static AnalyticsSerializationSchema<Alert> alerts(String topic) {
        return new AnalyticsSerializationSchema<>(topic, Shape.ALERT);
    }

    public static AnalyticsSerializationSchema<Notification> notifications(String topic) {
        return new AnalyticsSerializationSchema<>(topic, Shape.NOTIFICATION);
    }

    public static AnalyticsSerializationSchema<ZoneDayStats> zoneStats(String topic) {
        return new AnalyticsSerializationSchema<>(topic, Shape.ZONE_STATS);
    }

    public static AnalyticsSerializationSchema<RiskHalo> hotspots(String topic) {
        return new AnalyticsSerializationSchema<>(topic, Shape.HALO);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        return switch (shape) {
            case ALERT -> {
                Alert a = (Alert) element;
                yield record(
                        a.alertId(),
                        a.at().toEpochMilli(),
                        EventJson.bytes(AnalyticsJson.toJson(a)));
            }
            case NOTIFICATION -> {
                Notification n = (Notification) element;
                yield record(
                        n.notificationId(),
                        n.closedAt().toEpochMilli(),
                        EventJson.bytes(AnalyticsJson.toJson(n)));
            }
            case ZONE_STATS -> {
                ZoneDayStats s = (ZoneDayStats) element;
                yield record(
                        AnalyticsJson.key(s),
                        s.from().toEpochMilli(),
                        EventJson.bytes(AnalyticsJson.toJson(s)));
            }
            case HALO -> {
                RiskHalo h = (RiskHalo) element;
                yield record(
                        h.haloId(),
                        h.startsAt().toEpochMilli(),
                        EventJson.bytes(AnalyticsJson.toJson(h)));
            }
        };
    }

    private ProducerRecord<byte[], byte[]> record(String key, long timestamp, byte[] value) {
        return new ProducerRecord<>(
                topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
