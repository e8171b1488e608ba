package org.zonestat.geo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.config.Cli;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** --layers: the Baltimore layers by default, or a list of id=path#property specs. */
class LayerOptionsTest {
    @Command(name = "t")
    static final class WithLayers {
        @Mixin LayerOptions layers;
    }

    @Test
    void withoutTheFlagOrWithBaltimoreTheLayersAreTheShippedOnes() {
        assertThat(parse(Map.of()).specs()).isEqualTo(ZoneCatalog.BALTIMORE_LAYERS);
        assertThat(parse(Map.of(), "--layers", "baltimore").specs())
                .isEqualTo(ZoneCatalog.BALTIMORE_LAYERS);
    }

    @Test
    void aListOfSpecsGivesThoseLayersInOrderFromTheFlagOrTheEnvironment() {
        assertThat(
                        parse(
                                        Map.of(),
                                        "--layers",
                                        "wards=/data/wards.geojson#WARD, beats=b.geojson")
                                .specs())
                .containsExactly(
                        new ZoneLayerSpec("wards", "wards", "/data/wards.geojson", "WARD"),
                        new ZoneLayerSpec("beats", "beats", "b.geojson", "name"));
        assertThat(parse(Map.of("ZONESTAT_LAYERS", "beats=b.geojson")).specs())
                .extracting(ZoneLayerSpec::id)
                .containsExactly("beats");
    }

    @Test
    void aBadSpecIsRefusedNamingTheFlagAndTheSpec() {
        assertThatThrownBy(() -> parse(Map.of(), "--layers", "wards.geojson"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("Invalid value for option '--layers'")
                .hasMessageContaining("'wards.geojson'");
    }

    private static LayerOptions parse(Map<String, String> env, String... args) {
        WithLayers command = new WithLayers();
        Cli.commandLine(command, env).parseArgs(args);
        return command.layers;
    }
}
