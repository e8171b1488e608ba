package org.zonestat.console.zones;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.zonestat.console.ConsoleLimits;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;

/**
 * An admin's zone-layer upload, checked: the layer id ({@code [a-z0-9][a-z0-9-]{0,63}}), the name
 * property and title (defaults: the current layer's, else {@code name} and the id), and the body, a
 * GeoJSON FeatureCollection read with the geo module's {@link GeoJsonZoneLayerReader} (the reader
 * the job uses: invalid rings repaired with a warning, other geometry types skipped) of which at
 * least one feature carries the name property, each zone within {@link ZoneShapeLimits} (WGS84
 * ranges, vertices, area). Anything else is a 400 saying what is wrong.
 *
 * <p>Immutable and thread-safe.
 *
 * @param featureCollection the body as sent, published as it is
 * @param zones the zones the reader found
 * @param warnings what the reader repaired or skipped
 */
public record ZoneUpload(
        String layerId,
        String title,
        String nameProperty,
        JsonNode featureCollection,
        int zones,
        List<String> warnings) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAYER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern NAME_PROPERTY = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public ZoneUpload {
        warnings = List.copyOf(warnings);
    }

    /**
     * @param layerId the path parameter
     * @param title the query parameter, or null
     * @param nameProperty the query parameter, or null
     * @param body the request body
     * @param current the layers as they are now (for the defaults)
     * @throws BadRequestResponse naming what is wrong
     */
    public static ZoneUpload read(
            String layerId, String title, String nameProperty, byte[] body, ZoneCatalog current) {
        return read(layerId, title, nameProperty, body, current, DEFAULT_LIMITS);
    }

    /** The limits {@link ConsoleLimits#defaults()} sets. */
    static final ZoneShapeLimits DEFAULT_LIMITS =
            new ZoneShapeLimits(
                    ConsoleLimits.defaults().zoneMaxVertices(),
                    ConsoleLimits.defaults().zoneMaxAreaKm2());

    /**
     * As {@link #read(String, String, String, byte[], ZoneCatalog)}, each zone also checked against
     * {@code limits} (WGS84 ranges, vertices, area).
     */
    public static ZoneUpload read(
            String layerId,
            String title,
            String nameProperty,
            byte[] body,
            ZoneCatalog current,
            ZoneShapeLimits limits) {
        if (!LAYER_ID.matcher(layerId).matches()) {
            throw new BadRequestResponse(
                    "path parameter 'layerId' must be lower-case letters, digits and '-'"
                            + " (at most 64, starting with a letter or digit), was '"
                            + layerId
                            + "'");
        }
        if (nameProperty == null || nameProperty.isBlank()) {
            nameProperty = current.layer(layerId).map(ZoneLayer::nameProperty).orElse("name");
        } else if (!NAME_PROPERTY.matcher(nameProperty).matches()) {
            throw new BadRequestResponse(
                    "query parameter 'nameProperty' must be a property name (letters, digits,"
                            + " '_', '.', ':', '-'), was '"
                            + nameProperty
                            + "'");
        }
        if (title == null || title.isBlank()) {
            title = current.layer(layerId).map(ZoneLayer::title).orElse(layerId);
        } else if (title.length() > 200) {
            throw new BadRequestResponse("query parameter 'title' must be at most 200 characters");
        }
        JsonNode featureCollection;
        try {
            featureCollection = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an upload held in memory", e);
        }
        List<String> warnings = new ArrayList<>();
        ZoneLayer layer;
        try {
            layer =
                    new GeoJsonZoneLayerReader(warnings::add)
                            .read(
                                    layerId,
                                    title,
                                    new ByteArrayInputStream(body),
                                    nameProperty,
                                    "the body");
        } catch (GeoJsonZoneLayerReader.InvalidZoneLayerException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        try {
            limits.check(layer);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("the body: " + e.getMessage());
        }
        String property = nameProperty;
        long named =
                layer.zones().stream().filter(z -> z.properties().containsKey(property)).count();
        if (named == 0) {
            throw new BadRequestResponse(
                    "the body: no feature has the name property '"
                            + nameProperty
                            + "' (set it per feature or choose another with ?nameProperty=)");
        }
        return new ZoneUpload(
                layerId, title, nameProperty, featureCollection, layer.size(), warnings);
    }
}
