package org.zonestat.jobs.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zonestat.jobs.positions.TestTracks.lat;
import static org.zonestat.jobs.positions.TestTracks.lon;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.geo.Distances;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.fence.H3CellFence;
import org.zonestat.geo.fence.LonLat;
import org.zonestat.geo.fence.Transition;
import org.zonestat.jobs.JobCommand;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.jobs.testing.KafkaTopics;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.RawPosition;
import org.zonestat.topics.RawRequestStep;
import org.zonestat.topics.RawTip;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.Topics;

/**
 * The whole job on a Flink MiniCluster (parallelism 2, the production Flink configuration: no Kryo)
 * against an embedded KRaft broker, with scripted tracks on the made-up test zones ({@link
 * TestTracks}): a week of shootings makes a hot cell; units, an outreach worker and a monitored
 * device move on the next day, with bad fixes among them; two shootings follow. Every transition,
 * every zone's and the hot cell's dosage minutes and visits, the alerts and the reconciliation of
 * {@code positions.raw} are checked exactly.
 *
 * <p>The job runs unbounded and the test feeds it in steps, as live feeds would: it waits for the
 * hot cell, then for the fixes, then sends the shootings; records on every raw topic a day later
 * then move event time on, closing the day and silencing the devices.
 */
class PositionsITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** Monday 6 May 2024, 00:00 in Baltimore. */
    private static final Instant DAY = Instant.parse("2024-05-06T04:00:00Z");

    private static final Instant T0 = TestTracks.T0;

    /** The centre of the week's shootings: (45, 45) in North. */
    private static final String HOT_CENTRE = TestTracks.cellAt(45, 45);

    @Test
    void scriptedTracksGiveExactlyTheirTransitionsDosageAndAlerts() throws Exception {
        JobConfig config = config();
        Topics t = config.topics();
        StreamExecutionEnvironment env = ZoneTaggingJob.environment(config);
        env.setParallelism(2);
        ZoneTaggingJob.withKafka(config).build(env);
        JobClient job = env.executeAsync("positions-it");
        try {
            // 1. A week of shootings around (45, 45); the 7-day window closing at midnight makes
            // the centre's cell hot. Records on every raw topic at 00:30 close the day.
            List<String> history = new ArrayList<>();
            List<Long> ring = H3Binner.h3().gridDisk(H3Binner.h3().stringToH3(HOT_CENTRE), 1);
            for (int day = 7; day >= 1; day--) {
                for (int i = 0; i < 2; i++) {
                    var c = H3Binner.h3().cellToLatLng(ring.get((2 * day + i) % ring.size()));
                    history.add(
                            incident(
                                    "h" + day + "-" + i,
                                    "SHOOTING",
                                    DAY.minus(Duration.ofDays(day)).plus(Duration.ofHours(12 + i)),
                                    c.lng,
                                    c.lat));
                }
            }
            send(t.incidents(), history);
            clocks(t, DAY.plus(Duration.ofMinutes(30)));
            Set<String> hot = awaitHotCells(t);
            assertThat(hot).contains(HOT_CENTRE);

            // 2. The day's tracks, with bad fixes among them.
            List<String> fixes = new ArrayList<>();
            fixes.add(unit("car-1", "patrol", 0, 2, 2));
            fixes.add(unit("car-1", "patrol", 1, 10, 10));
            fixes.add(unit("car-1", "patrol", 11, 12, 10));
            fixes.add(unit("car-1", "patrol", 12, 20, 10));
            fixes.add(unit("car-1", "patrol", 13, 11, 22));
            fixes.add(unit("car-1", "patrol", 14, 11, 30));
            fixes.add(unit("ow-1", "outreach", 0, 20, 10));
            fixes.add(unit("ow-1", "outreach", 5, 21, 10));
            fixes.add(unit("ow-1", "outreach", 10, 22, 11));
            fixes.add(unit("ow-1", "outreach", 15, 20, 12));
            fixes.add(unit("car-9", "patrol", 0, 45, 45));
            fixes.add(unit("car-9", "patrol", 6, 45.2, 45));
            fixes.add(unit("car-9", "patrol", 12, 45, 45.2));
            fixes.add(unit("car-9", "patrol", 13, 15, 45));
            fixes.add(monitored("m-1", 13, 6, 10.5));
            fixes.add(monitored("m-1", 15, 14, 10.5));
            int good = fixes.size();
            fixes.add(unit("car-1", "patrol", 14, 11, 30)); // duplicate
            fixes.add(unit("car-1", "patrol", 10.5, 11, 30)); // stale
            fixes.add(unit("car-x", "patrol", 5, 70, 70)); // outside every layer
            fixes.add(unit("car-1", "patrol", 14.25, 11, 5)); // 2.8 km in 15 s
            fixes.add("{\"deviceId\":\"car-2\",\"kind\":"); // malformed
            fixes.add(
                    fixJson("drone-1", "drone", null, Instant.parse("2024-05-06T14:00:00Z"), 5, 5));
            fixes.add(
                    fixJson(
                            "car-3",
                            "unit",
                            "patrol",
                            Instant.now().plus(Duration.ofHours(2)),
                            5,
                            5));
            send(t.positions(), fixes);
            try {
                await("the fixes on " + t.transitions())
                        .atMost(Duration.ofSeconds(90))
                        .until(() -> messages(t, "fix").size() >= good);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(
                        messages(t, "fix").size()
                                + " fixes; rejected: "
                                + KafkaTopics.readJson(KAFKA.bootstrapServers(), t.rejected()),
                        e);
            }

            // 3. Two shootings: one in West at minute 20, one in the hot cell at minute 30.
            send(
                    t.incidents(),
                    List.of(
                            incident("s1", "SHOOTING", minute(20), lon(10), lat(10.1)),
                            incident("s2", "SHOOTING", minute(30), lon(45), lat(45))));
            await("the alerts").atMost(Duration.ofSeconds(60)).until(() -> alerts(t).size() >= 2);

            // 4. A day later on every raw topic: the devices fall silent, the day closes.
            send(t.positions(), List.of(unit("clock", "patrol", 24 * 60, 55, 55)));
            clocks(t, DAY.plus(Duration.ofHours(26)));
            await("West's day with its patrol minutes and its shooting")
                    .atMost(Duration.ofSeconds(90))
                    .until(
                            () ->
                                    "11.0"
                                            .equals(
                                                    zoneDay(t, "vri-zones/West")
                                                            .path("patrolMinutes")
                                                            .asText()));
            await("the devices closed out")
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    transitions(t).stream()
                                                    .filter(s -> s.contains("signal-lost"))
                                                    .count()
                                            >= 4);

            // Transitions, per device, in order.
            Map<String, List<String>> byDevice = new TreeMap<>();
            for (String s : transitions(t)) {
                byDevice.computeIfAbsent(s.substring(0, s.indexOf(' ')), k -> new ArrayList<>())
                        .add(s);
            }
            assertThat(byDevice.get("car-1"))
                    .containsExactly(
                            "car-1 ENTER districts/South @0",
                            "car-1 ENTER vri-zones/West @1",
                            "car-1 EXIT vri-zones/West @12 11.0",
                            "car-1 ENTER vri-zones/East @12",
                            "car-1 EXIT vri-zones/East @13 1.0",
                            "car-1 EXIT districts/South @13 13.0",
                            "car-1 ENTER districts/North @13",
                            "car-1 CROSS vri-zones/Box @14",
                            "car-1 EXIT districts/North @14 1.0 signal-lost");
            assertThat(byDevice.get("ow-1"))
                    .containsExactly(
                            "ow-1 ENTER vri-zones/East @0",
                            "ow-1 ENTER districts/South @0",
                            "ow-1 EXIT districts/South @15 15.0 signal-lost",
                            "ow-1 EXIT vri-zones/East @15 15.0 signal-lost");
            assertThat(byDevice.get("m-1"))
                    .containsExactly(
                            "m-1 ENTER vri-zones/West @13",
                            "m-1 ENTER districts/South @13",
                            // (15, 10.5) is on the edge West shares with East: West is listed
                            // first.
                            "m-1 EXIT districts/South @15 2.0 signal-lost",
                            "m-1 EXIT vri-zones/West @15 2.0 signal-lost");
            assertThat(byDevice.get("car-9")).isEqualTo(car9Expected(hot));

            // Dosage, beside the outcomes, per zone and per hot cell.
            assertThat(dosage(zoneDay(t, "vri-zones/West")))
                    .isEqualTo("patrol 11.0/1/1 shootings 1");
            assertThat(dosage(zoneDay(t, "vri-zones/East")))
                    .isEqualTo("patrol 1.0/1/0 outreach 15.0/1/1 shootings 0");
            assertThat(dosage(zoneDay(t, "districts/South")))
                    .isEqualTo("patrol 13.0/1/1 outreach 15.0/1/1 shootings 1");
            assertThat(dosage(zoneDay(t, "hot-cells/" + HOT_CENTRE)))
                    .isEqualTo("patrol 13.0/1/1 shootings 1");
            assertThat(zoneDay(t, "vri-zones/Box").isMissingNode())
                    .as("a crossing is not a visit")
                    .isTrue();

            // Alerts: the nearest available units on the first shooting, no alert on the second (no
            // unit reported within 10 minutes of it), the monitored device near the first.
            Map<String, JsonNode> alerts = alerts(t);
            JsonNode s1 = alerts.get("violence/incident/it-positions/s1");
            assertThat(s1.get("priority").asBoolean()).isTrue();
            List<String> named = new ArrayList<>();
            s1.get("units")
                    .forEach(
                            u ->
                                    named.add(
                                            u.get("deviceId").asText()
                                                    + " "
                                                    + u.get("minutesSinceFix").asText()));
            assertThat(named).containsExactly("ow-1 5.0", "car-1 6.0", "car-9 7.0");
            assertThat(s1.get("units").get(0).get("distanceMeters").asDouble())
                    .isEqualTo(Math.round(Distances.meters(lon(20), lat(12), lon(10), lat(10.1))));
            assertThat(s1.has("restricted")).isFalse();
            assertThat(alerts).doesNotContainKey("violence/incident/it-positions/s2");
            JsonNode near = alerts.get("monitored-near-scene/incident/it-positions/s1/m-1");
            assertThat(near.get("restricted").asBoolean()).isTrue();
            assertThat(near.get("relatedId").asText()).isEqualTo("m-1");
            assertThat(near.get("distanceMeters").asDouble()).isBetween(43.0, 46.0);
            assertThat(Instant.parse(near.get("passedAt").asText())).isEqualTo(minute(14));
            assertThat(alerts.keySet())
                    .noneMatch(k -> k.contains("/m-1") && !k.startsWith("monitored"));

            // Every record of positions.raw is a fix or a rejection, with its reason.
            List<JsonNode> rejected =
                    KafkaTopics.readJson(KAFKA.bootstrapServers(), t.rejected()).stream()
                            .filter(r -> r.get("sourceTopic").asText().equals(t.positions()))
                            .toList();
            assertThat(rejected.stream().map(r -> r.get("reason").asText()))
                    .containsExactlyInAnyOrder(
                            "duplicate",
                            "stale-position",
                            "outside-zones",
                            "impossible-speed",
                            "malformed-json",
                            "unknown-kind",
                            "future-timestamp");
            long in = KafkaTopics.readAll(KAFKA.bootstrapServers(), t.positions()).size();
            assertThat(messages(t, "fix").size() + rejected.size()).isEqualTo((int) in);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * car-9's transitions: the hot cells' by the transition function itself, on the job's hot
     * cells.
     */
    private static List<String> car9Expected(Set<String> hot) {
        List<String> out = new ArrayList<>();
        out.add("car-9 ENTER districts/North @0");
        out.add("car-9 ENTER hot-cells/" + HOT_CENTRE + " @0");
        LonLat from = new LonLat(lon(45), lat(45.2));
        LonLat to = new LonLat(lon(15), lat(45));
        List<String> exits = new ArrayList<>();
        List<String> crossings = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String cell : new java.util.TreeSet<>(hot)) { // the tracker's order: by address
            Transition tr = Transition.of(from, to, new H3CellFence(cell));
            switch (tr) {
                case EXIT -> exits.add("car-9 EXIT hot-cells/" + cell + " @13 13.0");
                case CROSS -> crossings.add("car-9 CROSS hot-cells/" + cell + " @13");
                case ENTER -> entries.add("car-9 ENTER hot-cells/" + cell + " @13");
                default -> {}
            }
        }
        out.addAll(exits);
        out.addAll(crossings);
        out.addAll(entries);
        out.add("car-9 EXIT districts/North @13 13.0 signal-lost");
        return out;
    }

    private static JobConfig config() {
        String suffix = ".positions-it";
        JobConfig config =
                JobCommand.parse(
                                new String[] {
                                    "--bootstrap",
                                    KAFKA.bootstrapServers(),
                                    "--group",
                                    "it-positions",
                                    "--layers",
                                    TestTracks.LAYERS_FLAG,
                                    "--checkpoint-interval-seconds",
                                    "1"
                                },
                                Map.of())
                        .withTopics(Topics.defaults().withSuffix(suffix));
        KAFKA.broker().createTopics(config.topics().newTopics(1, (short) 1));
        return config;
    }

    private static Instant minute(double m) {
        return T0.plusMillis(Math.round(m * 60_000));
    }

    private static String unit(String id, String team, double minute, double x, double y) {
        return fixJson(id, "unit", team, minute(minute), x, y);
    }

    private static String monitored(String id, double minute, double x, double y) {
        return fixJson(id, "monitored", null, minute(minute), x, y);
    }

    private static String fixJson(
            String id, String kind, String team, Instant at, double x, double y) {
        return TopicCodec.encodeToString(
                new RawPosition(id, kind, team, null, at, lat(y), lon(x), null, null, null, "it"));
    }

    private static String incident(String id, String kind, Instant at, double lon, double lat) {
        return TopicCodec.encodeToString(
                new RawIncident(id, "it-positions", kind, null, at, lat, lon, null, Map.of()));
    }

    /** One record on each raw topic at {@code at}, far from the test's zones' activity. */
    private static void clocks(Topics t, Instant at) {
        send(t.incidents(), List.of(incident("clock-" + at, "OTHER", at, lon(55), lat(55))));
        send(
                t.requests311(),
                List.of(
                        TopicCodec.encodeToString(
                                new RawRequestStep(
                                        "clock-" + at,
                                        "it",
                                        "SW-Dirty Alley",
                                        "Open",
                                        at,
                                        lat(55),
                                        lon(55),
                                        null,
                                        null,
                                        null,
                                        null,
                                        Map.of()))));
        send(
                t.tips(),
                List.of(
                        TopicCodec.encodeToString(
                                new RawTip(
                                        "clock-" + at,
                                        "it",
                                        "OTHER",
                                        at,
                                        lat(55),
                                        lon(55),
                                        null,
                                        null,
                                        Map.of()))));
    }

    private static void send(String topic, List<String> values) {
        KafkaTopics.produce(KAFKA.bootstrapServers(), topic, System.currentTimeMillis(), values);
    }

    private static Set<String> awaitHotCells(Topics t) {
        Set<String> hot = new LinkedHashSet<>();
        await("a hot cell on " + t.hotspots())
                .atMost(Duration.ofSeconds(90))
                .until(
                        () -> {
                            hot.clear();
                            for (JsonNode h :
                                    KafkaTopics.readJson(KAFKA.bootstrapServers(), t.hotspots())) {
                                if (h.path("type").asText().equals("hotspot-cell")
                                        && h.path("windowDays").asInt() == 7
                                        && h.path("status").asText().equals("HOT")) {
                                    hot.add(h.get("cell").asText());
                                }
                            }
                            return !hot.isEmpty();
                        });
        return hot;
    }

    private static List<JsonNode> messages(Topics t, String type) {
        return KafkaTopics.readJson(KAFKA.bootstrapServers(), t.transitions()).stream()
                .filter(m -> m.get("type").asText().equals(type))
                .toList();
    }

    /** "device TRANSITION layer/zone @minute [minutes] [reason]", in the order written. */
    private static List<String> transitions(Topics t) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode m : messages(t, "transition")) {
            if (!seen.add(m.get("transitionId").asText())) {
                continue; // at-least-once: a redelivery has the same id
            }
            long at = Duration.between(T0, Instant.parse(m.get("at").asText())).toMinutes();
            out.add(
                    m.get("deviceId").asText()
                            + " "
                            + m.get("transition").asText()
                            + " "
                            + m.get("layer").asText()
                            + "/"
                            + m.get("zone").asText()
                            + " @"
                            + at
                            + (m.has("minutes") ? " " + m.get("minutes").asText() : "")
                            + (m.has("reason") ? " " + m.get("reason").asText() : ""));
        }
        return out.stream().filter(s -> !s.startsWith("clock ")).collect(Collectors.toList());
    }

    /**
     * The latest record of a zone's 6 May on zone-stats (a re-emitted day replaces the earlier).
     */
    private static JsonNode zoneDay(Topics t, String layerAndZone) {
        JsonNode latest = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        for (JsonNode s : KafkaTopics.readJson(KAFKA.bootstrapServers(), t.zoneStats())) {
            if ((s.get("layer").asText() + "/" + s.get("zone").asText()).equals(layerAndZone)
                    && s.get("day").asText().equals("2024-05-06")) {
                latest = s;
            }
        }
        return latest;
    }

    private static String dosage(JsonNode day) {
        StringBuilder b = new StringBuilder();
        if (day.has("patrolMinutes") && day.get("patrolVisits").asLong() > 0) {
            b.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "patrol %s/%d/%d ",
                            day.get("patrolMinutes").asText(),
                            day.get("patrolVisits").asLong(),
                            day.get("patrolLongVisits").asLong()));
        }
        if (day.has("outreachMinutes") && day.get("outreachVisits").asLong() > 0) {
            b.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "outreach %s/%d/%d ",
                            day.get("outreachMinutes").asText(),
                            day.get("outreachVisits").asLong(),
                            day.get("outreachLongVisits").asLong()));
        }
        return b.append("shootings ").append(day.path("shootings").asLong()).toString();
    }

    private static Map<String, JsonNode> alerts(Topics t) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode a : KafkaTopics.readJson(KAFKA.bootstrapServers(), t.alerts())) {
            String type = a.get("type").asText();
            if (a.get("subjectId").asText().startsWith("incident/it-positions/s")
                    && (type.equals("violence") || type.equals("monitored-near-scene"))) {
                out.put(a.get("alertId").asText(), a);
            }
        }
        return out;
    }
}
