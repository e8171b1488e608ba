package org.zonestat.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.zonestat.geo.ZoneLayer;

/**
 * The zone layers for every role: {@code GET /api/layers} (each layer's id, title, zone count, name
 * property, version, bounding box and zone names, in catalog order) and {@code GET
 * /api/zones?layer=ID} (the layer as RFC 7946 GeoJSON, see {@link ZoneGeoJson}). Serves the layers
 * {@link ZoneLayers} holds at each request, so an uploaded layer shows at once; the pages poll
 * {@code /api/layers} and redraw a layer whose version changed.
 *
 * <p>Thread-safe.
 */
public final class ZoneRoutes implements RouteGroup {
    private final ZoneLayers layers;
    private final ZoneGeoJson geoJson;
    private final boolean warmUp;

    /**
     * One entry of {@code GET /api/layers}.
     *
     * @param zones how many zones (features) the layer has
     * @param version 1 for a configured layer, then one more per upload (see {@link ZoneLayers})
     * @param bounds {@code [west, south, east, north]} ({@link LayerBounds})
     * @param names the distinct zone names, in the layer's order (what pickers offer)
     */
    public record LayerSummary(
            String id,
            String title,
            int zones,
            String nameProperty,
            int version,
            double[] bounds,
            List<String> names) {
        static LayerSummary of(ZoneLayer l, int version) {
            return new LayerSummary(
                    l.id(),
                    l.title(),
                    l.size(),
                    l.nameProperty(),
                    version,
                    LayerBounds.of(l),
                    ZoneLayers.zoneNames(l));
        }
    }

    /**
     * @param layers the layers as they are now
     * @param warmUp whether to serialize every layer in the background when the server starts
     */
    public ZoneRoutes(ZoneLayers layers, boolean warmUp) {
        this.layers = Objects.requireNonNull(layers, "layers");
        this.geoJson = new ZoneGeoJson(layers, ConsoleJson.newMapper());
        this.warmUp = warmUp;
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        if (warmUp) {
            cfg.events.serverStarted(geoJson::warmUpInBackground);
        }
        cfg.routes
                .get("/api/layers", ctx -> ctx.json(layers()), Access.ANY_ROLE)
                .get("/api/zones", this::zones, Access.ANY_ROLE);
    }

    private List<LayerSummary> layers() {
        ZoneLayers.Served now = layers.served();
        return now.catalog().layers().stream()
                .map(l -> LayerSummary.of(l, now.version(l.id())))
                .toList();
    }

    private void zones(Context ctx) {
        String layer = new LayerIdParam(LayerIdParam.ids(layers.get().layers())).require(ctx);
        byte[] body = geoJson.featureCollection(layer).orElseThrow();
        ctx.contentType("application/geo+json").result(body);
    }
}
