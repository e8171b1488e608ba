package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.Role;
import org.zonestat.console.health.HealthSettings;
import org.zonestat.kafka.TopicContents;

/**
 * The demo's supervision, end to end: the job is killed (cancelled behind the demo's back); {@code
 * /api/health} answers 503 within 30 s and says why; the supervisor restarts the job from its last
 * retained checkpoint; health is 200 again, new records flow through, and every record in reaches
 * {@code events} exactly as often as it was sent (by id) with nothing left pending.
 */
class DemoSupervisionITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_killed_job_turns_health_red_within_30_s_and_the_demo_brings_it_back(
            @TempDir Path dataDir) throws Exception {
        DemoOptions options =
                new DemoOptions(
                        dataDir,
                        0,
                        0,
                        0,
                        DemoOptions.DemoFeed.NONE,
                        1,
                        0,
                        CityProfiles.shipped("baltimore"),
                        1,
                        Clock.fixed(Instant.parse("2019-10-22T12:00:00Z"), ZoneOffset.UTC));
        try (ZoneStatDemo demo =
                        new ZoneStatDemo(options)
                                .health(new HealthSettings(Duration.ofSeconds(1), 30))
                                .start();
                KafkaProducer<String, String> producer = producer(demo.bootstrapServers())) {
            String base = "http://127.0.0.1:" + demo.consolePort();
            String token = demo.tokens().tokenFor(Role.ANALYST).orElseThrow();
            await("health 200 once the job runs")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> get(base + "/api/health", null).statusCode() == 200);

            send(producer, 0, 40);
            await("the first 40 records reconciled and a checkpoint taken")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                JsonNode p = json(get(base + "/api/pipeline", token));
                                JsonNode h = json(get(base + "/api/health", null));
                                return p.path("inTotal").asLong() == 40
                                        && p.path("pending").asLong() == 0
                                        && !h.path("pipeline")
                                                .path("checkpointAgeSeconds")
                                                .isNull();
                            });

            long killedAt = System.nanoTime();
            demo.job().cancelForDrill();
            await("health not 200 within 30 s of the kill")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> get(base + "/api/health", null).statusCode() != 200);
            long redMillis = (System.nanoTime() - killedAt) / 1_000_000;
            HttpResponse<String> red = get(base + "/api/health", null);
            JsonNode redBody = json(red);
            assertThat(red.statusCode()).isEqualTo(503);
            assertThat(redBody.path("status").asText()).isIn("restarting", "down", "starting");
            assertThat(redBody.path("pipeline").path("reasons").toString()).contains("job");

            // Records sent while the job is down wait in the raw topic.
            send(producer, 40, 60);
            await("health 200 again after the restart")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> get(base + "/api/health", null).statusCode() == 200);
            long greenMillis = (System.nanoTime() - killedAt) / 1_000_000;
            JsonNode job = json(get(base + "/api/health", null)).path("pipeline").path("job");
            assertThat(job.path("restartsLastHour").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(job.path("note").asText()).contains("restarted", "from checkpoint");

            send(producer, 60, 80);
            await("every record reconciled after the restart")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                JsonNode p = json(get(base + "/api/pipeline", token));
                                return p.path("inTotal").asLong() == 80
                                        && p.path("pending").asLong() == 0
                                        && p.path("accepted").asLong() + p.path("rejected").asLong()
                                                == 80;
                            });
            Set<String> ids = eventIds(demo.bootstrapServers());
            assertThat(ids).hasSize(80);
            System.out.printf(
                    "supervision: health 503 %d ms after the kill, 200 again after %d ms;"
                            + " 80 records in, %d distinct events%n",
                    redMillis, greenMillis, ids.size());
        }
    }

    private static void send(KafkaProducer<String, String> producer, int from, int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            String id = "S" + i;
            // Along North Avenue, a minute apart, all inside the city.
            String value =
                    String.format(
                            Locale.ROOT,
                            "{\"id\":\"%s\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T%02d:%02d:00-04:00\","
                                    + "\"lat\":39.3115,\"lon\":%.4f,\"source\":\"drill\"}",
                            id,
                            10 + i / 60,
                            i % 60,
                            -76.64 + i * 0.0005);
            producer.send(new ProducerRecord<>("incidents.raw", id, value)).get();
        }
    }

    private static Set<String> eventIds(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicContents.readFromBeginning(
                    c, "events", Duration.ofSeconds(30), r -> ids.add(r.key()));
        }
        return ids;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
