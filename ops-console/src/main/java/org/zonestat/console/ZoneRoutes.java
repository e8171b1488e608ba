package org.zonestat.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.zonestat.geo.ZoneCatalog;

/**
 * The zone layers for every role: {@code GET /api/layers} (id, title, zone count, name property, in
 * catalog order) and {@code GET /api/zones?layer=ID} (the layer as RFC 7946 GeoJSON, see {@link
 * ZoneGeoJson}). Serves the layers the supplier holds at each request, so an uploaded layer shows
 * at once.
 *
 * <p>Thread-safe.
 */
public final class ZoneRoutes implements RouteGroup {
    private final Supplier<ZoneCatalog> catalog;
    private final ZoneGeoJson geoJson;
    private final boolean warmUp;

    /** One entry of {@code GET /api/layers}. */
    public record LayerSummary(String id, String title, int zones, String nameProperty) {}

    /**
     * @param catalog the layers as they are now
     * @param warmUp whether to serialize every layer in the background when the server starts
     */
    public ZoneRoutes(Supplier<ZoneCatalog> catalog, boolean warmUp) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.geoJson = new ZoneGeoJson(catalog, ConsoleJson.newMapper());
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
        return catalog.get().layers().stream()
                .map(l -> new LayerSummary(l.id(), l.title(), l.size(), l.nameProperty()))
                .toList();
    }

    private void zones(Context ctx) {
        String layer = new LayerIdParam(LayerIdParam.ids(catalog.get().layers())).require(ctx);
        byte[] body = geoJson.featureCollection(layer).orElseThrow();
        ctx.contentType("application/geo+json").result(body);
    }
}
