package org.zonestat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table is read from the command specs: every visible flag, its variable and default. */
class ConfigurationTableTest {
    @Test
    void everyVisibleFlagOfEveryCommandIsARowWithItsVariableAndDefault() {
        String md = ConfigurationTable.markdown(Cli.commandLine(new SampleCommand(), Map.of()));

        assertThat(md.lines())
                .containsExactly(
                        "| command | flag | environment variable | default | meaning |",
                        "|---|---|---|---|---|",
                        "| `zonestat sample` | `--bootstrap HOST:PORT[,...]` | `ZONESTAT_BOOTSTRAP` |"
                                + " `127.0.0.1:9092` | Kafka bootstrap servers (the demo's embedded"
                                + " broker by default). |",
                        "| `zonestat sample` | `--group ID` | `ZONESTAT_GROUP` | `zonestat-tagging` | The"
                                + " zone-tagging job's Kafka consumer group (its committed"
                                + " offsets). |",
                        "| `zonestat sample` | `--checkpoint-interval-seconds <checkpointSeconds>` |"
                                + " `ZONESTAT_CHECKPOINT_INTERVAL_SECONDS` | `10` | How often \\|"
                                + " to checkpoint. |",
                        "| `zonestat sample` | `--bounded` | `ZONESTAT_BOUNDED` | `false` | Stop at the"
                                + " end. |",
                        "| `zonestat sample child` | `ROLE` |  | required | Which one. |",
                        "| `zonestat sample child` | `--port <port>` | `ZONESTAT_PORT` | `7070` | A port. |");
    }

    @Test
    void theDefaultsAreThoseOfTheEnvironmentTheCommandLineWasBuiltWith() {
        String md =
                ConfigurationTable.markdown(
                        Cli.commandLine(
                                new SampleCommand(), Map.of("ZONESTAT_BOOTSTRAP", "elsewhere:1")));
        assertThat(md).contains("| `elsewhere:1` |").doesNotContain("`127.0.0.1:9092`");
    }
}
