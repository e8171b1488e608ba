package org.zonestat.console.zones;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.zonestat.console.Access;
import org.zonestat.console.ConsoleLimits;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.ZoneLayers;
import org.zonestat.console.community.BoundedBody;

/**
 * {@code POST /api/zones/{layerId}?title=&nameProperty=}: an admin uploads a zone layer (a GeoJSON
 * FeatureCollection of polygons, the body) or a changed focus zone (the whole layer with that zone
 * edited). The upload is checked ({@link ZoneUpload}) and published to the {@code zones} topic
 * ({@link ZoneLayerPublisher}); the answer is 202 with the version and the offset. Non-admins get
 * 403; a bad layer id, query parameter or body gets 400 saying what is wrong, and nothing is
 * published.
 *
 * <p>Thread-safe.
 */
public final class ZoneUploadRoutes implements RouteGroup, AutoCloseable {
    /** The largest layer accepted, also the request size limit: see {@link ZoneLayerPublisher}. */
    public static final int MAX_LAYER_BYTES = ZoneLayerPublisher.MAX_LAYER_BYTES;

    private final ZoneLayers layers;
    private final ZoneLayerPublisher publisher;

    private final int maxBytes;
    private final ZoneShapeLimits shapes;

    public ZoneUploadRoutes(String bootstrapServers, String topic, ZoneLayers layers) {
        this(bootstrapServers, topic, layers, ConsoleLimits.defaults());
    }

    /** With the upload size and zone shape limits of {@code limits}. */
    public ZoneUploadRoutes(
            String bootstrapServers, String topic, ZoneLayers layers, ConsoleLimits limits) {
        this.layers = layers;
        this.publisher = new ZoneLayerPublisher(bootstrapServers, topic, layers);
        this.maxBytes = Math.min(limits.maxUploadBytes(), MAX_LAYER_BYTES);
        this.shapes = new ZoneShapeLimits(limits.zoneMaxVertices(), limits.zoneMaxAreaKm2());
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes.post(
                "/api/zones/{layerId}",
                this::upload,
                Access.admin("only the admin role may upload zone layers, not %s"));
    }

    /** {@code POST /api/zones/{layerId}}. */
    private void upload(Context ctx) throws Exception {
        ZoneUpload upload =
                ZoneUpload.read(
                        ctx.pathParam("layerId"),
                        ctx.queryParam("title"),
                        ctx.queryParam("nameProperty"),
                        BoundedBody.bytes(ctx, maxBytes),
                        layers.get(),
                        shapes);
        ctx.status(HttpStatus.ACCEPTED).json(publisher.publish(upload));
    }

    @Override
    public void close() {
        publisher.close();
    }
}
