package org.zonestat.console.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.Topics;

/**
 * A zone layer uploaded to a running system reaches every view without a restart: the real
 * zone-tagging job runs on a local MiniCluster against a real KRaft broker, the console runs beside
 * it with a focus layer that does not exist yet, and an admin uploads that layer through {@code
 * POST /api/zones/{layerId}}. Incidents published afterwards are tagged with it by the job, which
 * writes their {@code zone-stats}; the scorecard, huddle, public scorecard, weekly report, replay
 * and site-visit plan then answer for the new layer's zones.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UploadedLayerEverywhereITCase {
    private static final String ADMIN = "admin-token-for-uploaded-layer";
    private static final String DISPATCHER = "dispatcher-token-for-uploaded-layer";
    private static final String LAYER = "focus-blocks";
    private static final ObjectMapper JSON = ConsoleJson.newMapper();
    // Two blocks north of downtown; a point well inside each.
    private static final double[] NORTH = {-76.6150, 39.3000};
    private static final double[] SOUTH = {-76.6150, 39.2900};
    private static final double[] ELSEWHERE = {-76.5800, 39.3200};

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private final HttpClient http = HttpClient.newHttpClient();
    private OpsConsole.Running console;

    @Test
    void
            a_layer_uploaded_while_the_job_runs_is_served_by_the_scorecard_huddle_public_page_report_replay_and_site_visits()
                    throws Exception {
        Topics topics = Topics.defaults().withSuffix(".uploaded");
        KAFKA.broker().createTopics(topics.newTopics(1, (short) 1));
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers())
                        .withTopics(topics)
                        .withGroupId("it.uploaded-layer")
                        .withBounded(false)
                        .withCheckpointInterval(Duration.ofSeconds(1));
        StreamExecutionEnvironment env = ZoneTaggingJob.environment(config);
        env.setParallelism(1);
        ZoneTaggingJob.withKafka(config).build(env);
        JobClient job = env.executeAsync("uploaded-layer-it");
        console = startConsole(topics);
        try {
            assertThat(get("api/huddle").statusCode())
                    .as("the focus layer is not there yet")
                    .isEqualTo(404);

            HttpResponse<String> upload = upload();
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
            JsonNode layer =
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> layerListed(), n -> n != null);
            assertThat(layer.path("version").asInt()).isEqualTo(1);
            assertThat(layer.path("names"))
                    .extracting(JsonNode::asText)
                    .containsExactly("North block", "South block");
            JsonNode city = json(get("api/config")).path("city");
            assertThat(city.path("focusLayer").asText()).isEqualTo(LAYER);
            assertThat(city.path("bounds").get(0).asDouble()).isLessThanOrEqualTo(-76.625);

            awaitJobTagsWithTheLayer(topics);
            publishIncidents(topics);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                JsonNode s = json(get(scorecardQuery()));
                                return zone(s, "North block").path("total").asLong() == 6
                                        && zone(s, "South block").path("total").asLong() == 1;
                            });

            JsonNode scorecard = json(get(scorecardQuery()));
            JsonNode north = zone(scorecard, "North block");
            assertThat(north.path("counts").path("shootings").asLong()).isEqualTo(6);
            assertThat(north.path("previousTotal").asLong()).isEqualTo(8);
            assertThat(north.path("changePercent").asDouble()).isEqualTo(-25.0);
            assertThat(north.path("metGoal").asBoolean()).isTrue();
            assertThat(zone(scorecard, "South block").path("counts").path("homicides").asLong())
                    .isEqualTo(1);

            JsonNode huddle = json(get("api/huddle")).path("huddle");
            assertThat(huddle.path("layer").asText()).isEqualTo(LAYER);
            assertThat(huddle.path("date").asText())
                    .as("the latest day of the new layer's zone-stats")
                    .isEqualTo("2018-07-04");
            assertThat(huddle.path("zones"))
                    .extracting(z -> z.path("zone").asText())
                    .containsExactly("North block", "South block");
            JsonNode northCard = zone(huddle, "North block");
            assertThat(northCard.path("last24h").path("shootings").asLong()).isEqualTo(2);
            assertThat(northCard.path("last7d").path("shootings").asLong()).isEqualTo(6);
            assertThat(northCard.path("ytd").path("total").asLong()).isEqualTo(6);
            assertThat(northCard.path("ytd").path("previousTotal").asLong()).isEqualTo(8);
            assertThat(zone(huddle, "South block").path("last7d").path("homicides").asLong())
                    .isEqualTo(1);

            // The public sees complete quarters only: July 2018 is not one yet.
            JsonNode open =
                    json(
                            get(
                                    "api/public/scorecard?layer="
                                            + LAYER
                                            + "&compare=previous-year",
                                    null));
            assertThat(open.path("period").asText()).isEqualTo("2018-Q2");
            assertThat(open.path("zones"))
                    .extracting(z -> z.path("zone").asText())
                    .containsExactly("North block", "South block");
            assertThat(zone(open, "North block").path("total").asLong()).isZero();
            assertThat(json(get("api/public/layers", null)))
                    .extracting(l -> l.path("id").asText())
                    .contains(LAYER);

            JsonNode report =
                    json(
                            get(
                                    "api/report?layer="
                                            + LAYER
                                            + "&zone="
                                            + URLEncoder.encode(
                                                    "North block", StandardCharsets.UTF_8)
                                            + "&week=2018-W27"));
            assertThat(report.path("counts").path("shootings").asLong()).isEqualTo(6);
            assertThat(report.path("lastYear").path("shootings").asLong()).isEqualTo(8);
            assertThat(report.path("trend")).hasSize(52);
            assertThat(report.path("trend").get(51).path("gunViolence").asLong()).isEqualTo(6);

            JsonNode replay = json(get("api/replay?week=2018-W27"));
            List<String> tagged = new ArrayList<>();
            replay.path("events")
                    .forEach(e -> tagged.add(e.path("zones").path(LAYER).asText(null)));
            assertThat(tagged).filteredOn("North block"::equals).hasSize(6);

            JsonNode plan = json(get("api/site-visits?layer=" + LAYER + "&asOf=2018-07-08"));
            assertThat(plan.path("rows").get(0).path("zone").asText()).isEqualTo("North block");
            assertThat(plan.path("rows").get(0).path("shootings").asInt()).isEqualTo(6);
        } finally {
            console.close();
            job.cancel().get();
        }
    }

    /** The console, its focus layer the one the admin is about to upload. */
    private static OpsConsole.Running startConsole(Topics topics) {
        HuddleSettings huddle =
                new HuddleSettings(
                        topics.zoneStats(),
                        topics.hotspots(),
                        topics.actionItems(),
                        ZoneId.of("America/New_York"),
                        -15.0,
                        LAYER,
                        null,
                        12,
                        Clock.fixed(Instant.parse("2018-07-05T14:00:00Z"), ZoneOffset.UTC));
        return OpsConsole.builder()
                .bootstrapServers(KAFKA.bootstrapServers())
                .eventsTopic(topics.events())
                .analyticsTopics(topics.alerts(), topics.hotspots())
                .zonesTopic(topics.zones())
                .pipelineTopics(topics.raw(), topics.rejected(), "it.uploaded-layer")
                .port(0)
                .tokens(AccessTokens.of(Map.of(ADMIN, Role.ADMIN, DISPATCHER, Role.DISPATCHER)))
                .catalog(ZoneCatalog.load(CityProfiles.shipped("baltimore").layers()))
                .config(ConsoleConfig.defaults().withWarmUpZones(false))
                .huddle(huddle)
                .start();
    }

    private HttpResponse<String> upload() throws Exception {
        String body =
                "{\"type\":\"FeatureCollection\",\"features\":["
                        + block("North block", 39.295)
                        + ","
                        + block("South block", 39.285)
                        + "]}";
        return http.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        console.url()
                                                + "api/zones/"
                                                + LAYER
                                                + "?title=Focus%20blocks&nameProperty=name"))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/geo+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A block 0.02° wide and 0.01° high, its south edge at {@code south}. */
    private static String block(String name, double south) {
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\"},\"geometry\":{\"type\":"
                        + "\"Polygon\",\"coordinates\":[[[-76.625,%f],[-76.605,%f],[-76.605,%f],"
                        + "[-76.625,%f],[-76.625,%f]]]}}",
                name,
                south,
                south,
                south + 0.01,
                south + 0.01,
                south);
    }

    private JsonNode layerListed() throws Exception {
        for (JsonNode l : json(get("api/layers"))) {
            if (l.path("id").asText().equals(LAYER)) {
                return l;
            }
        }
        return null;
    }

    /**
     * Publishes uncounted incidents (kind OTHER, on 1 January 2017, before everything else) until
     * the console sees one tagged with the new layer: from then on the job tags with it.
     */
    private void awaitJobTagsWithTheLayer(Topics topics) {
        AtomicInteger probes = new AtomicInteger();
        try (KafkaProducer<String, String> producer = producer()) {
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                String id = "probe-" + probes.incrementAndGet();
                                send(
                                        producer,
                                        topics.incidents(),
                                        incident(id, "OTHER", "2017-01-01T17:00:00Z", NORTH, 0));
                                return console.hub().recent().stream()
                                        .anyMatch(e -> e.zones().containsKey(LAYER));
                            });
        }
    }

    /**
     * In event-time order: North block, 4 shootings on each of 3 and 4 July 2017, 2 on each of 2, 3
     * and 4 July 2018; South block, a homicide on 3 July 2018. Then one record a week later on
     * every raw topic, outside the new layer, so that the job's event time passes those days and
     * their {@code zone-stats} are written.
     */
    private static void publishIncidents(Topics topics) {
        try (KafkaProducer<String, String> p = producer()) {
            int n = 0;
            for (String day : List.of("2017-07-03", "2017-07-04")) {
                for (int i = 0; i < 4; i++) {
                    send(
                            p,
                            topics.incidents(),
                            incident("s" + n, "SHOOTING", day + "T16:00:00Z", NORTH, n++));
                }
            }
            for (String day : List.of("2018-07-02", "2018-07-03", "2018-07-04")) {
                for (int i = 0; i < 2; i++) {
                    send(
                            p,
                            topics.incidents(),
                            incident("s" + n, "SHOOTING", day + "T16:00:00Z", NORTH, n++));
                }
                if (day.equals("2018-07-03")) {
                    send(
                            p,
                            topics.incidents(),
                            incident("h1", "HOMICIDE", day + "T18:00:00Z", SOUTH, 0));
                }
            }
            String later = "2018-07-12T16:00:00Z";
            send(p, topics.incidents(), incident("later", "OTHER", later, ELSEWHERE, 0));
            send(
                    p,
                    topics.requests311(),
                    raw(
                            "later-311",
                            later,
                            ELSEWHERE,
                            "\"type\":\"SW-Dirty Alley\",\"status\":\"New\""));
            send(p, topics.tips(), raw("later-tip", later, ELSEWHERE, "\"category\":\"gun\""));
        }
    }

    /** An incident a few metres from {@code at} (the n-th, so they do not all share a point). */
    private static String incident(String id, String kind, String occurredAt, double[] at, int n) {
        double[] p = {at[0] + 0.0001 * (n % 10), at[1] + 0.0001 * (n / 10)};
        return raw(id, occurredAt, p, "\"kind\":\"" + kind + "\"");
    }

    private static String raw(String id, String occurredAt, double[] at, String fields) {
        return String.format(
                Locale.ROOT,
                "{\"id\":\"%s\",%s,\"occurredAt\":\"%s\",\"lon\":%.6f,\"lat\":%.6f}",
                id,
                fields,
                occurredAt,
                at[0],
                at[1]);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> p, String topic, String value) {
        try {
            p.send(new ProducerRecord<>(topic, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    private static String scorecardQuery() {
        return "api/scorecard?layer="
                + LAYER
                + "&from=2018-07-01&to=2018-07-08&compare=previous-year";
    }

    private static JsonNode zone(JsonNode answer, String name) {
        for (JsonNode z : answer.path("zones")) {
            if (z.path("zone").asText().equals(name)) {
                return z;
            }
        }
        throw new AssertionError("no zone " + name + " in " + answer);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, DISPATCHER);
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(console.url() + pathAndQuery));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
