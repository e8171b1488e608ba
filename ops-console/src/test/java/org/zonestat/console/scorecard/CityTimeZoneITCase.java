package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.city.CityProfile;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.jobs.JobCommand;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.RawEvent;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.Topics;

/**
 * The city's time zone decides which day, and so which year, an event counts in: a test city in
 * {@code America/Los_Angeles} (UTC-8 in winter), the real job started from its profile as {@code
 * zonestat job --city DIR} starts it, and the console's scorecard read as a person reads it. A
 * shooting at 23:30 on 31 December 2019 local time is 07:30 on 1 January 2020 in UTC; it belongs to
 * 2019 in that city.
 */
class CityTimeZoneITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANALYST = "analyst-token-0001";

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void aShootingAt2330OnNewYearsEveCountsInThatYearInTheCitysTimeZone() throws Exception {
        Path folder =
                Path.of(
                                CityTimeZoneITCase.class
                                        .getResource("/cities/los-angeles/city.yaml")
                                        .toURI())
                        .getParent();
        JobConfig config =
                JobCommand.parse(
                                new String[] {
                                    "--city",
                                    folder.toString(),
                                    "--bootstrap",
                                    KAFKA.bootstrapServers(),
                                    "--group",
                                    "it.time-zone",
                                    "--bounded"
                                },
                                Map.of())
                        .withTopics(Topics.defaults().withSuffix(".tz"));
        assertThat(config.analytics().timeZone()).hasToString("America/Los_Angeles");
        KAFKA.broker().createTopics(config.topics().newTopics(2, (short) 1));
        Instant newYearsEve = OffsetDateTime.parse("2019-12-31T23:30:00-08:00").toInstant();
        assertThat(newYearsEve).isEqualTo(Instant.parse("2020-01-01T07:30:00Z"));
        try (FeedReplayer replayer =
                new FeedReplayer(
                        KAFKA.bootstrapServers(),
                        FeedReplayer.topics(config.topics()),
                        0,
                        Duration.ZERO)) {
            replayer.replay(
                    List.of(
                            shooting("late-on-new-years-eve", "SHOOTING", newYearsEve),
                            shooting(
                                    "new-years-day",
                                    "HOMICIDE",
                                    OffsetDateTime.parse("2020-01-01T00:30:00-08:00").toInstant()),
                            shooting(
                                    "a-week-later",
                                    "SHOOTING",
                                    OffsetDateTime.parse("2020-01-08T12:00:00-08:00").toInstant())),
                    Map.of());
        }

        StreamExecutionEnvironment env = ZoneTaggingJob.environment(config);
        env.setParallelism(2);
        ZoneTaggingJob.withKafka(config).build(env);
        env.execute("city-time-zone-it");

        CityProfile city = CityProfiles.load(folder.toString());
        Topics topics = config.topics();
        try (OpsConsole.Running console =
                OpsConsole.builder()
                        .bootstrapServers(KAFKA.bootstrapServers())
                        .port(0)
                        .tokens(AccessTokens.of(Map.of(ANALYST, Role.ANALYST)))
                        .city(city)
                        .eventsTopic(topics.events())
                        .analyticsTopics(topics.alerts(), topics.hotspots())
                        .zonesTopic(null)
                        .pipelineTopics(topics.raw(), topics.rejected(), config.groupId())
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .huddle(
                                HuddleSettings.forCity(city)
                                        .withTopics(
                                                topics.zoneStats(),
                                                topics.hotspots(),
                                                topics.actionItems()))
                        .start()) {
            String base = "http://127.0.0.1:" + console.port();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> total(get(base, "2019-01-01", "2020-12-31")) == 3);

            assertThat(total(get(base, "2019-01-01", "2019-12-31")))
                    .as("2019 in Los Angeles holds the shooting at 23:30 on 31 December")
                    .isEqualTo(1);
            assertThat(total(get(base, "2020-01-01", "2020-01-01")))
                    .as("1 January 2020 holds only the homicide at 00:30")
                    .isEqualTo(1);
            JsonNode lastDay = get(base, "2019-12-31", "2019-12-31");
            assertThat(zone(lastDay, "Central").path("counts").path("shootings").asLong())
                    .isEqualTo(1);
            JsonNode pageConfig = JSON.readTree(send(base + "/api/config"));
            assertThat(pageConfig.path("city").path("timeZone").asText())
                    .isEqualTo("America/Los_Angeles");
            assertThat(pageConfig.path("city").path("name").asText()).isEqualTo("Test Los Angeles");
        }
    }

    private static RawEvent shooting(String id, String kind, Instant at) {
        return RawEvent.of(
                new RawIncident(id, "test", kind, null, at, 34.045, -118.245, null, Map.of()));
    }

    /** Homicides and shootings of every zone between two local dates (inclusive). */
    private static long total(JsonNode scorecard) {
        long total = 0;
        for (JsonNode z : scorecard.path("zones")) {
            total += z.path("total").asLong();
        }
        return total;
    }

    private static JsonNode zone(JsonNode scorecard, String name) {
        for (JsonNode z : scorecard.path("zones")) {
            if (z.path("zone").asText().equals(name)) {
                return z;
            }
        }
        throw new AssertionError("no zone " + name + " in " + scorecard);
    }

    private static JsonNode get(String base, String from, String to) throws Exception {
        return JSON.readTree(
                send(base + "/api/scorecard?layer=districts&from=" + from + "&to=" + to));
    }

    private static String send(String url) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("Authorization", "Bearer " + ANALYST)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " answered " + r.body()).isEqualTo(200);
        return r.body();
    }
}
