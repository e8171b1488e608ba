package org.zonestat.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job's flags may come from ZONESTAT_* environment variables; the command line wins. */
class JobConfigEnvTest {
    @Test
    void eachFlagHasOneEnvironmentVariableNamedAfterIt() {
        assertThat(JobConfig.environmentVariable("bootstrap")).isEqualTo("ZONESTAT_BOOTSTRAP");
        assertThat(JobConfig.environmentVariable("checkpoint-interval-seconds"))
                .isEqualTo("ZONESTAT_CHECKPOINT_INTERVAL_SECONDS");
        assertThat(JobConfig.environmentVariable("topic-zone-stats"))
                .isEqualTo("ZONESTAT_TOPIC_ZONE_STATS");
    }

    @Test
    void flagsNotOnTheCommandLineAreReadFromTheEnvironment() {
        JobConfig c =
                JobConfig.fromArgs(
                        new String[0],
                        Map.of(
                                "ZONESTAT_BOOTSTRAP", "kafka-1:9092,kafka-2:9092",
                                "ZONESTAT_CHECKPOINT_INTERVAL_SECONDS", "30",
                                "ZONESTAT_GROUP", "city-a",
                                "ZONESTAT_TOPIC_EVENTS", "city-a.events",
                                "ZONESTAT_BOUNDED", "true",
                                "ZONESTAT_ALLOWED_LATENESS_HOURS", "72"));
        assertThat(c.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(c.analytics().zoneStatsLateness()).isEqualTo(Duration.ofHours(72));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.groupId()).isEqualTo("city-a");
        assertThat(c.topics().events()).isEqualTo("city-a.events");
        assertThat(c.bounded()).isTrue();
    }

    @Test
    void theCommandLineWinsAndFalseDoesNotSetBounded() {
        JobConfig c =
                JobConfig.fromArgs(
                        new String[] {"--bootstrap", "localhost:9092"},
                        Map.of("ZONESTAT_BOOTSTRAP", "kafka:9092", "ZONESTAT_BOUNDED", "false"));
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.bounded()).isFalse();
        assertThat(JobConfig.fromArgs(new String[0], Map.of()).bootstrapServers())
                .isEqualTo("127.0.0.1:9092");
    }

    @Test
    void aBadEnvironmentValueFailsLikeABadFlag() {
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[0], Map.of("ZONESTAT_H3_RESOLUTION", "nine")))
                .isInstanceOf(NumberFormatException.class);
    }
}
