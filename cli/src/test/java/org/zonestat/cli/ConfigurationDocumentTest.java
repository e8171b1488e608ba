package org.zonestat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is the table the commands describe, one row per flag. */
class ConfigurationDocumentTest {
    private static final Path ROOT = Path.of(System.getProperty("zonestat.repo-root", ".."));

    @Test
    void theCommittedDocumentIsTheOneTheCommandsDescribe() throws IOException {
        String committed =
                Files.readString(ROOT.resolve(ConfigurationDocument.PATH), StandardCharsets.UTF_8);
        assertThat(committed)
                .as(
                        "%s is out of date; regenerate it from the repository root with: %s",
                        ConfigurationDocument.PATH, ConfigurationDocument.REGENERATE)
                .isEqualTo(ConfigurationDocument.render());
    }

    @Test
    void theTableHasTheJobsTheConsolesAndTheToolsFlagsWithTheirVariablesAndDefaults() {
        assertThat(ConfigurationDocument.render().lines())
                .contains(
                        "| `zonestat job` | `--checkpoint-interval-seconds N` |"
                                + " `ZONESTAT_CHECKPOINT_INTERVAL_SECONDS` | `10` | Checkpoint"
                                + " interval (checkpoints also commit the source offsets). |",
                        "| `zonestat console` | `--topic-action-items TOPIC` |"
                                + " `ZONESTAT_TOPIC_ACTION_ITEMS` | `action-items` | The huddle's"
                                + " action items, compacted. |",
                        "| `zonestat console` | `--layers SPEC` | `ZONESTAT_LAYERS` |  | Zone layers"
                                + " instead of the city's: comma-separated"
                                + " id=path.geojson[#nameProperty]. |",
                        "| `zonestat job` | `--city DIR\\|NAME` | `ZONESTAT_CITY` |  | The city"
                                + " profile: a shipped city's name or a folder holding a"
                                + " city.yaml (docs/cities.md). Default: the first shipped city."
                                + " |")
                .anyMatch(l -> l.startsWith("| `zonestat cluster restart` | `ROLE` |"))
                .anyMatch(l -> l.startsWith("| `zonestat bench pipeline` | `--flink KEY=VALUE` |"))
                .noneMatch(l -> l.startsWith("|") && l.contains("--help"));
    }
}
