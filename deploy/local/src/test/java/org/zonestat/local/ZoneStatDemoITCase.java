package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.Role;
import org.zonestat.kafka.TopicContents;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;

/**
 * The one-process demo with Baltimore's real history only ({@code --feed history}), on free ports:
 * every record reconciles, and a restart keeps the history.
 */
class ZoneStatDemoITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void demoServesZonesAndTaggedEventsAndKeepsItsHistoryAcrossARestart(@TempDir Path dataDir)
            throws Exception {
        DemoOptions options =
                new DemoOptions(
                        dataDir,
                        0,
                        0,
                        0,
                        DemoOptions.DemoFeed.HISTORY,
                        2,
                        0,
                        CityProfiles.shipped("baltimore"),
                        1,
                        Clock.fixed(Instant.parse("2019-10-22T12:00:00Z"), ZoneOffset.UTC));
        Map<Feed, Long> publishedFirstRun;
        String token;
        try (ZoneStatDemo demo = new ZoneStatDemo(options).start()) {
            token = demo.tokens().tokenFor(Role.DISPATCHER).orElseThrow();
            String base = "http://127.0.0.1:" + demo.consolePort();

            await("health 200 once the job runs")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> get(base + "/api/health", null).statusCode() == 200);
            HttpResponse<String> zones = get(base + "/api/zones?layer=neighborhoods", token);
            assertThat(zones.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(zones.body()).get("features")).hasSize(278);

            // A live client connected before the feed has run through sees events tagged by the
            // job.
            List<JsonNode> received = new CopyOnWriteArrayList<>();
            WebSocket socket =
                    http.newWebSocketBuilder()
                            .buildAsync(
                                    URI.create(
                                            "ws://127.0.0.1:"
                                                    + demo.consolePort()
                                                    + "/ws/live?token="
                                                    + token),
                                    new Collecting(received))
                            .get(30, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"subscribe\",\"messages\":[\"event\"]}", true)
                    .get(30, TimeUnit.SECONDS);

            // The real feed (3,479 + 515 incidents, 3,000 311 requests as 5,099 lifecycle records)
            // is published and reaches the console through the Flink job.
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> eventsSeen(base) >= 8_000);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> taggedEvents(received).size() >= 100);
            socket.abort();
            JsonNode sample = taggedEvents(received).get(0);
            assertThat(sample.get("zones").has("neighborhoods")).isTrue();
            assertThat(sample.get("zones").has("police-districts-1959")).isTrue();
            assertThat(sample.get("h3").asText()).hasSize(15);
            try (FeedReplayer probe =
                    new FeedReplayer(
                            demo.bootstrapServers(),
                            FeedReplayer.defaultTopics(),
                            0,
                            Duration.ZERO)) {
                publishedFirstRun = probe.alreadyPublished();
            }
            assertThat(publishedFirstRun)
                    .containsEntry(Feed.INCIDENTS, 3_479L + 515L)
                    .containsEntry(Feed.REQUESTS311, 5_099L);

            // The console reconciles the pipeline: every raw record read by the job is accepted or
            // rejected, and the rejections are counted by reason.
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                JsonNode p =
                                        JSON.readTree(get(base + "/api/pipeline", token).body());
                                return p.get("inTotal").asLong() == 9_093
                                        && p.get("pending").asLong() == 0;
                            });
            long distinctEvents = distinctEventIds(demo.bootstrapServers());
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    JSON.readTree(get(base + "/api/pipeline", token).body())
                                                    .get("rejected")
                                                    .asLong()
                                            == 9_093 - distinctEvents);
            JsonNode pipeline = JSON.readTree(get(base + "/api/pipeline", token).body());
            System.out.println(
                    "pipeline after the Baltimore feed: "
                            + pipeline
                            + "; distinct events "
                            + distinctEvents);
            assertThat(pipeline.get("rejectedByReason").get("missing-location").asLong())
                    .isPositive();
            assertThat(pipeline.get("eventsRecords").asLong())
                    .isGreaterThanOrEqualTo(distinctEvents);
            assertThat(get(base + "/api/pipeline", null).statusCode()).isEqualTo(401);

            // The job's zone-stats, hotspots and 311 records reach the scorecard, huddle and
            // Open311.
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () ->
                                    metric(
                                                    get(base + "/metrics", token).body(),
                                                    "zonestat_scorecard_zone_days")
                                            > 0);
            JsonNode huddle = JSON.readTree(get(base + "/api/huddle", token).body()).get("huddle");
            assertThat(huddle.get("zones")).hasSize(8);
            JsonNode scorecard =
                    JSON.readTree(
                            get(
                                            base
                                                    + "/api/scorecard?layer=vri-zones&from=2012-01-01"
                                                    + "&to=2014-12-31",
                                            token)
                                    .body());
            long shootings = 0;
            for (JsonNode z : scorecard.get("zones")) {
                shootings += z.get("total").asLong();
            }
            System.out.println(
                    "scorecard: VRI zones 2012-2014 homicides + shootings "
                            + shootings
                            + "; huddle day "
                            + huddle.get("date").asText());
            assertThat(shootings).isPositive();
            assertThat(
                            JSON.readTree(
                                    get(base + "/open311/v2/requests.json?status=closed", null)
                                            .body()))
                    .isNotEmpty();
        }

        try (ZoneStatDemo demo = new ZoneStatDemo(options).start()) {
            assertThat(demo.tokens().tokenFor(Role.DISPATCHER)).contains(token);
            String base = "http://127.0.0.1:" + demo.consolePort();
            // The console refills its recent-events buffer from the kept events topic.
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () ->
                                    JSON.readTree(get(base + "/api/health", null).body())
                                                    .path("recentEvents")
                                                    .asInt()
                                            == ZoneStatDemo.RECENT_EVENTS);
            try (FeedReplayer probe =
                    new FeedReplayer(
                            demo.bootstrapServers(),
                            FeedReplayer.defaultTopics(),
                            0,
                            Duration.ZERO)) {
                assertThat(probe.alreadyPublished())
                        .as("a restart resumes the replay instead of repeating it")
                        .isEqualTo(publishedFirstRun);
            }
        }
    }

    /** A metric's value in Prometheus text (one sample without labels), or -1 if absent. */
    private static double metric(String prometheusText, String name) {
        return prometheusText
                .lines()
                .filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst()
                .orElse(-1);
    }

    /** Distinct event ids in the whole events topic. */
    private static long distinctEventIds(String bootstrap) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put(
                "key.deserializer",
                org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        p.put(
                "value.deserializer",
                org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> c =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(p)) {
            TopicContents.readFromBeginning(
                    c, "events", Duration.ofSeconds(60), r -> ids.add(r.key()));
        }
        return ids.size();
    }

    /** The events in every snapshot and event message received so far. */
    private static List<JsonNode> taggedEvents(List<JsonNode> messages) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : messages) {
            switch (m.path("type").asText()) {
                case "snapshot" -> m.path("events").forEach(out::add);
                case "event" -> out.add(m.get("event"));
                default -> throw new AssertionError("unexpected message type: " + m);
            }
        }
        return out;
    }

    /** Collects each whole text message as JSON. */
    private static final class Collecting implements WebSocket.Listener {
        private final List<JsonNode> received;
        private final StringBuilder partial = new StringBuilder();

        Collecting(List<JsonNode> received) {
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private long eventsSeen(String base) throws Exception {
        JsonNode health = JSON.readTree(get(base + "/api/health", null).body());
        return health.path("eventsSeen").asLong(health.path("events").path("seen").asLong(0));
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
