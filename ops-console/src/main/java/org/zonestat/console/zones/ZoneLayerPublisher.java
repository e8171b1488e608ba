package org.zonestat.console.zones;

import io.javalin.http.BadRequestResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.zonestat.console.ZoneLayers;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.Topics;
import org.zonestat.topics.ZoneLayerMessage;

/**
 * Publishes checked {@link ZoneUpload}s to the compacted {@code zones} topic as a {@link
 * ZoneLayerMessage} (key = layer id) with the layer's next version (configured layers are version
 * 1), and records that version in {@link ZoneLayers} so the next upload counts on. The job and this
 * console (through {@link ZoneLayerUpdates}) pick the layer up from the topic. The topic is created
 * (compacted, one partition, {@value #MAX_LAYER_BYTES} bytes per message) if it does not exist yet;
 * the producer waits for every replica ({@code acks=all}, idempotent).
 *
 * <p>Thread-safe: publications are serialized so that two uploads never get the same version.
 */
public final class ZoneLayerPublisher implements AutoCloseable {
    /** The largest layer accepted: the {@code zones} topic's message limit (32 MiB). */
    public static final int MAX_LAYER_BYTES = Topics.ZONES_MAX_MESSAGE_BYTES;

    private final String bootstrapServers;
    private final String topic;
    private final ZoneLayers layers;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean topicChecked;

    /** What was published. */
    public record Published(
            String layer,
            String title,
            String nameProperty,
            int version,
            int zones,
            List<String> warnings,
            String topic,
            long offset) {}

    public ZoneLayerPublisher(String bootstrapServers, String topic, ZoneLayers layers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.layers = Objects.requireNonNull(layers, "layers");
    }

    /**
     * Publishes the upload with the layer's next version, waiting for the broker's acknowledgement.
     *
     * @throws BadRequestResponse if the message would exceed {@value #MAX_LAYER_BYTES} bytes
     */
    public synchronized Published publish(ZoneUpload upload) throws Exception {
        ensureTopic();
        String layerId = upload.layerId();
        int version = layers.version(layerId) + 1;
        byte[] bytes =
                TopicCodec.encode(
                        new ZoneLayerMessage(
                                upload.title(),
                                upload.nameProperty(),
                                version,
                                upload.featureCollection()));
        if (bytes.length > MAX_LAYER_BYTES) {
            throw new BadRequestResponse(
                    "the layer is "
                            + bytes.length
                            + " bytes as a zones message, at most "
                            + MAX_LAYER_BYTES);
        }
        RecordMetadata meta =
                producer()
                        .send(
                                new ProducerRecord<>(
                                        topic, layerId.getBytes(StandardCharsets.UTF_8), bytes))
                        .get(30, TimeUnit.SECONDS);
        // The feed applies it shortly; recording the version now keeps the next upload's number
        // right.
        layers.reserveVersion(layerId, version);
        return new Published(
                layerId,
                upload.title(),
                upload.nameProperty(),
                version,
                upload.zones(),
                upload.warnings(),
                topic,
                meta.offset());
    }

    private void ensureTopic() throws Exception {
        if (topicChecked) {
            return;
        }
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                NewTopic t =
                        new NewTopic(topic, 1, (short) 1)
                                .configs(
                                        Map.of(
                                                "cleanup.policy",
                                                "compact",
                                                "max.message.bytes",
                                                String.valueOf(MAX_LAYER_BYTES)));
                try {
                    admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        topicChecked = true;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer =
                    new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    bootstrapServers,
                                    ProducerConfig.CLIENT_ID_CONFIG,
                                    "zonestat-ops-console-zone-upload",
                                    ProducerConfig.ACKS_CONFIG,
                                    "all",
                                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                    true,
                                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                                    MAX_LAYER_BYTES + 1024 * 1024,
                                    ProducerConfig.COMPRESSION_TYPE_CONFIG,
                                    "lz4"),
                            new ByteArraySerializer(),
                            new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
