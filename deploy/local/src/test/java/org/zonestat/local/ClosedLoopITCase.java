package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.testutils.InternalMiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.console.open311.Open311Settings;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.console.tipline.TipLineSettings;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.notifier.EmailChannel;
import org.zonestat.notifier.Notifier;
import org.zonestat.notifier.NotifierSettings;
import org.zonestat.topics.Topics;

/**
 * The 311 loop closed end to end, with the real job on the MiniCluster, the embedded broker, the
 * console, the notifier and an SMTP server: a resident posts a request with an e-mail through
 * {@code POST /open311/v2/requests.json}; it reaches {@code requests311.raw}, is read back by id in
 * JSON and XML as {@code open}, is closed by a lifecycle update from the city's 311 system, and
 * exactly one e-mail arrives. The job is then restarted from a checkpoint taken <em>before</em> the
 * closure, so it writes the closure's notification a second time, and the notifier is restarted
 * too: still one e-mail. The resident's address and phone are on no topic but {@code contacts} and
 * in no read endpoint. The tip line's loop too: a tip posted on {@code /api/tips} goes through the
 * job's tip matching to a {@code tip-match} alert with the shooting near it, and to the analysts'
 * tip desk.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClosedLoopITCase {
    @RegisterExtension
    static final InternalMiniClusterExtension FLINK =
            new InternalMiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(retainCheckpoints())
                            .build());

    /** The JobManager keeps every checkpoint, so the restart can go back to an older one. */
    private static Configuration retainCheckpoints() {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1000);
        return c;
    }

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir static Path checkpoints;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2019-10-18T14:00:00Z");
    private static final String EMAIL = "ada.resident@loop.test";
    private static final String PHONE = "410-555-0142";
    private static final String API_KEY = "loop-api-key-0001";
    private static final String ANALYST = "loop-analyst-0001";

    private static GreenMail smtp;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void a_posted_request_closed_by_the_city_gets_one_email_and_none_after_a_restart()
            throws Exception {
        Topics t = Topics.defaults().withSuffix(".loop");
        JobConfig config = jobOn(t, "loop-it", Duration.ofMillis(400));
        Point inZone = focusZonePoint(0);
        double lon = inZone.getX();
        double lat = inZone.getY();
        // Every raw partition starts at T0 - 1 h, so the job's event time moves with all three.
        clockRecords(t, lon, lat, T0.minusSeconds(3600), "start");

        JobClient job = startJob(config, null);
        try (OpsConsole.Running console = startConsole(t);
                Notifier first = startNotifier(t)) {
            String id = post(console, lon, lat);
            // The contact went to contacts, with the request id as key. (Read at once: its record
            // carries the test's 2019 time, so the topic's one-year retention soon deletes it.)
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> readAllText(t.contacts()).contains(id));
            assertThat(readAllText(t.contacts())).contains(EMAIL, PHONE, id);

            JsonNode open = awaitRequest(console, id, "json");
            assertThat(open.path("status").asText()).isEqualTo("open");
            assertThat(open.path("service_code").asText()).isEqualTo("SW-DIRTY-ALLEY");
            String xml = get(console, "/open311/v2/requests/" + id + ".xml", null).body();
            assertThat(xml)
                    .startsWith("<?xml")
                    .contains("<service_request_id>" + id + "</service_request_id>")
                    .contains("<status>open</status>");

            // A checkpoint from before the closure: the restart below goes back to it.
            String before = awaitCheckpointAfter(job, -1);

            // The city's 311 system closes the request a day later; event time moves past it.
            send(
                    t.requests311(),
                    id,
                    T0.plus(Duration.ofDays(1)),
                    "{\"id\":\""
                            + id
                            + "\",\"type\":\"SW-Dirty Alley\",\"status\":\"Closed\","
                            + "\"occurredAt\":\""
                            + T0.plus(Duration.ofDays(1))
                            + "\","
                            + "\"lat\":"
                            + lat
                            + ",\"lon\":"
                            + lon
                            + "}");
            clockRecords(t, lon, lat, T0.plus(Duration.ofDays(1)).plusSeconds(3600), "closed");

            await().atMost(Duration.ofMinutes(2))
                    .until(() -> smtp.getReceivedMessages().length == 1);
            String mail = GreenMailUtil.getWholeMessage(smtp.getReceivedMessages()[0]);
            assertThat(mail)
                    .contains(
                            EMAIL, "Your 311 request " + id + " is closed", "Hello Ada Lovelace,");
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    awaitRequest(console, id, "json")
                                            .path("status")
                                            .asText()
                                            .equals("closed"));

            // Restart the job from the checkpoint before the closure, and the notifier with it.
            stop(job);
            first.close();
            JobClient restored = startJob(config, before);
            try (Notifier second = startNotifier(t)) {
                clockRecords(
                        t, lon, lat, T0.plus(Duration.ofDays(1)).plusSeconds(7200), "restarted");
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> notificationsOf(t, id).size() == 2);
                await().atMost(Duration.ofSeconds(60)).until(() -> second.stats().skipped() >= 1);
                assertThat(second.stats().delivered()).isZero();
            } finally {
                stop(restored);
            }
            List<JsonNode> notes = notificationsOf(t, id);
            assertThat(notes.get(0).path("notificationId").asText())
                    .as("the replayed closure has the same notification id")
                    .isEqualTo(notes.get(1).path("notificationId").asText());
            assertThat(notes)
                    .extracting(n -> n.path("channel").asText())
                    .as("the channel the resident chose, carried from the intake to the closure")
                    .containsOnly("email");
            assertThat(smtp.getReceivedMessages()).hasSize(1);

            // Contact details: on contacts only, and in no read endpoint.
            Map<String, String> topicsHolding = new LinkedHashMap<>();
            for (String topic : allTopics(t)) {
                String text = readAllText(topic);
                for (String secret : List.of(EMAIL, PHONE)) {
                    if (text.contains(secret)) {
                        topicsHolding.merge(topic, secret, (a, b) -> a + "," + b);
                    }
                }
            }
            assertThat(topicsHolding.keySet()).isSubsetOf(t.contacts());
            for (String path :
                    List.of(
                            "/open311/v2/requests/" + id + ".json",
                            "/open311/v2/requests/" + id + ".xml",
                            "/open311/v2/requests.json?service_request_id=" + id,
                            "/open311/v2/requests.xml?service_request_id=" + id,
                            "/open311/v2/tokens/" + id + ".json")) {
                for (String token : new String[] {null, ANALYST}) {
                    String body = get(console, path, token).body();
                    assertThat(body).contains(id).doesNotContain(EMAIL, PHONE, "Ada");
                }
            }
        } finally {
            stop(job);
        }
    }

    @Test
    void a_tip_from_the_tip_line_is_matched_with_the_shooting_near_it_and_reaches_the_analysts()
            throws Exception {
        Topics t = Topics.defaults().withSuffix(".tipmatch");
        JobConfig config = jobOn(t, "tip-match-it", Duration.ofSeconds(1));
        Point inZone = focusZonePoint(1);
        double lon = inZone.getX();
        double lat = inZone.getY();
        clockRecords(t, lon, lat, T0.minusSeconds(3600), "start");

        JobClient job = startJob(config, null);
        try (OpsConsole.Running console = startConsole(t)) {
            // A shooting half an hour before the tip line's clock, at the place the tip names.
            send(
                    t.incidents(),
                    "S-TIP-1",
                    T0.minus(Duration.ofMinutes(30)),
                    "{\"id\":\"S-TIP-1\",\"kind\":\"SHOOTING\",\"occurredAt\":\""
                            + T0.minus(Duration.ofMinutes(30))
                            + "\",\"lat\":"
                            + lat
                            + ",\"lon\":"
                            + lon
                            + "}");
            HttpResponse<String> posted =
                    http.send(
                            HttpRequest.newBuilder(console.url().resolve("/api/tips"))
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"category\":\"GUNS\",\"lat\":"
                                                            + lat
                                                            + ",\"lon\":"
                                                            + lon
                                                            + ",\"text\":\"Saw a man hide a gun"
                                                            + " behind the corner store\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
            String tipNumber = JSON.readTree(posted.body()).path("tipNumber").asText();
            assertThat(tipNumber).isNotBlank();
            String tipId =
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> tipLineTipId(t), id -> id != null);
            clockRecords(t, lon, lat, T0.plus(Duration.ofDays(3)), "after");

            JsonNode match =
                    await().atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> tipMatch(t, tipId, "S-TIP-1"), m -> m != null);
            assertThat(match.path("category").asText()).isEqualTo("GUNS / SHOOTING");
            assertThat(match.path("distanceMeters").asDouble())
                    .as("the tip line rounds the place to about 100 m")
                    .isLessThan(100);

            JsonNode desk = JSON.readTree(get(console, "/api/tips", ANALYST).body());
            assertThat(desk.toString()).contains(tipNumber, "Saw a man hide a gun");
            assertThat(get(console, "/api/tips", API_KEY).statusCode())
                    .as("the public never sees tips")
                    .isEqualTo(403);
        } finally {
            stop(job);
        }
    }

    /** The id the tip line gave its tip on {@code tips.raw}, or null before it is there. */
    private static String tipLineTipId(Topics t) throws Exception {
        for (String line : readAll(t.tips())) {
            JsonNode tip = JSON.readTree(line);
            if (tip.path("source").asText().equals("tip-line")) {
                return tip.path("id").asText();
            }
        }
        return null;
    }

    /**
     * The tip-match alert pairing the tip {@code tipId} with the incident {@code incidentId}, or
     * null before it is there.
     */
    private static JsonNode tipMatch(Topics t, String tipId, String incidentId) throws Exception {
        for (String line : readAll(t.alerts())) {
            JsonNode a = JSON.readTree(line);
            if (a.path("type").asText().equals("tip-match")
                    && a.path("subjectId").asText().contains(tipId)
                    && a.path("relatedId").asText().endsWith("/" + incidentId)) {
                return a;
            }
        }
        return null;
    }

    /** Creates {@code t}'s topics and returns a job configuration reading and writing them. */
    private static JobConfig jobOn(Topics t, String groupId, Duration checkpointInterval) {
        KAFKA.broker().createTopics(t.newTopics(1, (short) 1));
        return JobConfig.defaults(KAFKA.bootstrapServers())
                .withTopics(t)
                .withGroupId(groupId)
                .withCheckpointInterval(checkpointInterval);
    }

    /** A point inside Baltimore's focus zone number {@code index}. */
    private static Point focusZonePoint(int index) {
        return ZoneCatalog.load(CityProfiles.shipped("baltimore").layers())
                .layer("vri-zones")
                .orElseThrow()
                .zone(index)
                .geometry()
                .getInteriorPoint();
    }

    /** Cancels a running job; a job that already failed has its cause thrown, to be seen. */
    private static void stop(JobClient job) throws Exception {
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            try {
                job.getJobExecutionResult().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof java.util.concurrent.CancellationException)
                        && !String.valueOf(e.getCause()).contains("cancel")) {
                    throw new AssertionError("the job failed", e.getCause());
                }
            }
            return;
        }
        job.cancel().get();
    }

    private static JobClient startJob(JobConfig config, String restoreFrom) throws Exception {
        Configuration flink = ZoneTaggingJob.flinkConfiguration(config);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        flink.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restoreFrom != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env =
                new TestStreamEnvironment(FLINK.getMiniCluster(), flink, 1, List.of(), List.of());
        env.configure(flink);
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        env.setParallelism(1);
        ZoneTaggingJob.withKafka(config).build(env);
        return env.executeAsync("closed-loop-it");
    }

    /** The external path of a checkpoint completed after {@code afterId}. */
    private static String awaitCheckpointAfter(JobClient job, long afterId) {
        String[] path = new String[1];
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            CheckpointStatsSnapshot stats =
                                    FLINK.getMiniCluster()
                                            .getExecutionGraph(job.getJobID())
                                            .get()
                                            .getCheckpointStatsSnapshot();
                            CompletedCheckpointStats latest =
                                    stats == null
                                            ? null
                                            : stats.getHistory().getLatestCompletedCheckpoint();
                            if (latest == null || latest.getCheckpointId() <= afterId) {
                                return false;
                            }
                            path[0] = latest.getExternalPath();
                            return path[0] != null;
                        });
        return path[0];
    }

    private static OpsConsole.Running startConsole(Topics t) {
        return OpsConsole.builder()
                .bootstrapServers(KAFKA.bootstrapServers())
                .port(0)
                .tokens(AccessTokens.of(Map.of(API_KEY, Role.PUBLIC, ANALYST, Role.ANALYST)))
                .eventsTopic(t.events())
                .analyticsTopics(t.alerts(), t.hotspots())
                .zonesTopic(t.zones())
                .pipelineTopics(t.raw(), t.rejected(), "loop-it")
                .huddle(
                        HuddleSettings.defaults()
                                .withTopics(t.zoneStats(), t.hotspots(), t.actionItems()))
                .open311(
                        Open311Settings.defaults()
                                .withTopics(t.requests311(), t.contacts())
                                .withClock(Clock.fixed(T0, ZoneOffset.UTC)))
                .tipLine(
                        TipLineSettings.defaults()
                                .withTopics(t.tips(), t.tipLine())
                                .withClock(Clock.fixed(T0, ZoneOffset.UTC)))
                .config(org.zonestat.console.ConsoleConfig.defaults().withWarmUpZones(false))
                .start();
    }

    private static Notifier startNotifier(Topics t) {
        return new Notifier(
                        NotifierSettings.defaults(
                                        KAFKA.bootstrapServers(),
                                        List.of(
                                                new EmailChannel(
                                                        EmailChannel.Smtp.plain(
                                                                "127.0.0.1",
                                                                smtp.getSmtp().getPort(),
                                                                "311@city.test"))))
                                .withTopics(t)
                                .withGroupId("loop-notifier"))
                .start();
    }

    private String post(OpsConsole.Running console, double lon, double lat) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", API_KEY);
        form.put("service_code", "SW-DIRTY-ALLEY");
        form.put("lat", String.valueOf(lat));
        form.put("long", String.valueOf(lon));
        form.put("email", EMAIL);
        form.put("phone", PHONE);
        form.put("first_name", "Ada");
        form.put("last_name", "Lovelace");
        form.put("description", "Trash all along the alley behind the row houses");
        String body =
                form.entrySet().stream()
                        .map(
                                e ->
                                        e.getKey()
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(console.url().resolve("/open311/v2/requests.json"))
                                .header(
                                        "Content-Type",
                                        "application/x-www-form-urlencoded; charset=utf-8")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body()).get(0);
        assertThat(answer.path("service_notice").asText())
                .startsWith("Expected by 2019-10-25T10:00:00-04:00");
        return answer.path("service_request_id").asText();
    }

    private JsonNode awaitRequest(OpsConsole.Running console, String id, String ext) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            HttpResponse<String> r =
                                    get(console, "/open311/v2/requests/" + id + "." + ext, null);
                            if (r.statusCode() != 200) {
                                return false;
                            }
                            found[0] = JSON.readTree(r.body()).get(0);
                            return true;
                        });
        return found[0];
    }

    private HttpResponse<String> get(OpsConsole.Running console, String path, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(console.url().resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An incident, a tip and another request at {@code at}: each raw partition's time moves on. */
    private static void clockRecords(Topics t, double lon, double lat, Instant at, String tag) {
        String where = ",\"lat\":" + lat + ",\"lon\":" + lon + "}";
        send(
                t.incidents(),
                "clock-" + tag,
                at,
                "{\"id\":\"clock-"
                        + tag
                        + "\",\"kind\":\"OTHER\",\"occurredAt\":\""
                        + at
                        + "\""
                        + where);
        send(
                t.tips(),
                "clock-" + tag,
                at,
                "{\"id\":\"clock-"
                        + tag
                        + "\",\"category\":\"OTHER\",\"occurredAt\":\""
                        + at
                        + "\""
                        + where);
        send(
                t.requests311(),
                "clock-" + tag,
                at,
                "{\"id\":\"clock-"
                        + tag
                        + "\",\"type\":\"SW-Boarding\",\"status\":\"New\",\"occurredAt\":\""
                        + at
                        + "\""
                        + where);
    }

    private static void send(String topic, String key, Instant at, String value) {
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value));
        }
    }

    private static List<JsonNode> notificationsOf(Topics t, String id) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : readAll(t.notifications())) {
            JsonNode n = JSON.readTree(line);
            if (n.path("requestId").asText().equals(id)) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<String> allTopics(Topics t) {
        List<String> all = new ArrayList<>(t.streams());
        all.addAll(t.compacted());
        return all;
    }

    private static String readAllText(String topic) {
        return String.join("\n", readAll(topic));
    }

    private static List<String> readAll(String topic) {
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<String> out = new ArrayList<>();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        out.add(r.value());
                    }
                }
            }
            return out;
        }
    }
}
