package org.zonestat.console;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;

/**
 * Serves each zone layer as an RFC 7946 GeoJSON FeatureCollection: lon/lat positions rounded to 6
 * decimals (about 0.1 m), exterior rings counterclockwise and holes clockwise, no {@code crs}
 * member. Each feature's properties are {@code layer}, {@code index} and {@code name}.
 *
 * <p>Coordinates are snapped to the grid first, so rounding cannot flip a ring's orientation.
 *
 * <p>A layer is serialized the first time it is asked for and the UTF-8 bytes are kept until the
 * catalog replaces that layer (an upload through the {@code zones} topic).
 *
 * <p>Thread-safe.
 */
public final class ZoneGeoJson {
    private static final int DECIMALS = 6;
    private static final PrecisionModel GRID = new PrecisionModel(Math.pow(10, DECIMALS));

    private final Supplier<ZoneCatalog> catalog;
    private final ObjectMapper mapper;
    private final Map<String, Written> cache = new ConcurrentHashMap<>();

    private record Written(ZoneLayer layer, byte[] bytes) {}

    public ZoneGeoJson(ZoneCatalog catalog, ObjectMapper mapper) {
        this(() -> catalog, mapper);
    }

    /** Serves the layers {@code catalog} holds at each request. */
    public ZoneGeoJson(Supplier<ZoneCatalog> catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    /**
     * Serializes every layer on a daemon thread so the first page load does not wait (the
     * neighborhoods take about a second). Requests for a layer being serialized wait for it.
     */
    public void warmUpInBackground() {
        Thread t =
                new Thread(
                        () -> catalog.get().layerIds().forEach(this::featureCollection),
                        "zonestat-geojson-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The layer as GeoJSON bytes, or empty if the catalog has no such layer. */
    public Optional<byte[]> featureCollection(String layerId) {
        return catalog.get()
                .layer(layerId)
                .map(
                        layer ->
                                cache.compute(
                                                layerId,
                                                (id, old) ->
                                                        old != null && old.layer() == layer
                                                                ? old
                                                                : new Written(layer, write(layer)))
                                        .bytes());
    }

    /**
     * An RFC 7946 geometry: 6 decimals (about 0.1 m), counter-clockwise shells, no CRS member.
     * Every GeoJSON the console serves writes its geometries through this.
     */
    public static String geometry(Geometry geometry) {
        GeoJsonWriter writer = new GeoJsonWriter(DECIMALS);
        writer.setEncodeCRS(false);
        writer.setForceCCW(true);
        return writer.write(onGrid(geometry));
    }

    private byte[] write(ZoneLayer layer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            json.writeArrayFieldStart("features");
            for (Zone zone : layer.zones()) {
                json.writeStartObject();
                json.writeStringField("type", "Feature");
                json.writeNumberField("id", zone.index());
                json.writeFieldName("geometry");
                json.writeRawValue(geometry(zone.geometry()));
                json.writeObjectFieldStart("properties");
                json.writeStringField("layer", layer.id());
                json.writeNumberField("index", zone.index());
                json.writeStringField("name", zone.name());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write GeoJSON for layer " + layer.id(), e);
        }
        return out.toByteArray();
    }

    /**
     * Snaps the geometry to the 6-decimal grid before orienting its rings: rounding after orienting
     * can flip a sliver ring of a square metre or so. The reducer keeps the result valid and drops
     * parts that collapse.
     */
    private static Geometry onGrid(Geometry geometry) {
        Geometry reduced = GeometryPrecisionReducer.reduce(geometry, GRID);
        return reduced.isEmpty() ? geometry : reduced;
    }
}
