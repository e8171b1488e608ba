package org.zonestat.console.fieldwork;

import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.HotCell;
import org.zonestat.console.JsonBody;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.scorecard.HuddleServices;
import org.zonestat.console.scorecard.Params;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLocator;
import org.zonestat.topics.ActivityKind;
import org.zonestat.topics.PlaceMessage;
import org.zonestat.topics.RawActivity;

/**
 * The places endpoints: {@code GET /api/places/priority} (the priority inspection list of a zone,
 * JSON, CSV or GeoJSON: {@link PlaceRanking}), {@code POST /api/places} (add a place), {@code POST
 * /api/places/close}, {@code POST /api/places/inspections} (record an inspection: an {@code
 * INSPECTION} activity naming the place, on {@code activities.raw}), and the {@code /places} page.
 * Place ids go in the body (they may hold {@code /} and spaces). Handlers translate HTTP to calls
 * on {@link FieldWork}, {@link PlaceRanking} and the validators.
 *
 * <p>Access: staff (dispatcher, analyst, admin) read the list and record inspections; adding and
 * closing places needs an analyst or admin token. Thread-safe.
 */
public final class PlaceRoutes implements RouteGroup {
    /** Hot cells are those of the 7-day Gi* windows, as on the huddle. */
    static final int HOT_CELL_WINDOW_DAYS = 7;

    private static final Access.Rule STAFF =
            Access.staff("the %s role does not see places (they rest on exact locations)");
    private static final Access.Rule CHANGE =
            Access.analyst("adding or closing places needs an analyst or admin token, this is %s");

    private final FieldWork work;
    private final HuddleServices huddle;
    private final Supplier<ZoneCatalog> catalog;
    private final Params params;

    public PlaceRoutes(FieldWork work, HuddleServices huddle, Supplier<ZoneCatalog> catalog) {
        this.work = work;
        this.huddle = huddle;
        this.catalog = catalog;
        this.params = new Params(catalog);
    }

    /** The JSON answer of the list. */
    public record Answer(
            String layer,
            String zone,
            LocalDate asOf,
            double radiusMeters,
            Map<String, Double> weights,
            int places,
            List<PlaceRanking.Row> rows) {}

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .get("/api/places/priority", this::priority, STAFF)
                .post("/api/places", this::add, CHANGE)
                .post("/api/places/close", this::close, CHANGE)
                .post("/api/places/inspections", this::inspect, STAFF)
                .get("/places", new ClasspathFile("public/places.html", "text/html"), Access.OPEN);
    }

    private void priority(Context ctx) {
        String layer = params.layer(ctx, huddle.settings().huddleLayer());
        String zone = params.zone("query parameter 'zone'", layer, ctx.queryParam("zone"));
        LocalDate asOf = Params.date(ctx, "asOf");
        if (asOf == null) {
            asOf = huddle.today(layer);
        }
        double radius = number(ctx, "radius", work.settings().placeRadiusMeters(), 1, 5_000);
        int limit = (int) number(ctx, "limit", 50, 1, 1_000);
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!Set.of("json", "csv", "geojson").contains(format)) {
            throw new BadRequestResponse(
                    "query parameter 'format' must be json, csv or geojson, was '" + format + "'");
        }
        ZoneId tz = huddle.settings().timeZone();
        Instant end = asOf.plusDays(1).atStartOfDay(tz).toInstant();
        List<PlaceMessage> inZone = openPlaces(layer, zone, asOf);
        Set<String> hot =
                huddle.hotCells().hot(layer, zone, HOT_CELL_WINDOW_DAYS, end).stream()
                        .map(HotCell::cell)
                        .collect(Collectors.toSet());
        List<PlaceRanking.Row> rows =
                new PlaceRanking(tz, radius)
                        .rank(
                                inZone,
                                asOf,
                                work.history(),
                                work.halos(),
                                hot,
                                work.activities().inspectionsByPlace(end));
        List<PlaceRanking.Row> top = rows.subList(0, Math.min(limit, rows.size()));
        String file =
                "priority-places-"
                        + layer
                        + "-"
                        + zone.replaceAll("[^A-Za-z0-9-]+", "_")
                        + "-"
                        + asOf;
        switch (format) {
            case "csv" ->
                    ctx.contentType("text/csv; charset=utf-8")
                            .header(
                                    "Content-Disposition",
                                    "attachment; filename=\"" + file + ".csv\"")
                            .result(PlaceExport.csv(top));
            case "geojson" ->
                    ctx.contentType("application/geo+json")
                            .header(
                                    "Content-Disposition",
                                    "attachment; filename=\"" + file + ".geojson\"")
                            .result(PlaceExport.geoJson(top, layer, zone, asOf));
            default ->
                    ctx.json(
                            new Answer(
                                    layer,
                                    zone,
                                    asOf,
                                    radius,
                                    PlaceRanking.WEIGHTS,
                                    inZone.size(),
                                    top));
        }
    }

    /** The places open on {@code asOf} whose location lies in the zone. */
    List<PlaceMessage> openPlaces(String layer, String zone, LocalDate asOf) {
        ZoneLocator locator = catalog.get().locator(layer).orElseThrow();
        return work.places().all().stream()
                .filter(p -> p.since() == null || !p.since().isAfter(asOf))
                .filter(p -> p.isOpen() || (p.closedOn() != null && p.closedOn().isAfter(asOf)))
                .filter(p -> zone.equals(locator.zoneName(p.lon(), p.lat())))
                .toList();
    }

    private void add(Context ctx) {
        FieldRequests.Place body = JsonBody.parse(ctx.body(), FieldRequests.Place.class);
        if (catalog.get().tag(body.lon(), body.lat()).isEmpty()) {
            throw new BadRequestResponse("the place at lat/lon lies in no zone of any layer");
        }
        Instant now = work.settings().clock().instant();
        PlaceMessage p =
                new PlaceMessage(
                        "console/" + UUID.randomUUID(),
                        body.name(),
                        body.category(),
                        body.address(),
                        body.lon(),
                        body.lat(),
                        PlaceMessage.OPEN,
                        body.since(),
                        null,
                        "console",
                        now);
        work.writer().place(p);
        work.places().accept(p.placeId(), p);
        ctx.status(201).json(p);
    }

    private void close(Context ctx) {
        FieldRequests.Close body = JsonBody.parse(ctx.body(), FieldRequests.Close.class);
        PlaceMessage p = place(body.placeId());
        LocalDate day = body.date() != null ? body.date() : today();
        PlaceMessage closed = p.closed(day, work.settings().clock().instant());
        work.writer().place(closed);
        work.places().accept(closed.placeId(), closed);
        ctx.json(closed);
    }

    private void inspect(Context ctx) {
        FieldRequests.Inspection body = JsonBody.parse(ctx.body(), FieldRequests.Inspection.class);
        PlaceMessage p = place(body.placeId());
        ZoneId tz = huddle.settings().timeZone();
        Instant now = work.settings().clock().instant();
        LocalDate day = body.date() != null ? body.date() : now.atZone(tz).toLocalDate();
        if (day.isAfter(now.atZone(tz).toLocalDate())) {
            throw new BadRequestResponse("field 'date' must not be in the future, was " + day);
        }
        Instant at =
                day.equals(now.atZone(tz).toLocalDate())
                        ? now
                        : day.atTime(12, 0).atZone(tz).toInstant();
        RawActivity a =
                new RawActivity(
                        "I-" + UUID.randomUUID(),
                        ActivityRoutes.SOURCE,
                        ActivityKind.INSPECTION.name(),
                        body.agency(),
                        at,
                        p.lat(),
                        p.lon(),
                        p.placeId(),
                        null,
                        body.outcome(),
                        null,
                        p.address(),
                        Map.of());
        work.writer().activity(a);
        ctx.status(202)
                .json(
                        new ActivityRoutes.Sent(
                                a.id(),
                                "activity/" + ActivityRoutes.SOURCE + "/" + a.id(),
                                a.occurredAt()));
    }

    private PlaceMessage place(String id) {
        return work.places()
                .get(id)
                .orElseThrow(() -> new NotFoundResponse("no place '" + id + "'"));
    }

    private LocalDate today() {
        return work.settings().clock().instant().atZone(huddle.settings().timeZone()).toLocalDate();
    }

    /** {@code ?name=} as a number in [min, max], or the fallback. */
    static double number(Context ctx, String name, double fallback, double min, double max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(
                    "query parameter '" + name + "' must be a number, was '" + raw + "'");
        }
        if (!(v >= min && v <= max)) {
            throw new BadRequestResponse(
                    "query parameter '"
                            + name
                            + "' must be from "
                            + min
                            + " to "
                            + max
                            + ", was "
                            + raw);
        }
        return v;
    }
}
