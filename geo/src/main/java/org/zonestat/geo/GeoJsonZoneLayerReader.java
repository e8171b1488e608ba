package org.zonestat.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.CoordinateArraySequence;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.slf4j.LoggerFactory;

/**
 * Reads a GeoJSON FeatureCollection of Polygon / MultiPolygon features (holes allowed) into a
 * {@link ZoneLayer}.
 *
 * <ul>
 *   <li>The zone name comes from a configurable feature property; a feature without it is named
 *       {@code "<layer id> #<position>"}.
 *   <li>Invalid polygons (self-intersections, self-touching rings, as in real city files) are
 *       repaired with JTS's {@link GeometryFixer}, and a warning names the zone.
 *   <li>Features with other geometry types are skipped with a warning; a file that cannot be read,
 *       is not a FeatureCollection, or yields no polygon fails with an {@link
 *       InvalidZoneLayerException} naming the source and the problem.
 * </ul>
 *
 * <p>Warnings go to the SLF4J logger of this class, or to the {@link Warnings} given to the
 * constructor.
 *
 * <p>Holds no state between reads; safe for concurrent use if its {@link Warnings} is.
 */
public final class GeoJsonZoneLayerReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    /** Receives one human-readable message per repaired or skipped feature. */
    @FunctionalInterface
    public interface Warnings {
        void warn(String message);
    }

    private final Warnings warnings;

    /** A reader that logs warnings (level WARN). */
    public GeoJsonZoneLayerReader() {
        // The logger is looked up at the first warning: a reader given its own Warnings (the tag
        // command) never starts the logging backend.
        this(message -> LoggerFactory.getLogger(GeoJsonZoneLayerReader.class).warn(message));
    }

    /** A reader that sends warnings to {@code warnings}. */
    public GeoJsonZoneLayerReader(Warnings warnings) {
        this.warnings = warnings;
    }

    /** Reads a layer from a file; {@code source} in messages is the file's path. */
    public ZoneLayer read(String layerId, String title, Path file, String nameProperty) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(layerId, title, in, nameProperty, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidZoneLayerException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidZoneLayerException(file + ": cannot read the file: " + e, e);
        }
    }

    /** Reads a layer from a stream; {@code source} names it in messages (a path or a resource). */
    public ZoneLayer read(
            String layerId, String title, InputStream in, String nameProperty, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new InvalidZoneLayerException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw new InvalidZoneLayerException(source + ": not a GeoJSON FeatureCollection");
        }
        JsonNode features = root.path("features");
        if (!features.isArray()) {
            throw new InvalidZoneLayerException(
                    source + ": FeatureCollection has no 'features' array");
        }
        List<Zone> zones = new ArrayList<>();
        int position = 0;
        for (JsonNode feature : features) {
            position++;
            Map<String, String> properties = properties(feature.path("properties"));
            String name = properties.get(nameProperty);
            if (name == null || name.isBlank()) {
                name = layerId + " #" + position;
            }
            JsonNode geometryNode = feature.path("geometry");
            String type = geometryNode.path("type").asText("");
            if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
                warnings.warn(
                        String.format(
                                "%s: feature %d ('%s') has geometry type '%s', not a polygon: skipped",
                                source, position, name, type));
                continue;
            }
            Geometry geometry;
            try {
                geometry = polygonal(geometryNode, type);
            } catch (RuntimeException e) {
                throw new InvalidZoneLayerException(
                        source
                                + ": feature "
                                + position
                                + " ('"
                                + name
                                + "') has unreadable geometry: "
                                + e.getMessage(),
                        e);
            }
            if (!geometry.isValid()) {
                Geometry fixed = GeometryFixer.fix(geometry);
                warnings.warn(
                        String.format(
                                "%s: zone '%s' of layer '%s' has an invalid polygon (%s); repaired with GeometryFixer (area %.6g -> %.6g deg²)",
                                source,
                                name,
                                layerId,
                                new IsValidOp(geometry).getValidationError(),
                                geometry.getArea(),
                                fixed.getArea()));
                geometry = fixed;
            }
            if (geometry.isEmpty() || !(geometry instanceof Polygonal)) {
                warnings.warn(
                        String.format(
                                "%s: zone '%s' has no polygonal area after repair: skipped",
                                source, name));
                continue;
            }
            geometry.setSRID(4326);
            zones.add(new Zone(zones.size(), name, geometry, properties));
        }
        if (zones.isEmpty()) {
            throw new InvalidZoneLayerException(
                    source + ": layer '" + layerId + "' has no polygons");
        }
        return new ZoneLayer(layerId, title, nameProperty, zones);
    }

    /**
     * The Polygon or MultiPolygon of a GeoJSON geometry, built from the parsed JSON as JTS's {@code
     * GeoJsonReader} builds it from text (the same coordinates, rings and polygons; a Polygon
     * without coordinates is empty), without writing the geometry out as text and parsing it again.
     *
     * @throws RuntimeException when the coordinates are not arrays of numbers or a ring is not a
     *     closed ring
     */
    private static Geometry polygonal(JsonNode geometry, String type) {
        JsonNode coordinates = geometry.path("coordinates");
        if (type.equals("Polygon")) {
            if (coordinates.isMissingNode() || coordinates.isNull() || coordinates.isEmpty()) {
                return FACTORY.createPolygon();
            }
            return polygon(coordinates);
        }
        if (!coordinates.isArray()) {
            throw new IllegalArgumentException("a MultiPolygon needs an array of polygons");
        }
        Polygon[] polygons = new Polygon[coordinates.size()];
        int p = 0;
        for (JsonNode rings : coordinates) {
            if (rings.isEmpty()) {
                continue; // as GeoJsonReader: the polygon stays null, which the factory refuses
            }
            polygons[p++] = polygon(rings);
        }
        return FACTORY.createMultiPolygon(polygons);
    }

    private static Polygon polygon(JsonNode rings) {
        if (!rings.isArray()) {
            throw new IllegalArgumentException("a polygon needs an array of rings");
        }
        LinearRing shell = FACTORY.createLinearRing(sequence(rings.get(0)));
        LinearRing[] holes = null;
        if (rings.size() > 1) {
            holes = new LinearRing[rings.size() - 1];
            for (int i = 1; i < rings.size(); i++) {
                holes[i - 1] = FACTORY.createLinearRing(sequence(rings.get(i)));
            }
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static CoordinateSequence sequence(JsonNode positions) {
        if (!positions.isArray()) {
            throw new IllegalArgumentException("a ring needs an array of positions");
        }
        CoordinateSequence sequence = new CoordinateArraySequence(positions.size());
        for (int i = 0; i < positions.size(); i++) {
            JsonNode position = positions.get(i);
            if (!position.isArray()) {
                throw new IllegalArgumentException("a position needs an array of numbers");
            }
            for (int k = 0; k < Math.min(3, position.size()); k++) {
                JsonNode ordinate = position.get(k);
                if (!ordinate.isNumber()) {
                    throw new IllegalArgumentException("'" + ordinate + "' is not a number");
                }
                sequence.setOrdinate(i, k, ordinate.doubleValue());
            }
        }
        return sequence;
    }

    private static Map<String, String> properties(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    out.put(
                            e.getKey(),
                            e.getValue().isValueNode()
                                    ? e.getValue().asText()
                                    : e.getValue().toString());
                }
            }
        }
        return out;
    }

    /** Thrown when a zone layer cannot be read; the message names the source and the problem. */
    public static final class InvalidZoneLayerException extends RuntimeException {
        public InvalidZoneLayerException(String message) {
            super(message);
        }

        public InvalidZoneLayerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
