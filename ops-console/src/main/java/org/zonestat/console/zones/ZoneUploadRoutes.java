package org.zonestat.console.zones;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.zonestat.console.OpsConsoleApp;
import org.zonestat.console.Role;
import org.zonestat.console.ZoneLayers;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.ZoneLayerMessage;

/**
 * {@code POST /api/zones/{layerId}?title=&nameProperty=}: an admin uploads a zone layer (a GeoJSON
 * FeatureCollection of polygons, the body) or a changed focus zone (the whole layer with that zone
 * edited). The layer is checked with the geo module's {@link GeoJsonZoneLayerReader}, the same
 * reader the job uses, and published to the compacted {@code zones} topic as a {@link
 * ZoneLayerMessage} (key = layer id) with the next version. The job and this console (through
 * {@link ZoneLayerUpdates}) pick it up from the topic; the answer is 202 with the version and the
 * offset.
 *
 * <p>Non-admins get 403; a bad layer id, query parameter or body gets 400 saying what is wrong. The
 * topic is created (compacted, one partition, {@value #MAX_LAYER_BYTES} bytes per message) if it
 * does not exist yet.
 *
 * <p>Thread-safe: uploads are serialized so that two uploads never get the same version.
 */
public final class ZoneUploadRoutes implements AutoCloseable {
    /** The largest layer accepted: the {@code zones} topic's message limit (32 MiB). */
    public static final int MAX_LAYER_BYTES = 32 * 1024 * 1024;

    private static final Pattern LAYER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern NAME_PROPERTY = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final String bootstrapServers;
    private final String topic;
    private final ZoneLayers layers;
    private final ObjectMapper mapper = new ObjectMapper();
    private KafkaProducer<byte[], byte[]> producer;
    private boolean topicChecked;

    /** The answer to an upload. */
    public record Published(
            String layer,
            String title,
            String nameProperty,
            int version,
            int zones,
            List<String> warnings,
            String topic,
            long offset) {}

    public ZoneUploadRoutes(String bootstrapServers, String topic, ZoneLayers layers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.layers = Objects.requireNonNull(layers, "layers");
    }

    /** {@code POST /api/zones/{layerId}}. */
    public void upload(Context ctx) throws Exception {
        Role role = ctx.attribute(OpsConsoleApp.ROLE_ATTRIBUTE);
        if (role != Role.ADMIN) {
            throw new ForbiddenResponse(
                    "only the admin role may upload zone layers, not "
                            + (role == null ? "anonymous" : role.id()));
        }
        String layerId = ctx.pathParam("layerId");
        if (!LAYER_ID.matcher(layerId).matches()) {
            throw new BadRequestResponse(
                    "path parameter 'layerId' must be lower-case letters, digits and '-'"
                            + " (at most 64, starting with a letter or digit), was '"
                            + layerId
                            + "'");
        }
        String nameProperty = ctx.queryParam("nameProperty");
        if (nameProperty == null || nameProperty.isBlank()) {
            nameProperty = layers.get().layer(layerId).map(ZoneLayer::nameProperty).orElse("name");
        } else if (!NAME_PROPERTY.matcher(nameProperty).matches()) {
            throw new BadRequestResponse(
                    "query parameter 'nameProperty' must be a property name (letters, digits,"
                            + " '_', '.', ':', '-'), was '"
                            + nameProperty
                            + "'");
        }
        String title = ctx.queryParam("title");
        if (title == null || title.isBlank()) {
            title = layers.get().layer(layerId).map(ZoneLayer::title).orElse(layerId);
        } else if (title.length() > 200) {
            throw new BadRequestResponse("query parameter 'title' must be at most 200 characters");
        }
        byte[] body = ctx.bodyAsBytes();
        JsonNode featureCollection;
        try {
            featureCollection = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body is not JSON: " + e.getOriginalMessage());
        }
        List<String> warnings = new ArrayList<>();
        ZoneLayer layer;
        try {
            layer =
                    new GeoJsonZoneLayerReader(warnings::add)
                            .read(
                                    layerId,
                                    title,
                                    new ByteArrayInputStream(body),
                                    nameProperty,
                                    "the body");
        } catch (GeoJsonZoneLayerReader.InvalidZoneLayerException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        String property = nameProperty;
        long named =
                layer.zones().stream().filter(z -> z.properties().containsKey(property)).count();
        if (named == 0) {
            throw new BadRequestResponse(
                    "the body: no feature has the name property '"
                            + nameProperty
                            + "' (set it per feature or choose another with ?nameProperty=)");
        }
        Published published =
                publish(layerId, title, nameProperty, featureCollection, layer.size(), warnings);
        ctx.status(HttpStatus.ACCEPTED).json(published);
    }

    private synchronized Published publish(
            String layerId,
            String title,
            String nameProperty,
            JsonNode fc,
            int zones,
            List<String> warnings)
            throws Exception {
        ensureTopic();
        int version = layers.version(layerId) + 1;
        byte[] bytes = TopicCodec.encode(new ZoneLayerMessage(title, nameProperty, version, fc));
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
                title,
                nameProperty,
                version,
                zones,
                List.copyOf(warnings),
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
