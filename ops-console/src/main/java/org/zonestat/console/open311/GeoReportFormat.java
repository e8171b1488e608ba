package org.zonestat.console.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.zonestat.console.ConsoleJson;

/**
 * The two formats of GeoReport v2, chosen by the resource's extension: {@code .xml} ({@code
 * text/xml}, the spec's required format) and {@code .json} ({@code application/json}), both UTF-8.
 *
 * <p>JSON is written from the payload records; XML is the same tree mapped back by the spec's
 * "Spark convention": a top-level array becomes a root element of the given name holding one item
 * element per entry ({@code <service_requests><request>...}), a nested array named in the plural
 * becomes an element of that name holding one element per entry named in the singular ({@code
 * <attributes><attribute>...}, {@code <values><value>}, {@code <formats><format>}), and a null is
 * an empty element. The XML starts with its declaration, {@code encoding="UTF-8"}.
 *
 * <p>Thread-safe.
 */
public enum GeoReportFormat {
    JSON("application/json; charset=utf-8"),
    XML("text/xml; charset=utf-8");

    private static final ObjectMapper JSON_MAPPER = ConsoleJson.newMapper();
    private static final XmlMapper XML_MAPPER =
            XmlMapper.builder().enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION).build();
    private static final Map<String, String> SINGULAR =
            Map.of(
                    "attributes", "attribute",
                    "values", "value",
                    "endpoints", "endpoint",
                    "formats", "format",
                    "errors", "error");

    private final String contentType;

    GeoReportFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The format a request path asks for: {@code .xml} is XML, anything else JSON. */
    public static GeoReportFormat of(String path) {
        return path != null && path.endsWith(".xml") ? XML : JSON;
    }

    /** Answers a list: a JSON array, or in XML a {@code root} element of {@code item} elements. */
    public void writeList(Context ctx, List<?> items, String root, String item) {
        ctx.contentType(contentType).result(list(items, root, item));
    }

    /** Answers one object: itself in JSON, a {@code root} element in XML. */
    public void writeObject(Context ctx, Object value, String root) {
        ctx.contentType(contentType).result(object(value, root));
    }

    /** The bytes of a list answer. */
    public byte[] list(List<?> items, String root, String item) {
        JsonNode tree = JSON_MAPPER.valueToTree(items);
        if (this == JSON) {
            return json(tree);
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        ArrayNode entries = wrapper.putArray(item);
        tree.forEach(e -> entries.add(spark(e)));
        return xml(wrapper, root);
    }

    /** The bytes of a one-object answer. */
    public byte[] object(Object value, String root) {
        JsonNode tree = JSON_MAPPER.valueToTree(value);
        return this == JSON ? json(tree) : xml(spark(tree), root);
    }

    /** Nested arrays as an element of their name holding singular-named elements. */
    private static JsonNode spark(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isArray()) {
                ObjectNode holder = out.putObject(f.getKey());
                ArrayNode entries = holder.putArray(singular(f.getKey()));
                v.forEach(e -> entries.add(spark(e)));
            } else {
                out.set(f.getKey(), spark(v));
            }
        }
        return out;
    }

    private static String singular(String plural) {
        String s = SINGULAR.get(plural);
        if (s != null) {
            return s;
        }
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural + "_item";
    }

    private static byte[] json(JsonNode tree) {
        try {
            return JSON_MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write GeoReport JSON", e);
        }
    }

    private static byte[] xml(JsonNode tree, String root) {
        try {
            return XML_MAPPER.writer().withRootName(root).writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write GeoReport XML", e);
        }
    }
}
