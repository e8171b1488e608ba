package org.zonestat.console.fieldwork;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/**
 * A priority inspection list as the files an inspector downloads: CSV (RFC 4180, a header row, text
 * quoted when needed, the explanation always) and GeoJSON (RFC 7946 points at 6 decimals in rank
 * order, each with its row as properties plus {@code layer}, {@code zone} and {@code asOf}).
 *
 * <p>Stateless and thread-safe.
 */
public final class PlaceExport {
    private static final JsonFactory JSON = new JsonFactory();

    static final String CSV_HEADER =
            "rank,placeId,name,category,address,lon,lat,score,homicides90d,shootings90d,violent90d,"
                    + "violent365d,halos,hotCell,open311,overdue311,inspections365d,lastInspection,"
                    + "lastInspectionAgency,lastInspectionOutcome,recentlyInspected,explanation\r\n";

    private PlaceExport() {}

    public static String csv(List<PlaceRanking.Row> rows) {
        StringBuilder out = new StringBuilder(CSV_HEADER);
        for (PlaceRanking.Row r : rows) {
            PlaceRanking.Inspection last = r.lastInspection();
            out.append(r.rank())
                    .append(',')
                    .append(quote(r.placeId()))
                    .append(',')
                    .append(quote(r.name()))
                    .append(',')
                    .append(quote(r.category()))
                    .append(',')
                    .append(quote(r.address()))
                    .append(',')
                    .append(r.lon())
                    .append(',')
                    .append(r.lat())
                    .append(',')
                    .append(number(r.score()))
                    .append(',')
                    .append(r.homicides90d())
                    .append(',')
                    .append(r.shootings90d())
                    .append(',')
                    .append(r.violent90d())
                    .append(',')
                    .append(r.violent365d())
                    .append(',')
                    .append(r.halos())
                    .append(',')
                    .append(r.hotCell())
                    .append(',')
                    .append(r.open311())
                    .append(',')
                    .append(r.overdue311())
                    .append(',')
                    .append(r.inspections365d())
                    .append(',')
                    .append(last == null ? "" : last.date().toString())
                    .append(',')
                    .append(last == null ? "" : quote(last.agency()))
                    .append(',')
                    .append(last == null ? "" : quote(last.outcome()))
                    .append(',')
                    .append(r.recentlyInspected())
                    .append(",\"")
                    .append(r.explanation().replace("\"", "\"\""))
                    .append("\"\r\n");
        }
        return out.toString();
    }

    public static byte[] geoJson(
            List<PlaceRanking.Row> rows, String layer, String zone, LocalDate asOf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (PlaceRanking.Row r : rows) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeStringField("id", r.placeId());
                g.writeObjectFieldStart("geometry");
                g.writeStringField("type", "Point");
                g.writeArrayFieldStart("coordinates");
                g.writeNumber(round6(r.lon()));
                g.writeNumber(round6(r.lat()));
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("properties");
                g.writeNumberField("rank", r.rank());
                g.writeStringField("placeId", r.placeId());
                g.writeStringField("name", r.name());
                g.writeStringField("category", r.category());
                g.writeStringField("address", r.address());
                g.writeNumberField("score", r.score());
                g.writeNumberField("homicides90d", r.homicides90d());
                g.writeNumberField("shootings90d", r.shootings90d());
                g.writeNumberField("violent90d", r.violent90d());
                g.writeNumberField("violent365d", r.violent365d());
                g.writeNumberField("halos", r.halos());
                g.writeBooleanField("hotCell", r.hotCell());
                g.writeNumberField("open311", r.open311());
                g.writeNumberField("overdue311", r.overdue311());
                g.writeNumberField("inspections365d", r.inspections365d());
                g.writeStringField(
                        "lastInspection",
                        r.lastInspection() == null ? null : r.lastInspection().date().toString());
                g.writeBooleanField("recentlyInspected", r.recentlyInspected());
                g.writeStringField("explanation", r.explanation());
                g.writeStringField("layer", layer);
                g.writeStringField("zone", zone);
                g.writeStringField("asOf", asOf.toString());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
