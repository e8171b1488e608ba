package org.zonestat.geo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.config.Cli;
import org.zonestat.geo.ZoneLayerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** --layers: none by default (the city's layers are used), or a list of id=path#property specs. */
class LayerOptionsTest {
    @Command(name = "t")
    static final class WithLayers {
        @Mixin LayerOptions layers;
    }

    @Test
    void withoutTheFlagTheCitysLayersAreUsed() {
        List<ZoneLayerSpec> city = List.of(new ZoneLayerSpec("wards", "Wards", "w.geojson", "n"));
        assertThat(parse(Map.of()).specs()).isEmpty();
        assertThat(parse(Map.of()).specsOr(city)).isEqualTo(city);
        assertThat(parse(Map.of(), "--layers", "beats=b.geojson").specsOr(city))
                .extracting(ZoneLayerSpec::id)
                .containsExactly("beats");
    }

    @Test
    void aListOfSpecsGivesThoseLayersInOrderFromTheFlagOrTheEnvironment() {
        assertThat(
                        parse(
                                        Map.of(),
                                        "--layers",
                                        "wards=/data/wards.geojson#WARD, beats=b.geojson")
                                .specs()
                                .orElseThrow())
                .containsExactly(
                        new ZoneLayerSpec("wards", "wards", "/data/wards.geojson", "WARD"),
                        new ZoneLayerSpec("beats", "beats", "b.geojson", "name"));
        assertThat(parse(Map.of("ZONESTAT_LAYERS", "beats=b.geojson")).specs().orElseThrow())
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
