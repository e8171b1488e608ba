package org.zonestat.console.zones;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.ZoneLayers;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicRecord;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.topics.ZoneLayerMessage;

/**
 * Applies the compacted {@code zones} topic, read from its beginning, to {@link ZoneLayers}, so
 * that a layer uploaded (or changed by any other tool) shows in {@code /api/layers} and {@code
 * /api/zones} and can be named in subscriptions.
 *
 * <p>The messages are the job's ({@link ZoneLayerMessage}, key = layer id; a tombstone removes the
 * layer). A message whose layer cannot be read is logged and counted and the layers stay as they
 * were, as in the job.
 *
 * <p>Thread-safe: the counters may be read from any thread.
 */
public final class ZoneLayerUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneLayerUpdates.class);

    private final ZoneLayers layers;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong unusable = new AtomicLong();

    /** Subscribes to {@code topic} on {@code feed} (before the feed starts). */
    public ZoneLayerUpdates(TopicFeed feed, String topic, ZoneLayers layers) {
        this.layers = Objects.requireNonNull(layers, "layers");
        feed.subscribeWithTombstones(
                topic, ZoneLayerMessage.class, StartAt.beginning(), this::apply);
    }

    /** Messages applied (layers added, replaced or removed). */
    public long applied() {
        return applied.get();
    }

    /** Messages whose layer could not be read. */
    public long unusable() {
        return unusable.get();
    }

    private void apply(TopicRecord<ZoneLayerMessage> r) {
        String layerId = r.key() == null ? "" : r.key();
        if (r.value() == null) {
            layers.remove(layerId);
            applied.incrementAndGet();
            LOG.info("Zone layer '{}' removed by a tombstone on '{}'", layerId, r.topic());
            return;
        }
        ZoneLayerMessage m = r.value();
        try {
            ZoneLayer layer =
                    new GeoJsonZoneLayerReader()
                            .read(
                                    layerId,
                                    m.titleOr(layerId),
                                    new ByteArrayInputStream(
                                            m.featureCollection()
                                                    .toString()
                                                    .getBytes(StandardCharsets.UTF_8)),
                                    m.nameProperty(),
                                    r.where());
            layers.put(layer, m.version());
            applied.incrementAndGet();
            LOG.info(
                    "Zone layer '{}' version {} ({} zones) from '{}'",
                    layerId,
                    m.version(),
                    layer.size(),
                    r.topic());
        } catch (GeoJsonZoneLayerReader.InvalidZoneLayerException e) {
            unusable.incrementAndGet();
            LOG.warn(
                    "Unusable zone layer message {} for '{}': {}",
                    r.where(),
                    layerId,
                    e.getMessage());
        }
    }
}
