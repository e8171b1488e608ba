package org.zonestat.console.sitevisit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.zonestat.console.ZoneGeoJson;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;

/**
 * A {@link SiteVisitPlan} as the files a planner downloads: CSV (RFC 4180, a header row, the
 * explanation always quoted) and GeoJSON (the layer's polygons in rank order, RFC 7946 at 6
 * decimals, each with its row as properties plus {@code asOf} and {@code days}).
 *
 * <p>Stateless and thread-safe.
 */
public final class SiteVisitExport {
    private static final JsonFactory JSON = new JsonFactory();

    private SiteVisitExport() {}

    /** RFC 4180 CSV with a header row; the explanation is always quoted. */
    public static String csv(SiteVisitPlan plan) {
        StringBuilder out =
                new StringBuilder(
                        "rank,layer,zone,score,homicides,shootings,otherViolent,openRequests,overdueRequests,explanation\r\n");
        for (SiteVisitPlan.Row r : plan.rows()) {
            out.append(r.rank())
                    .append(',')
                    .append(quote(plan.layer()))
                    .append(',')
                    .append(quote(r.zone()))
                    .append(',')
                    .append(number(r.score()))
                    .append(',')
                    .append(r.homicides())
                    .append(',')
                    .append(r.shootings())
                    .append(',')
                    .append(r.otherViolent())
                    .append(',')
                    .append(r.openRequests())
                    .append(',')
                    .append(r.overdueRequests())
                    .append(',')
                    .append('"')
                    .append(r.explanation().replace("\"", "\"\""))
                    .append("\"\r\n");
        }
        return out.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /**
     * The layer's polygons (RFC 7946, 6 decimals) with the row of each zone as properties, by rank.
     */
    public static byte[] geoJson(SiteVisitPlan plan, ZoneLayer layer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            json.writeArrayFieldStart("features");
            for (SiteVisitPlan.Row r : plan.rows()) {
                Zone zone = layer.zones().get(r.zoneIndex());
                json.writeStartObject();
                json.writeStringField("type", "Feature");
                json.writeNumberField("id", r.zoneIndex());
                json.writeFieldName("geometry");
                json.writeRawValue(ZoneGeoJson.geometry(zone.geometry()));
                json.writeObjectFieldStart("properties");
                json.writeStringField("layer", plan.layer());
                json.writeStringField("name", r.zone());
                json.writeNumberField("rank", r.rank());
                json.writeNumberField("score", r.score());
                json.writeNumberField("homicides", r.homicides());
                json.writeNumberField("shootings", r.shootings());
                json.writeNumberField("otherViolent", r.otherViolent());
                json.writeNumberField("openRequests", r.openRequests());
                json.writeNumberField("overdueRequests", r.overdueRequests());
                json.writeStringField("explanation", r.explanation());
                json.writeStringField("asOf", plan.asOf().toString());
                json.writeNumberField("days", plan.days());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site-visit plan as GeoJSON", e);
        }
        return out.toByteArray();
    }
}
