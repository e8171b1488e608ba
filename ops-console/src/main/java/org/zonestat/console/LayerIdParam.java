package org.zonestat.console;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.zonestat.geo.ZoneLayer;

/**
 * Validates the {@code layer} query parameter against the known layers: missing or malformed is a
 * 400, well formed but unknown is a 404; both messages list the known layer ids.
 *
 * <p>Immutable and thread-safe.
 */
final class LayerIdParam {
    private static final Pattern WELL_FORMED = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final List<String> known;

    LayerIdParam(List<String> knownLayerIds) {
        this.known = List.copyOf(knownLayerIds);
    }

    /** The layer id from {@code ?layer=}, known to the catalog. */
    String require(Context ctx) {
        String raw = ctx.queryParam("layer");
        if (raw == null || raw.isBlank()) {
            throw new BadRequestResponse("query parameter 'layer' is required, one of " + known);
        }
        if (!WELL_FORMED.matcher(raw).matches()) {
            throw new BadRequestResponse(
                    "query parameter 'layer' must be a layer id (lower-case letters, digits and"
                            + " '-'), one of "
                            + known);
        }
        if (!known.contains(raw)) {
            throw new NotFoundResponse("unknown layer '" + raw + "', known layers: " + known);
        }
        return raw;
    }

    static List<String> ids(List<ZoneLayer> layers) {
        return layers.stream().map(ZoneLayer::id).toList();
    }
}
