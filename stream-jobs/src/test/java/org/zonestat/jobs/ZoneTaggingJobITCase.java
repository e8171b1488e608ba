package org.zonestat.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.testing.KafkaTopics;
import org.zonestat.jobs.testing.RawJson;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.csv.CsvTable;
import org.zonestat.topics.Topics;

/** The zone-tagging job on a Flink MiniCluster against a real embedded KRaft broker. */
class ZoneTaggingJobITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void realPart1RowsAreTaggedWithTheirOwnPoliceDistrict(TestInfo info) throws Exception {
        JobConfig config = freshTopics(info);
        AdapterResult rows = BaltimoreData.part1Of2018();
        assertThat(rows.problems()).as("rows the adapter could not read").isEmpty();
        assertThat(rows.events().size()).isEqualTo(515);
        publish(config, rows);

        runBounded(config);

        List<JsonNode> events =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().events());
        List<JsonNode> rejected =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().rejected());

        // Every row is accounted for exactly once: in events or in rejected.
        Set<String> eventIds =
                events.stream().map(e -> e.get("recordId").asText()).collect(Collectors.toSet());
        Set<String> rejectedIds = new HashSet<>();
        for (JsonNode r : rejected) {
            rejectedIds.add(JSON.readTree(r.get("original").asText()).get("id").asText());
        }
        assertThat(events.size() + rejected.size()).isEqualTo(515);
        Set<String> all = new HashSet<>(eventIds);
        all.addAll(rejectedIds);
        assertThat(all).hasSize(515);

        Map<String, String> districtById = ownDistricts();
        long agree =
                events.stream()
                        .filter(
                                e ->
                                        districtById
                                                .get(e.get("recordId").asText())
                                                .equalsIgnoreCase(
                                                        e.path("zones")
                                                                .path("police-districts-1959")
                                                                .asText("")))
                        .count();
        System.out.printf(
                "police district (1959-2022 layer) agrees with the row's District for %d of %d rows; "
                        + "%d rejected%n",
                agree, 515, rejected.size());
        assertThat(agree).isGreaterThanOrEqualTo(508);

        JsonNode first = events.get(0);
        assertThat(first.get("h3").asText()).hasSize(15);
        assertThat(first.get("zones").has("neighborhoods")).isTrue();
        assertThat(first.get("stream").asText()).isEqualTo("incident");
        assertThat(first.get("layers").get("neighborhoods").asInt()).isEqualTo(1);

        // Near-repeat alerts: one per pair of shootings/homicides within 400 m and 14 days,
        // checked against an all-pairs count over the tagged events.
        List<JsonNode> alerts =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().alerts());
        Set<String> nearRepeatIds =
                alerts.stream()
                        .filter(a -> a.get("type").asText().equals("near-repeat"))
                        .map(a -> a.get("alertId").asText())
                        .collect(Collectors.toSet());
        long pairs = 0;
        for (int i = 0; i < events.size(); i++) {
            for (int j = i + 1; j < events.size(); j++) {
                JsonNode a = events.get(i);
                JsonNode b = events.get(j);
                long days =
                        Math.abs(
                                Duration.between(
                                                Instant.parse(a.get("occurredAt").asText()),
                                                Instant.parse(b.get("occurredAt").asText()))
                                        .toMillis());
                if (days <= Duration.ofDays(14).toMillis()
                        && Distances.meters(
                                        a.get("lon").asDouble(),
                                        a.get("lat").asDouble(),
                                        b.get("lon").asDouble(),
                                        b.get("lat").asDouble())
                                <= 400) {
                    pairs++;
                }
            }
        }
        System.out.printf(
                "near-repeat alerts on the 2018 rows: %d (all-pairs count %d)%n",
                nearRepeatIds.size(), pairs);
        assertThat(nearRepeatIds).hasSize((int) pairs);

        // The daily scorecard counts every tagged event once per layer it is in, per local day.
        List<JsonNode> stats =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().zoneStats());
        assertThat(stats).isNotEmpty();
        assertThat(stats)
                .as("each day names the layer version its events were tagged with (configured: 1)")
                .allSatisfy(d -> assertThat(d.path("layerVersion").asInt()).isEqualTo(1));
        Map<String, Long> homicidesInDistricts = new HashMap<>();
        stats.stream()
                .filter(d -> d.get("layer").asText().equals("police-districts-1959"))
                .forEach(
                        d ->
                                homicidesInDistricts.merge(
                                        "all",
                                        d.get("homicides").asLong()
                                                + d.get("shootings").asLong()
                                                + d.get("otherViolent").asLong(),
                                        Long::sum));
        assertThat(homicidesInDistricts.get("all"))
                .as("every row counted once on the district days")
                .isEqualTo(
                        events.stream()
                                .filter(e -> e.path("zones").has("police-districts-1959"))
                                .count());
        Map<String, Long> hotspotTypes =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().hotspots()).stream()
                        .collect(
                                Collectors.groupingBy(
                                        h -> h.get("type").asText(), Collectors.counting()));
        System.out.printf("hotspots topic on the 2018 rows: %s%n", hotspotTypes);
        assertThat(hotspotTypes)
                .containsOnlyKeys(
                        "risk-halo",
                        "hotspot-cell",
                        "hotspot-window",
                        "zone-window-counts",
                        "forecast-score");
        assertThat(hotspotTypes.get("risk-halo")).isEqualTo(515L);
    }

    @Test
    void the311ExportClosesEachLoopOnceAndRaisesOverdueAlerts(TestInfo info) throws Exception {
        JobConfig config = freshTopics(info);
        AdapterResult requests = BaltimoreData.requests311Of2019();
        publish(config, requests);

        runBounded(config);

        // Expected: every request whose last status in the input is a closure and that the pipeline
        // accepted (it has a location inside the city: 150 rows have none, a few lie past the city
        // line).
        Map<String, String> lastStatus = new HashMap<>();
        for (org.zonestat.sim.RawEvent e : requests.events()) {
            JsonNode n = JSON.readTree(e.json());
            lastStatus.put(n.get("id").asText(), n.get("status").asText());
        }
        Set<String> accepted =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().events()).stream()
                        .map(e -> e.get("recordId").asText())
                        .collect(Collectors.toSet());
        Set<String> closed =
                lastStatus.entrySet().stream()
                        .filter(
                                en ->
                                        en.getValue().startsWith("Closed")
                                                && accepted.contains(en.getKey()))
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());

        List<JsonNode> notifications =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().notifications());
        List<String> notified =
                notifications.stream().map(n -> n.get("requestId").asText()).toList();
        assertThat(notified).doesNotHaveDuplicates();
        assertThat(notified).containsExactlyInAnyOrderElementsOf(closed);

        List<JsonNode> overdue =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().alerts()).stream()
                        .filter(a -> a.get("type").asText().equals("overdue-311"))
                        .toList();
        long priority = overdue.stream().filter(a -> a.path("priority").asBoolean()).count();
        System.out.printf(
                "311 export: %d requests, %d closed with a location -> %d notifications; %d overdue alerts "
                        + "(%d priority, in a VRI zone)%n",
                lastStatus.size(), closed.size(), notifications.size(), overdue.size(), priority);
        assertThat(overdue).isNotEmpty();
        assertThat(priority).isPositive().isLessThan(overdue.size());

        checkZoneWorkload(config, overdue);
    }

    /**
     * The per-zone 311 workload in {@code zone-stats}, summed over the police districts (which tile
     * the city), against the same counts worked out from the accepted events: a request is open
     * from its first report to its closure, and each overdue alert counts once.
     */
    private static void checkZoneWorkload(JobConfig config, List<JsonNode> overdueAlerts)
            throws Exception {
        String layer = "police-districts";
        Map<String, JsonNode> latestByKey = new HashMap<>();
        for (JsonNode d :
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().zoneStats())) {
            if (d.get("layer").asText().equals(layer)) {
                latestByKey.put(d.get("zone").asText() + "/" + d.get("day").asText(), d);
            }
        }
        long overdueInDistricts =
                overdueAlerts.stream().filter(a -> a.path("zones").has(layer)).count();
        assertThat(
                        latestByKey.values().stream()
                                .mapToLong(d -> d.get("requestsOverdue").asLong())
                                .sum())
                .as("requests that became overdue, summed over districts and days")
                .isEqualTo(overdueInDistricts);

        // Each accepted request's span: first report to the closure, when its latest update is one.
        Map<String, Instant> firstReport = new HashMap<>();
        Map<String, JsonNode> latest = new HashMap<>();
        for (JsonNode e :
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().events())) {
            if (!e.path("zones").has(layer)) {
                continue;
            }
            String id = e.get("recordId").asText();
            Instant at = Instant.parse(e.get("occurredAt").asText());
            firstReport.merge(id, at, (a, b) -> a.isBefore(b) ? a : b);
            latest.merge(
                    id,
                    e,
                    (a, b) ->
                            Instant.parse(b.get("occurredAt").asText())
                                                    .isAfter(
                                                            Instant.parse(
                                                                    a.get("occurredAt").asText()))
                                            || (b.get("occurredAt")
                                                            .asText()
                                                            .equals(a.get("occurredAt").asText())
                                                    && b.get("status")
                                                            .asText()
                                                            .startsWith("Closed"))
                                    ? b
                                    : a);
        }
        java.util.TreeSet<String> days = new java.util.TreeSet<>();
        latestByKey.values().forEach(d -> days.add(d.get("day").asText()));
        int checked = 0;
        long busiest = 0;
        for (String day : days) {
            Instant end =
                    Instant.parse(
                            latestByKey.values().stream()
                                    .filter(d -> d.get("day").asText().equals(day))
                                    .findFirst()
                                    .orElseThrow()
                                    .get("until")
                                    .asText());
            if (end.isAfter(Instant.parse("2020-01-01T00:00:00Z"))) {
                break; // past the export's weeks: the days where the bounded run forgot open
                // requests
            }
            long expected =
                    firstReport.entrySet().stream()
                            .filter(r -> r.getValue().isBefore(end))
                            .filter(
                                    r -> {
                                        JsonNode last = latest.get(r.getKey());
                                        return !last.get("status").asText().startsWith("Closed")
                                                || !Instant.parse(last.get("occurredAt").asText())
                                                        .isBefore(end);
                                    })
                            .count();
            long fromZoneStats = 0;
            for (String zone :
                    latestByKey.values().stream()
                            .map(d -> d.get("zone").asText())
                            .distinct()
                            .toList()) {
                fromZoneStats +=
                        latestByKey.entrySet().stream()
                                .filter(
                                        en ->
                                                en.getKey().startsWith(zone + "/")
                                                        && en.getValue()
                                                                        .get("day")
                                                                        .asText()
                                                                        .compareTo(day)
                                                                <= 0)
                                .max(Map.Entry.comparingByKey())
                                .map(en -> en.getValue().get("openAtEnd").asLong())
                                .orElse(0L);
            }
            assertThat(fromZoneStats)
                    .as("open 311 requests at the end of %s, over all districts", day)
                    .isEqualTo(expected);
            busiest = Math.max(busiest, expected);
            checked++;
        }
        System.out.printf(
                "zone-stats 311 workload: open requests at day end match the events on %d days "
                        + "(at most %d open); %d became overdue%n",
                checked, busiest, overdueInDistricts);
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void aZoneLayerPublishedWhileTheJobRunsTagsLaterEventsWithoutARestart(TestInfo info)
            throws Exception {
        JobConfig config = freshTopics(info).withBounded(false);
        StreamExecutionEnvironment env = ZoneTaggingJob.environment(config);
        env.setParallelism(2);
        ZoneTaggingJob.withKafka(config).build(env);
        JobClient job = env.executeAsync("zone-layer-update-it");
        try {
            // A planner draws a new focus zone around City Hall (-76.6107, 39.2909).
            String layer =
                    "{\"title\":\"Focus zones\",\"nameProperty\":\"name\",\"version\":2,"
                            + "\"featureCollection\":{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                            + "\"properties\":{\"name\":\"City Hall focus\"},\"geometry\":{\"type\":\"Polygon\","
                            + "\"coordinates\":[[[-76.62,39.28],[-76.60,39.28],[-76.60,39.30],[-76.62,39.30],[-76.62,39.28]]]}}]}}";
            KafkaTopics.produceKeyed(
                    KAFKA.bootstrapServers(), config.topics().zones(), "focus-zones", layer);

            // Events keep arriving; one of them is soon tagged with the new layer (the wait covers
            // the job's start on a busy 2-core machine).
            long received = Instant.parse("2019-10-21T12:00:00Z").toEpochMilli();
            AtomicInteger probes = new AtomicInteger();
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> {
                                String id = "probe-" + probes.incrementAndGet();
                                KafkaTopics.produce(
                                        KAFKA.bootstrapServers(),
                                        config.topics().incidents(),
                                        received,
                                        List.of(
                                                "{\"id\":\""
                                                        + id
                                                        + "\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2019-10-21T11:00:00Z\","
                                                        + "\"lat\":39.2909,\"lon\":-76.6107}"));
                                return KafkaTopics.readJson(
                                                KAFKA.bootstrapServers(), config.topics().events())
                                        .stream()
                                        .anyMatch(
                                                e ->
                                                        e.path("zones")
                                                                        .path("focus-zones")
                                                                        .asText()
                                                                        .equals("City Hall focus")
                                                                && e.path("layers")
                                                                                .path("focus-zones")
                                                                                .asInt()
                                                                        == 2);
                            });
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void everyBadRecordLandsInRejectedWithItsReasonAndOriginalText(TestInfo info) throws Exception {
        JobConfig config = freshTopics(info);
        long received = Instant.parse("2018-07-08T00:00:00Z").toEpochMilli();
        String ok =
                "{\"id\":\"ok-1\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T23:53:00-04:00\","
                        + "\"lat\":39.34782,\"lon\":-76.58727}";
        Map<String, String> badByReason = new HashMap<>();
        badByReason.put("malformed-json", "{\"id\":\"b1\",");
        badByReason.put(
                "missing-field",
                "{\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T20:00:00Z\",\"lat\":39.3,\"lon\":-76.6}");
        badByReason.put(
                "invalid-field",
                "{\"id\":\"b3\",\"kind\":\"SHOOTING\",\"occurredAt\":\"yesterday\",\"lat\":39.3,\"lon\":-76.6}");
        badByReason.put(
                "unknown-kind",
                "{\"id\":\"b4\",\"kind\":\"JAYWALKING\",\"occurredAt\":\"2018-07-07T20:00:00Z\",\"lat\":39.3,\"lon\":-76.6}");
        badByReason.put(
                "missing-location",
                "{\"id\":\"b5\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T20:00:00Z\"}");
        badByReason.put(
                "zero-coordinates",
                "{\"id\":\"b6\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T20:00:00Z\",\"lat\":0,\"lon\":0}");
        badByReason.put(
                "swapped-coordinates",
                "{\"id\":\"b7\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T20:00:00Z\",\"lat\":-76.6107,\"lon\":39.2909}");
        badByReason.put(
                "outside-zones",
                "{\"id\":\"b8\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T20:00:00Z\",\"lat\":40.7128,\"lon\":-74.006}");
        badByReason.put(
                "future-timestamp",
                "{\"id\":\"b9\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2030-01-01T00:00:00Z\",\"lat\":39.3,\"lon\":-76.6}");
        List<String> values = new java.util.ArrayList<>(badByReason.values());
        values.add(ok);
        // The same event again: same id, so a duplicate of ok-1 (the original text differs in
        // spacing).
        String again = ok.replace(",", ", ");
        badByReason.put("duplicate", again);
        values.add(again);
        KafkaTopics.produce(
                KAFKA.bootstrapServers(), config.topics().incidents(), received, values);

        runBounded(config);

        List<JsonNode> events =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().events());
        List<JsonNode> rejected =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().rejected());
        assertThat(events).extracting(e -> e.get("recordId").asText()).containsExactly("ok-1");
        assertThat(rejected).hasSize(badByReason.size());
        for (JsonNode r : rejected) {
            String reason = r.get("reason").asText();
            assertThat(badByReason).containsKey(reason);
            assertThat(r.get("original").asText()).as(reason).isEqualTo(badByReason.get(reason));
            assertThat(r.get("detail").asText()).as(reason).isNotBlank();
            assertThat(r.get("sourceTopic").asText()).isEqualTo(config.topics().incidents());
        }
        assertThat(rejected)
                .extracting(r -> r.get("reason").asText())
                .containsExactlyInAnyOrderElementsOf(badByReason.keySet());
    }

    @Test
    void aRecordMoreThanTheAllowedLatenessBehindTheStreamIsRejectedAsLateAndOneWithinItIsCounted(
            TestInfo info) throws Exception {
        JobConfig config =
                freshTopics(info).withBounded(false).withCheckpointInterval(Duration.ofSeconds(1));
        String topic = config.topics().incidents();
        StreamExecutionEnvironment env = ZoneTaggingJob.environment(config);
        env.setParallelism(2);
        ZoneTaggingJob.withKafka(config).build(env);
        JobClient job = env.executeAsync("late-record-it");
        try {
            // One partition carries the stream, the other stays idle (and stops holding time back).
            long received = Instant.parse("2018-07-10T00:00:00Z").toEpochMilli();
            produceToPartition0(
                    topic,
                    received,
                    RawJson.shooting("on-time", "2018-07-05T16:00:00Z"),
                    RawJson.shooting("moves-time-on", "2018-07-09T16:00:00Z"));
            // The 07-05 scorecard is final once the watermark (07-09 15:50, 10 min out of order)
            // has
            // passed 07-06 plus a day; then parse has seen that watermark too.
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () ->
                                    KafkaTopics.readJson(
                                                    KAFKA.bootstrapServers(),
                                                    config.topics().zoneStats())
                                            .stream()
                                            .anyMatch(
                                                    d ->
                                                            d.get("day")
                                                                    .asText()
                                                                    .equals("2018-07-05")));

            produceToPartition0(
                    topic,
                    received,
                    RawJson.shooting(
                            "too-late",
                            "2018-07-08T12:00:00Z"), // 27 h 50 min behind: its day is final
                    RawJson.shooting(
                            "late-but-allowed", "2018-07-08T20:00:00Z")); // 19 h 50 min behind
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () ->
                                    KafkaTopics.readJson(
                                                                    KAFKA.bootstrapServers(),
                                                                    config.topics().rejected())
                                                            .size()
                                                    == 1
                                            && KafkaTopics.readJson(
                                                            KAFKA.bootstrapServers(),
                                                            config.topics().events())
                                                    .stream()
                                                    .anyMatch(
                                                            e ->
                                                                    e.get("recordId")
                                                                            .asText()
                                                                            .equals(
                                                                                    "late-but-allowed")));
        } finally {
            job.cancel().get();
        }
        JsonNode late =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().rejected()).get(0);
        assertThat(late.get("reason").asText()).isEqualTo("late");
        assertThat(late.get("original").asText()).contains("too-late");
        assertThat(late.get("detail").asText())
                .contains("2018-07-08T12:00:00Z", "2018-07-09T15:49:59.999Z");
        assertThat(KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().events()))
                .extracting(e -> e.get("recordId").asText())
                .containsExactlyInAnyOrder("on-time", "moves-time-on", "late-but-allowed");
    }

    private static void produceToPartition0(String topic, long timestamp, String... values) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(
                "key.serializer",
                org.apache.kafka.common.serialization.StringSerializer.class.getName());
        p.put(
                "value.serializer",
                org.apache.kafka.common.serialization.StringSerializer.class.getName());
        try (var producer =
                new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p)) {
            for (String v : values) {
                producer.send(
                        new org.apache.kafka.clients.producer.ProducerRecord<>(
                                topic, 0, timestamp, null, v));
            }
            producer.flush();
        }
    }

    private static JobConfig freshTopics(TestInfo info) {
        String suffix = "." + info.getTestMethod().orElseThrow().getName();
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers())
                        .withTopics(Topics.defaults().withSuffix(suffix))
                        .withGroupId("it" + suffix)
                        .withBounded(true);
        KAFKA.broker().createTopics(config.topics().newTopics(2, (short) 1));
        return config;
    }

    /** Publishes the records in event-time order, as a live feed (or a backfill) delivers them. */
    private static void publish(JobConfig config, AdapterResult rows) throws InterruptedException {
        Map<Feed, String> topics =
                Map.of(
                        Feed.INCIDENTS,
                        config.topics().incidents(),
                        Feed.REQUESTS311,
                        config.topics().requests311(),
                        Feed.TIPS,
                        config.topics().tips());
        try (FeedReplayer replayer =
                new FeedReplayer(KAFKA.bootstrapServers(), topics, 0, Duration.ZERO)) {
            List<org.zonestat.sim.RawEvent> inTimeOrder = new java.util.ArrayList<>(rows.events());
            inTimeOrder.sort(java.util.Comparator.comparing(org.zonestat.sim.RawEvent::occurredAt));
            replayer.replay(inTimeOrder, Map.of());
        }
    }

    private static void runBounded(JobConfig config) throws Exception {
        StreamExecutionEnvironment env = ZoneTaggingJob.environment(config);
        env.setParallelism(2);
        ZoneTaggingJob.withKafka(config).build(env);
        env.execute("zone-tagging-it");
    }

    /** Each row's own District column, keyed by the adapter's id (L + line). */
    private static Map<String, String> ownDistricts() throws Exception {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = BaltimoreData.open(BaltimoreData.PART1_2018)) {
            CsvTable.forEachRow(
                    in,
                    BaltimoreData.PART1_2018,
                    row ->
                            out.put(
                                    "L" + row.line(),
                                    row.get("District").orElse("").toUpperCase(Locale.ROOT)));
        }
        return out;
    }
}
