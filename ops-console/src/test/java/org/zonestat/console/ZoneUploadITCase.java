package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.jobs.io.ZoneLayerUpdateDeserializer;
import org.zonestat.jobs.model.ZoneLayerUpdate;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.kafka.TopicContents;

/**
 * {@code POST /api/zones/{layerId}} end to end on a real KRaft broker: an admin's layer goes to the
 * compacted {@code zones} topic in the format the stream job reads (checked with the job's own
 * {@link ZoneLayerUpdateDeserializer}), and the console reads it back from the topic into {@code
 * /api/layers}, {@code /api/zones} and WebSocket subscriptions.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ZoneUploadITCase {
    private static final String ADMIN = "admin-token-for-zone-upload";
    private static final String ANALYST = "analyst-token-for-zone-upload";
    private static final String DISPATCHER = "dispatcher-token-for-zone-upload";
    private static final String PUBLIC = "public-token-for-zone-upload";
    private static final String TOPIC = "zones-upload";
    private static final ObjectMapper JSON = ConsoleJson.newMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static OpsConsole.Running console;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        broker = KAFKA.broker();
        broker.createTopic("events-upload", 1, Map.of());
        console =
                OpsConsole.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .eventsTopic("events-upload")
                        .analyticsTopics(null, null)
                        .zonesTopic(TOPIC)
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(
                                                ADMIN,
                                                Role.ADMIN,
                                                ANALYST,
                                                Role.ANALYST,
                                                DISPATCHER,
                                                Role.DISPATCHER,
                                                PUBLIC,
                                                Role.PUBLIC)))
                        .catalog(ZoneCatalog.load(CityProfiles.shipped("baltimore").layers()))
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    /**
     * A square Feature named {@code name} with its south-west corner at (lon, lat), {@code side}
     * degrees.
     */
    private static String square(
            String property, String name, double lon, double lat, double side) {
        return String.format(
                java.util.Locale.ROOT,
                "{\"type\":\"Feature\",\"properties\":{\"%s\":\"%s\"},\"geometry\":{\"type\":\"Polygon\","
                        + "\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}}",
                property,
                name,
                lon,
                lat,
                lon + side,
                lat,
                lon + side,
                lat + side,
                lon,
                lat + side,
                lon,
                lat);
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static HttpResponse<String> post(String layerAndQuery, String token, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(console.url() + "api/zones/" + layerAndQuery))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/geo+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(console.url() + pathAndQuery))
                                .header("Authorization", "Bearer " + ANALYST)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    }

    /** Every message of the zones topic, read as the stream job reads them. */
    private static List<ZoneLayerUpdate> updatesOnTopic() throws Exception {
        List<ZoneLayerUpdate> updates = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers(),
                                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                                33 * 1024 * 1024),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            ZoneLayerUpdateDeserializer job = new ZoneLayerUpdateDeserializer();
            TopicContents.readFromBeginning(
                    c, TOPIC, WAIT, r -> job.deserialize(r, new ListCollector<>(updates)));
        }
        return updates;
    }

    private static long topicEnd() {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            return c.partitionsFor(TOPIC, Duration.ofSeconds(5)).isEmpty()
                    ? 0
                    : c.endOffsets(List.of(tp)).get(tp);
        }
    }

    private static List<String> zoneNames(ZoneLayerUpdate update) {
        ZoneLayer layer =
                new GeoJsonZoneLayerReader()
                        .read(
                                update.layerId(),
                                update.title(),
                                new ByteArrayInputStream(
                                        update.geojson().getBytes(StandardCharsets.UTF_8)),
                                update.nameProperty(),
                                "test");
        return layer.zones().stream().map(Zone::name).toList();
    }

    @Test
    void
            an_uploaded_layer_reaches_the_zones_topic_in_the_jobs_format_and_the_consoles_layers_and_subscriptions()
                    throws Exception {
        String title = URLEncoder.encode("Focus zones (summer)", StandardCharsets.UTF_8);
        HttpResponse<String> r =
                post(
                        "focus-zones?title=" + title,
                        ADMIN,
                        collection(
                                square("name", "Focus A", -76.600, 39.312, 0.004),
                                square("name", "Focus B", -76.637, 39.297, 0.004)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("version").asInt()).isEqualTo(1);
        assertThat(answer.path("zones").asInt()).isEqualTo(2);

        List<ZoneLayerUpdate> focus =
                updatesOnTopic().stream().filter(u -> u.layerId().equals("focus-zones")).toList();
        assertThat(focus).hasSize(1);
        assertThat(focus.get(0).isRemoval()).isFalse();
        assertThat(focus.get(0).title()).isEqualTo("Focus zones (summer)");
        assertThat(focus.get(0).nameProperty()).isEqualTo("name");
        assertThat(focus.get(0).version()).isEqualTo(1);
        assertThat(zoneNames(focus.get(0))).containsExactly("Focus A", "Focus B");

        await().atMost(WAIT)
                .until(() -> getJson("api/zones?layer=focus-zones").path("features").size() == 2);
        JsonNode layers = getJson("api/layers");
        assertThat(layers.findValuesAsText("id")).contains("vri-zones", "focus-zones");
        JsonNode summary = null;
        for (JsonNode l : layers) {
            if (l.path("id").asText().equals("focus-zones")) {
                summary = l;
            }
        }
        assertThat(summary.path("title").asText()).isEqualTo("Focus zones (summer)");
        assertThat(summary.path("zones").asInt()).isEqualTo(2);

        try (LiveClient client = LiveClient.connect(console.port(), ANALYST)) {
            client.send("{\"type\":\"subscribe\",\"zones\":{\"focus-zones\":[\"Focus A\"]}}");
            await().atMost(WAIT).until(() -> !client.messages().isEmpty());
            assertThat(client.messages().get(0)).isInstanceOf(LiveMessage.Snapshot.class);
        }

        // Editing a focus zone: the whole layer again, Focus A enlarged and a third zone added.
        HttpResponse<String> edit =
                post(
                        "focus-zones",
                        ADMIN,
                        collection(
                                square("name", "Focus A", -76.601, 39.311, 0.006),
                                square("name", "Focus B", -76.637, 39.297, 0.004),
                                square("name", "Focus C", -76.620, 39.290, 0.003)));
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(202);
        assertThat(JSON.readTree(edit.body()).path("version").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(edit.body()).path("title").asText())
                .isEqualTo("Focus zones (summer)");
        await().atMost(WAIT)
                .until(() -> getJson("api/zones?layer=focus-zones").path("features").size() == 3);
        List<ZoneLayerUpdate> after =
                updatesOnTopic().stream().filter(u -> u.layerId().equals("focus-zones")).toList();
        assertThat(after).extracting(ZoneLayerUpdate::version).containsExactly(1, 2);
        assertThat(zoneNames(after.get(1))).containsExactly("Focus A", "Focus B", "Focus C");
    }

    @Test
    void replacing_a_configured_layer_takes_version_2_and_keeps_its_name_property()
            throws Exception {
        HttpResponse<String> r =
                post(
                        "vri-zones",
                        ADMIN,
                        collection(square("Name", "Eastern1", -76.600, 39.312, 0.004)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("version").asInt()).isEqualTo(2);
        assertThat(answer.path("nameProperty").asText()).isEqualTo("Name");
        assertThat(answer.path("title").asText()).isEqualTo("VRI zones (2019)");
    }

    @Test
    void only_admins_may_upload_and_invalid_layers_get_400_saying_what_is_wrong() throws Exception {
        String valid = collection(square("name", "Z", -76.61, 39.30, 0.002));
        // The first call may create the topic; count from after a refused upload.
        for (String token : List.of(ANALYST, DISPATCHER, PUBLIC)) {
            HttpResponse<String> r = post("other-zones", token, valid);
            assertThat(r.statusCode()).as(token).isEqualTo(403);
            assertThat(JSON.readTree(r.body()).path("error").asText()).contains("admin");
        }
        long before = topicEnd();
        String[][] bad = {
            {"other-zones", "{not json", "not JSON"},
            {"other-zones", "{\"type\":\"Feature\"}", "not a GeoJSON FeatureCollection"},
            {
                "other-zones",
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                        + "{\"name\":\"P\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-76.6,39.3]}}]}",
                "has no polygons"
            },
            {
                "other-zones",
                collection(square("label", "Z", -76.61, 39.30, 0.002)),
                "name property 'name'"
            },
            {"Other_Zones", valid, "'layerId'"},
            {"other-zones?nameProperty=a%20b", valid, "'nameProperty'"},
        };
        for (String[] b : bad) {
            HttpResponse<String> r = post(b[0], ADMIN, b[1]);
            assertThat(r.statusCode()).as(b[2]).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(b[2]).contains(b[2]);
        }
        assertThat(topicEnd()).as("nothing published").isEqualTo(before);
    }
}
