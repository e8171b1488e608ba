package org.zonestat.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.testing.KafkaTopics;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.Topics;

/**
 * What agencies did, through the whole job on a Flink MiniCluster against a real embedded KRaft
 * broker: activities are validated (rejected with reasons), tagged, written to {@code activity-log}
 * and counted by kind per zone and local day in {@code zone-stats}, beside the incidents of the
 * same day; unique outreach contacts are counted from weekly tokens that no output carries; every
 * raw record ends in exactly one output ({@code in = events + activity-log + rejected}).
 */
class ActivitiesJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    // Sandtown-Winchester, in the Western police district; received after the days they are about.
    private static final double LON = -76.6440;
    private static final double LAT = 39.3010;
    private static final long RECEIVED = Instant.parse("2018-07-09T12:00:00Z").toEpochMilli();
    private static final String T1 = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String T2 = "BBBBBBBBBBBBBBBBBBBBBB";

    @Test
    void activitiesAreCountedPerZoneAndDayNextToTheOutcomesAndEveryRecordEndsSomewhere(
            TestInfo info) throws Exception {
        JobConfig config = freshTopics(info);
        Topics t = config.topics();
        List<String> incidents =
                List.of(
                        incident("c1", "2018-07-07T09:00:00-04:00"),
                        incident("c2", "2018-07-07T21:00:00-04:00"));
        List<String> activities =
                List.of(
                        activity(
                                "a1",
                                "OUTREACH_CONTACT",
                                "2018-07-07T10:00:00-04:00",
                                ",\"count\":3,\"contactToken\":\"" + T1 + "\""),
                        activity(
                                "a2",
                                "OUTREACH_CONTACT",
                                "2018-07-07T11:00:00-04:00",
                                ",\"contactToken\":\"" + T1 + "\""),
                        activity(
                                "a3",
                                "outreach contact",
                                "2018-07-07T12:00:00-04:00",
                                ",\"count\":2,\"contactToken\":\"" + T2 + "\""),
                        activity("a4", "SITE_VISIT", "2018-07-07T13:00:00-04:00", ""),
                        activity("a4", "SITE_VISIT", "2018-07-07T13:00:00-04:00", ""),
                        activity("a5", "CLEANUP", "2018-07-07T14:00:00-04:00", ",\"count\":4"),
                        activity(
                                "a6",
                                "INSPECTION",
                                "2018-07-08T10:00:00-04:00",
                                ",\"placeId\":\"license/B-1\",\"outcome\":\"violation found\""),
                        activity("b1", "PATROL", "2018-07-07T15:00:00-04:00", ""),
                        "{\"id\":\"b2\",\"kind\":\"CLEANUP\",\"occurredAt\":\"2018-07-07T15:00:00-04:00\",\"lat\":39.3010,\"lon\":-76.6440}",
                        activity(
                                "b3",
                                "OUTREACH_CONTACT",
                                "2018-07-07T16:00:00-04:00",
                                ",\"contactToken\":\"Darnell Jones\""),
                        "{\"id\":\"b4\",\"kind\":\"CLEANUP\",\"agency\":\"DPW\",\"occurredAt\":\"2018-07-07T16:00:00-04:00\",\"lat\":39.0,\"lon\":-76.0}",
                        "{\"id\":\"b5\",");
        KafkaTopics.produce(KAFKA.bootstrapServers(), t.incidents(), RECEIVED, incidents);
        KafkaTopics.produce(KAFKA.bootstrapServers(), t.activities(), RECEIVED, activities);

        StreamExecutionEnvironment env = ZoneTaggingJob.environment(config);
        env.setParallelism(2);
        ZoneTaggingJob.withKafka(config).build(env);
        env.execute("activities-it");

        List<JsonNode> events = KafkaTopics.readJson(KAFKA.bootstrapServers(), t.events());
        List<JsonNode> log = KafkaTopics.readJson(KAFKA.bootstrapServers(), t.activityLog());
        List<JsonNode> rejected = KafkaTopics.readJson(KAFKA.bootstrapServers(), t.rejected());
        assertThat(events)
                .as("the live map's topic has the incidents, no activity")
                .extracting(e -> e.get("stream").asText())
                .containsOnly("incident")
                .hasSize(2);
        assertThat(log)
                .extracting(a -> a.get("recordId").asText())
                .containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5", "a6");
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode r : rejected) {
            String original = r.get("original").asText();
            String id =
                    original.contains("\"id\":\"")
                            ? original.substring(
                                    original.indexOf("\"id\":\"") + 6,
                                    original.indexOf("\"id\":\"") + 8)
                            : "?";
            reasons.put(id + (reasons.containsKey(id) ? "'" : ""), r.get("reason").asText());
        }
        assertThat(reasons)
                .containsEntry("b1", "unknown-kind")
                .containsEntry("b2", "missing-field")
                .containsEntry("b3", "invalid-field")
                .containsEntry("b4", "outside-zones")
                .containsEntry("b5", "malformed-json")
                .containsEntry("a4", "duplicate")
                .hasSize(6);
        assertThat(events.size() + log.size() + rejected.size())
                .as("in = events + activity-log + rejected")
                .isEqualTo(incidents.size() + activities.size());

        JsonNode inspection =
                log.stream()
                        .filter(a -> a.get("recordId").asText().equals("a6"))
                        .findFirst()
                        .orElseThrow();
        assertThat(inspection.get("placeId").asText()).isEqualTo("license/B-1");
        assertThat(inspection.get("outcome").asText()).isEqualTo("violation found");
        assertThat(inspection.get("agency").asText()).isEqualTo("Liquor Board");

        String western =
                ZoneCatalog.load(CityProfiles.shipped("baltimore").layers())
                        .tag(LON, LAT)
                        .get("police-districts");
        Map<String, JsonNode> days =
                latestDays(KafkaTopics.readJson(KAFKA.bootstrapServers(), t.zoneStats()));
        assertThat(days).as("zone days").containsKey("police-districts/" + western + "/2018-07-07");
        JsonNode july7 = days.get("police-districts/" + western + "/2018-07-07");
        assertThat(july7.get("shootings").asLong()).isEqualTo(2);
        assertThat(july7.get("activities").toString())
                .isEqualTo("{\"OUTREACH_CONTACT\":6,\"SITE_VISIT\":1,\"CLEANUP\":4}");
        assertThat(july7.get("uniqueContacts").asLong())
                .as("a1 and a2 met the same person (T1), a3 another")
                .isEqualTo(2);
        JsonNode july8 = days.get("police-districts/" + western + "/2018-07-08");
        assertThat(july8.get("activities").toString()).isEqualTo("{\"INSPECTION\":1}");
        assertThat(july8.has("uniqueContacts")).isFalse();
        assertThat(
                        days.get("neighborhoods/Sandtown-Winchester/2018-07-07")
                                .get("activities")
                                .get("CLEANUP")
                                .asLong())
                .as("every layer counts")
                .isEqualTo(4);

        List<String> outputs = new ArrayList<>();
        for (String topic :
                List.of(t.events(), t.activityLog(), t.zoneStats(), t.hotspots(), t.alerts())) {
            KafkaTopics.readAll(KAFKA.bootstrapServers(), topic)
                    .forEach(r -> outputs.add(r.value()));
        }
        assertThat(outputs)
                .as("no contact token leaves the job")
                .noneMatch(v -> v.contains(T1) || v.contains(T2));
    }

    /** The last record of each (layer, zone, day): a re-emitted day replaces the earlier one. */
    private static Map<String, JsonNode> latestDays(List<JsonNode> stats) {
        return stats.stream()
                .collect(
                        Collectors.toMap(
                                s ->
                                        s.get("layer").asText()
                                                + "/"
                                                + s.get("zone").asText()
                                                + "/"
                                                + s.get("day").asText(),
                                s -> s,
                                (a, b) -> b));
    }

    private static String incident(String id, String at) {
        return "{\"id\":\""
                + id
                + "\",\"kind\":\"SHOOTING\",\"occurredAt\":\""
                + at
                + "\",\"lat\":"
                + LAT
                + ",\"lon\":"
                + LON
                + "}";
    }

    private static String activity(String id, String kind, String at, String more) {
        String agency =
                switch (kind) {
                    case "INSPECTION" -> "Liquor Board";
                    case "SITE_VISIT" -> "CitiStat";
                    case "CLEANUP" -> "DPW";
                    default -> "Safe Streets";
                };
        return "{\"id\":\""
                + id
                + "\",\"source\":\"it\",\"kind\":\""
                + kind
                + "\",\"agency\":\""
                + agency
                + "\",\"occurredAt\":\""
                + at
                + "\",\"lat\":"
                + LAT
                + ",\"lon\":"
                + LON
                + more
                + "}";
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
}
