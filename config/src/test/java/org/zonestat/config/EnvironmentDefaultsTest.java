package org.zonestat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A flag not on the command line comes from its ZONESTAT_* variable; the command line wins. */
class EnvironmentDefaultsTest {
    @Test
    void eachFlagHasOneVariableNamedAfterIt() {
        assertThat(EnvironmentDefaults.variable("--bootstrap")).isEqualTo("ZONESTAT_BOOTSTRAP");
        assertThat(EnvironmentDefaults.variable("checkpoint-interval-seconds"))
                .isEqualTo("ZONESTAT_CHECKPOINT_INTERVAL_SECONDS");
        assertThat(EnvironmentDefaults.variable("--topic-zone-stats"))
                .isEqualTo("ZONESTAT_TOPIC_ZONE_STATS");
    }

    @Test
    void flagsNotOnTheCommandLineAreReadFromTheEnvironmentTrimmed() {
        SampleCommand c =
                parse(
                        Map.of(
                                "ZONESTAT_BOOTSTRAP",
                                " kafka-1:9092,kafka-2:9092 ",
                                "ZONESTAT_GROUP",
                                "city-a",
                                "ZONESTAT_CHECKPOINT_INTERVAL_SECONDS",
                                "30",
                                "ZONESTAT_BOUNDED",
                                "true"));

        assertThat(c.kafka.servers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(c.group.id()).isEqualTo("city-a");
        assertThat(c.checkpointSeconds).isEqualTo(30);
        assertThat(c.bounded).isTrue();
    }

    @Test
    void theCommandLineWinsAndABlankVariableOrFalseSetsNothing() {
        SampleCommand c =
                parse(
                        Map.of(
                                "ZONESTAT_BOOTSTRAP",
                                "kafka:9092",
                                "ZONESTAT_GROUP",
                                "  ",
                                "ZONESTAT_BOUNDED",
                                "false"),
                        "--bootstrap",
                        "localhost:9092");

        assertThat(c.kafka.servers()).isEqualTo("localhost:9092");
        assertThat(c.group.id()).isEqualTo(JobGroupOption.DEFAULT);
        assertThat(c.bounded).isFalse();
        assertThat(parse(Map.of()).kafka.servers()).isEqualTo("127.0.0.1:9092");
    }

    private static SampleCommand parse(Map<String, String> env, String... args) {
        SampleCommand c = new SampleCommand();
        CommandLine cl = Cli.commandLine(c, env);
        cl.parseArgs(args);
        return c;
    }
}
