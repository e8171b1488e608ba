package org.zonestat.jobs.hotspots;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.zonestat.jobs.io.EventJson;
import org.zonestat.jobs.io.HotspotJson;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotWindowSummary;
import org.zonestat.jobs.model.HotspotZoneCounts;

/**
 * Writes the hotspot outputs to their Kafka topic (normally {@code hotspots}) in the {@link
 * HotspotJson} shapes. Key: {@link HotspotJson#key(HotspotChange) <windowDays>d/<cell>}, {@link
 * HotspotJson#key(HotspotWindowSummary) <windowDays>d/summary} or {@link
 * HotspotJson#key(HotspotZoneCounts) <windowDays>d/<layer>/<zone>}, so a compacted topic keeps the
 * latest state of each cell and zone per window length; record timestamp: the window end. Build
 * with {@link #changes}, {@link #summaries} or {@link #zoneCounts}.
 *
 * <p>Immutable; thread-safe.
 */
public final class HotspotSerializationSchema<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private enum Shape {
        CHANGE,
        SUMMARY,
        ZONE_COUNTS
    }

    private final String topic;
    private final Shape shape;

    private HotspotSerializationSchema(String topic, Shape shape) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.shape = shape;
    }

    public static HotspotSerializationSchema<HotspotChange> changes(String topic) {
        return new HotspotSerializationSchema<>(topic, Shape.CHANGE);
    }

    public static HotspotSerializationSchema<HotspotWindowSummary> summaries(String topic) {
        return new HotspotSerializationSchema<>(topic, Shape.SUMMARY);
    }

    public static HotspotSerializationSchema<HotspotZoneCounts> zoneCounts(String topic) {
        return new HotspotSerializationSchema<>(topic, Shape.ZONE_COUNTS);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        return switch (shape) {
            case CHANGE -> {
                HotspotChange c = (HotspotChange) element;
                yield record(
                        HotspotJson.key(c),
                        c.windowEnd().toEpochMilli(),
                        EventJson.bytes(HotspotJson.toJson(c)));
            }
            case SUMMARY -> {
                HotspotWindowSummary s = (HotspotWindowSummary) element;
                yield record(
                        HotspotJson.key(s),
                        s.windowEnd().toEpochMilli(),
                        EventJson.bytes(HotspotJson.toJson(s)));
            }
            case ZONE_COUNTS -> {
                HotspotZoneCounts z = (HotspotZoneCounts) element;
                yield record(
                        HotspotJson.key(z),
                        z.windowEnd().toEpochMilli(),
                        EventJson.bytes(HotspotJson.toJson(z)));
            }
        };
    }

    private ProducerRecord<byte[], byte[]> record(String key, long timestamp, byte[] value) {
        return new ProducerRecord<>(
                topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
