package org.zonestat.geo.cli;

import java.util.ArrayList;
import java.util.List;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayerSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --layers}: the zone layers events are tagged with and the console shows, the same flag in
 * the job and the console. {@code baltimore} (the default) is the shipped Baltimore layers ({@link
 * ZoneCatalog#BALTIMORE_LAYERS}); anything else is a comma-separated list of {@code
 * id=path.geojson[#nameProperty]} ({@link ZoneLayerSpec#parse}). A picocli mixin.
 *
 * <p>Not thread-safe: set while the command line is parsed, read after.
 */
public final class LayerOptions {
    /** The value that stands for the shipped Baltimore layers. */
    public static final String BALTIMORE = "baltimore";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private List<ZoneLayerSpec> specs = ZoneCatalog.BALTIMORE_LAYERS;

    @Option(
            names = "--layers",
            paramLabel = "SPEC",
            defaultValue = BALTIMORE,
            description =
                    "The zone layers: baltimore (the shipped Baltimore layers), or comma-separated"
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

    /** The layers given, in order. */
    public List<ZoneLayerSpec> specs() {
        return specs;
    }

    /**
     * {@code baltimore}, or comma-separated {@code id=path.geojson[#nameProperty]}.
     *
     * @throws IllegalArgumentException naming the spec that is wrong
     */
    public static List<ZoneLayerSpec> parse(String text) {
        if (text.strip().equals(BALTIMORE)) {
            return ZoneCatalog.BALTIMORE_LAYERS;
        }
        List<ZoneLayerSpec> layers = new ArrayList<>();
        for (String spec : text.split(",")) {
            layers.add(ZoneLayerSpec.parse(spec.strip()));
        }
        return List.copyOf(layers);
    }
}
