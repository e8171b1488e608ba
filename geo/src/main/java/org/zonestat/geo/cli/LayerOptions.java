package org.zonestat.geo.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.zonestat.geo.ZoneLayerSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --layers}: zone layers that replace the city profile's, the same flag in the job and the
 * console: a comma-separated list of {@code id=path.geojson[#nameProperty]} ({@link
 * ZoneLayerSpec#parse}). Without it a command uses its city's layers ({@code --city}). A picocli
 * mixin.
 *
 * <p>Not thread-safe: set while the command line is parsed, read after.
 */
public final class LayerOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private List<ZoneLayerSpec> specs;

    @Option(
            names = "--layers",
            paramLabel = "SPEC",
            description =
                    "Zone layers instead of the city's: comma-separated"
                            + " id=path.geojson[#nameProperty].")
    void layers(String text) {
        try {
            specs = parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    command.commandLine(),
                    "Invalid value for option '--layers': " + e.getMessage());
        }
    }

    /** The layers given, in order, or empty when the flag was not given. */
    public Optional<List<ZoneLayerSpec>> specs() {
        return Optional.ofNullable(specs);
    }

    /** The layers given, or {@code cityLayers} when the flag was not given. */
    public List<ZoneLayerSpec> specsOr(List<ZoneLayerSpec> cityLayers) {
        return specs().orElse(cityLayers);
    }

    /**
     * Comma-separated {@code id=path.geojson[#nameProperty]}.
     *
     * @throws IllegalArgumentException naming the spec that is wrong
     */
    public static List<ZoneLayerSpec> parse(String text) {
        List<ZoneLayerSpec> layers = new ArrayList<>();
        for (String spec : text.split(",")) {
            layers.add(ZoneLayerSpec.parse(spec.strip()));
        }
        return List.copyOf(layers);
    }
}
