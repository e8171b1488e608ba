package org.zonestat.console.sitevisit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.zonestat.console.Access;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.LiveItem;
import org.zonestat.console.Role;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.ZoneGeoJson;
import org.zonestat.console.replay.ReplayReader;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;

/**
 * {@code GET /api/site-visits?layer=&asOf=YYYY-MM-DD[&days=28][&format=json|csv|geojson]}: the
 * {@link SiteVisitPlan} of a layer, read from the {@code events} and {@code alerts} topics through
 * a {@link ReplayReader}. Dispatchers, analysts and admins only (the public gets 403); tips are
 * never counted. Bad parameters get a 400 naming the parameter; an unknown layer a 404.
 *
 * <p>Thread-safe.
 */
public final class SiteVisitRoutes implements RouteGroup {
    public static final int DEFAULT_DAYS = 28;
    public static final int MAX_DAYS = 365;
    private static final List<String> FORMATS = List.of("json", "csv", "geojson");

    private final ReplayReader reader;
    private final Supplier<ZoneCatalog> catalog;
    private final ObjectMapper mapper = ConsoleJson.newMapper();

    /** The JSON answer: the plan plus how it was made. */
    public record Answer(
            String layer,
            LocalDate asOf,
            int days,
            java.time.Instant from,
            java.time.Instant until,
            Map<String, Double> weights,
            String source,
            List<SiteVisitPlan.Row> rows) {}

    /**
     * @param reader reads the topics
     * @param catalog the layers as they are now
     */
    public SiteVisitRoutes(ReplayReader reader, Supplier<ZoneCatalog> catalog) {
        this.reader = reader;
        this.catalog = catalog;
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/site-visits",
                this::plan,
                Access.staff(
                        "the %s role does not get site-visit plans (they rest on exact locations)"));
    }

    /** {@code GET /api/site-visits}. */
    private void plan(Context ctx) {
        Role role = Access.role(ctx);
        ZoneLayer layer = layer(ctx.queryParam("layer"));
        LocalDate asOf = asOf(ctx.queryParam("asOf"));
        int days = days(ctx.queryParam("days"));
        String format = format(ctx.queryParam("format"));
        // Tips are left out for every role: a plan may be shared beyond analysts.
        Predicate<LiveItem> keep =
                item -> !item.revealsTip() && role.maySee(item) && SiteVisitPlan.relevant(item);
        ReplayReader.Range range =
                reader.read(SiteVisitPlan.readFrom(asOf, days), SiteVisitPlan.until(asOf), keep);
        SiteVisitPlan plan = SiteVisitPlan.rank(layer, asOf, days, range.events(), range.alerts());
        String file = "site-visits-" + layer.id() + "-" + asOf;
        switch (format) {
            case "csv" ->
                    ctx.contentType("text/csv; charset=utf-8")
                            .header(
                                    "Content-Disposition",
                                    "attachment; filename=\"" + file + ".csv\"")
                            .result(csv(plan));
            case "geojson" ->
                    ctx.contentType("application/geo+json")
                            .header(
                                    "Content-Disposition",
                                    "attachment; filename=\"" + file + ".geojson\"")
                            .result(geoJson(plan, layer));
            default ->
                    ctx.json(
                            new Answer(
                                    plan.layer(),
                                    plan.asOf(),
                                    plan.days(),
                                    plan.from(),
                                    plan.until(),
                                    SiteVisitPlan.weights(),
                                    "events and alerts topics (violence by occurredAt; 311 HCD-* requests"
                                            + " by their latest update; overdue from overdue-311 alerts)",
                                    plan.rows()));
        }
    }

    private ZoneLayer layer(String raw) {
        ZoneCatalog c = catalog.get();
        if (raw == null || raw.isBlank()) {
            throw new BadRequestResponse(
                    "query parameter 'layer' is required, one of " + c.layerIds());
        }
        return c.layer(raw)
                .orElseThrow(
                        () ->
                                new NotFoundResponse(
                                        "query parameter 'layer' names unknown layer '"
                                                + raw
                                                + "', known layers: "
                                                + c.layerIds()));
    }

    private static LocalDate asOf(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadRequestResponse(
                    "query parameter 'asOf' is required, a date like 2018-07-07");
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeException e) {
            throw new BadRequestResponse(
                    "query parameter 'asOf' must be a date like 2018-07-07, was '" + raw + "'");
        }
    }

    private static int days(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_DAYS;
        }
        try {
            int days = Integer.parseInt(raw.strip());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse(
                "query parameter 'days' must be a whole number from 1 to "
                        + MAX_DAYS
                        + ", was '"
                        + raw
                        + "'");
    }

    private static String format(String raw) {
        if (raw == null || raw.isBlank()) {
            return "json";
        }
        if (!FORMATS.contains(raw)) {
            throw new BadRequestResponse(
                    "query parameter 'format' must be one of " + FORMATS + ", was '" + raw + "'");
        }
        return raw;
    }

    /** RFC 4180 CSV with a header row; the explanation is always quoted. */
    static String csv(SiteVisitPlan plan) {
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
    private byte[] geoJson(SiteVisitPlan plan, ZoneLayer layer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
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
