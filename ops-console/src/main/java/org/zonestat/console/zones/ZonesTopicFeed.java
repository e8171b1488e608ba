package org.zonestat.console.zones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.ZoneLayers;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.ZoneLayer;

/**
 * Reads the compacted {@code zones} topic from its beginning on a daemon thread and applies each
 * message to {@link ZoneLayers}, so that a layer uploaded (or changed by any other tool) shows in
 * {@code /api/layers} and {@code /api/zones} and can be named in subscriptions.
 *
 * <p>The message format is the stream job's ({@code ZoneLayerUpdateDeserializer}): key = layer id,
 * value = {@code {"title", "nameProperty", "version", "featureCollection"}} (title defaults to the
 * id, nameProperty to {@code name}, version to 0) or null to remove the layer. A message whose
 * layer cannot be read is logged and counted and the layers stay as they were, as in the job.
 *
 * <p>Thread-safe: {@link #start()}, {@link #close()} and the counters may be used from any thread.
 */
public final class ZonesTopicFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZonesTopicFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(2);

    private final String bootstrapServers;
    private final String topic;
    private final ZoneLayers layers;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong unusable = new AtomicLong();
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public ZonesTopicFeed(String bootstrapServers, String topic, ZoneLayers layers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.layers = Objects.requireNonNull(layers, "layers");
        this.thread = new Thread(this::run, "zonestat-zones-feed-" + topic);
        this.thread.setDaemon(true);
    }

    public ZonesTopicFeed start() {
        thread.start();
        return this;
    }

    /** Messages applied (layers added, replaced or removed). */
    public long applied() {
        return applied.get();
    }

    /** Messages whose layer could not be read. */
    public long unusable() {
        return unusable.get();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config())) {
                consumer = c;
                if (!running) {
                    return;
                }
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos == null || infos.isEmpty()) {
                    sleep(TOPIC_WAIT);
                    continue;
                }
                List<TopicPartition> partitions =
                        infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                LOG.info("Reading zone layers from '{}'", topic);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                        apply(r);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn(
                        "Zones consumer for '{}' failed; recreating it in {}",
                        topic,
                        TOPIC_WAIT,
                        e);
                sleep(TOPIC_WAIT);
            } finally {
                consumer = null;
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        String layerId = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        if (r.value() == null) {
            layers.remove(layerId);
            applied.incrementAndGet();
            LOG.info("Zone layer '{}' removed by a tombstone on '{}'", layerId, topic);
            return;
        }
        try {
            JsonNode n = mapper.readTree(r.value());
            String title = n.path("title").asText(layerId);
            String nameProperty = n.path("nameProperty").asText("name");
            int version = n.path("version").asInt(0);
            byte[] geojson = mapper.writeValueAsBytes(n.path("featureCollection"));
            ZoneLayer layer =
                    new GeoJsonZoneLayerReader()
                            .read(
                                    layerId,
                                    title,
                                    new ByteArrayInputStream(geojson),
                                    nameProperty,
                                    topic + "-" + r.partition() + "@" + r.offset());
            layers.put(layer, version);
            applied.incrementAndGet();
            LOG.info(
                    "Zone layer '{}' version {} ({} zones) from '{}'",
                    layerId,
                    version,
                    layer.size(),
                    topic);
        } catch (IOException | GeoJsonZoneLayerReader.InvalidZoneLayerException e) {
            unusable.incrementAndGet();
            LOG.warn(
                    "Unusable zone layer message {}-{}@{} for '{}': {}",
                    topic,
                    r.partition(),
                    r.offset(),
                    layerId,
                    e.getMessage());
        }
    }

    /** A retry pause on the feed's own thread; {@link #close} ends it at once. */
    private void sleep(Duration d) {
        try {
            closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "zonestat-ops-console-" + topic);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ZoneUploadRoutes.MAX_LAYER_BYTES);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, ZoneUploadRoutes.MAX_LAYER_BYTES);
        return p;
    }

    /** Stops the thread and waits (bounded) for it. Idempotent. */
    @Override
    public void close() {
        running = false;
        closing.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup(); // not an interrupt: the consumer then closes cleanly
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
