package org.zonestat.console.scorecard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.JsonBody;
import org.zonestat.console.Role;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.ZoneLayers;
import org.zonestat.geo.ZoneCatalog;

/**
 * The HTTP side of the scorecard: {@code /api/scorecard}, {@code /api/public/scorecard}, {@code
 * /api/public/layers}, {@code /api/huddle}, {@code /api/report}, {@code /api/action-items} and the
 * {@code /huddle}, {@code /report} and {@code /public} pages. Every layer and zone parameter is
 * checked against the layers as they are at the request, so an uploaded layer is served at once.
 * Handlers only translate HTTP to calls on {@link HuddleServices}, {@link PublicScorecard} and the
 * validators {@link Params} and {@link ActionItemRequests}.
 *
 * <p>Access ({@link Access.Rule} per route): the scorecard, huddle, report and reading action items
 * need a dispatcher token or above; changing action items an analyst token or above; tip counts
 * analyst or above (a 403 from the {@code kinds} check). {@code /api/public/scorecard}, {@code
 * /api/public/layers} and the pages need no token.
 *
 * <p>Thread-safe.
 */
public final class ScorecardRoutes implements RouteGroup {
    static final List<Kind> PUBLIC_KINDS = PublicScorecard.KINDS;
    private static final List<Kind> NO_TIPS =
            Arrays.stream(Kind.values()).filter(k -> k != Kind.TIPS).toList();
    private static final Access.Rule STAFF =
            Access.staff(
                    "the %s role sees the aggregated public scorecard only: /api/public/scorecard");
    private static final Access.Rule CHANGE_ITEMS =
            Access.analyst("changing action items needs an analyst or admin token, this is %s");

    private final HuddleServices services;
    private final Supplier<ZoneCatalog> catalog;
    private final ToIntFunction<String> versions;
    private final Params params;

    /** One entry of {@code GET /api/public/layers}: what the public page's picker offers. */
    public record PublicLayer(String id, String title, int zones) {}

    /**
     * @param services the scorecard, huddle, report and action items
     * @param layers the layers and zones the parameters may name, and their versions, as they are
     *     now
     */
    public ScorecardRoutes(HuddleServices services, ZoneLayers layers) {
        this(services, layers, id -> layers.served().version(id));
    }

    /**
     * @param services the scorecard, huddle, report and action items
     * @param catalog the layers and zones the parameters may name, as they are now
     * @param versions a layer's version now (0 if not known)
     */
    public ScorecardRoutes(
            HuddleServices services,
            Supplier<ZoneCatalog> catalog,
            ToIntFunction<String> versions) {
        this.services = services;
        this.catalog = catalog;
        this.versions = versions;
        this.params = new Params(catalog);
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .get("/api/scorecard", this::scorecard, STAFF)
                .get("/api/public/scorecard", this::publicScorecard, Access.OPEN)
                .get("/api/public/layers", ctx -> ctx.json(publicLayers()), Access.OPEN)
                .get("/api/huddle", this::huddle, STAFF)
                .get("/api/report", this::report, STAFF)
                .get("/api/action-items", this::listItems, STAFF)
                .post("/api/action-items", this::createItem, CHANGE_ITEMS)
                .post("/api/action-items/{id}/assign", this::assignItem, CHANGE_ITEMS)
                .post("/api/action-items/{id}/close", this::closeItem, CHANGE_ITEMS)
                .get("/huddle", new ClasspathFile("public/huddle.html", "text/html"), Access.OPEN)
                .get("/report", new ClasspathFile("public/report.html", "text/html"), Access.OPEN)
                .get("/public", new ClasspathFile("public/public.html", "text/html"), Access.OPEN);
    }

    // --- Scorecard -----------------------------------------------------------------------------

    private void scorecard(Context ctx) {
        Role role = Access.role(ctx);
        String layer = params.layer(ctx, null);
        List<Kind> allowed = role.maySeeTips() ? List.of(Kind.values()) : NO_TIPS;
        ctx.json(query(ctx, layer, allowed));
    }

    /**
     * Per-zone aggregates for everyone: one complete calendar quarter, no tips, small counts
     * suppressed ({@link PublicScorecard}).
     */
    private void publicScorecard(Context ctx) {
        String layer = params.layer(ctx, services.settings().huddleLayer());
        for (String free : List.of("from", "to")) {
            if (ctx.queryParam(free) != null) {
                throw new BadRequestResponse(
                        "query parameter '"
                                + free
                                + "' is not offered to the public: the public scorecard is"
                                + " published per complete calendar quarter, ask"
                                + " quarter=YYYY-Qn");
            }
        }
        List<Kind> shown = Params.kinds(ctx, PUBLIC_KINDS, PUBLIC_KINDS);
        LocalDate latest = services.today(layer);
        PublicScorecard.Quarter quarter;
        try {
            String raw = ctx.queryParam("quarter");
            quarter =
                    raw == null || raw.isBlank()
                            ? PublicScorecard.Quarter.latestCompleteOn(latest)
                            : PublicScorecard.requireComplete(
                                    PublicScorecard.Quarter.parse(raw), latest);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("query parameter 'quarter' " + e.getMessage());
        }
        boolean compare = Params.comparePreviousYear(ctx);
        Double goal = compare ? Params.goal(ctx, services.settings().goalPercent()) : null;
        Scorecard card =
                services.scorecard()
                        .query(
                                new ScorecardQuery(
                                        layer,
                                        quarter.first(),
                                        quarter.last(),
                                        PUBLIC_KINDS,
                                        compare,
                                        goal),
                                params.zones(layer))
                        .withLayerVersion(versions.applyAsInt(layer));
        ctx.json(PublicScorecard.of(card, quarter, shown));
    }

    private List<PublicLayer> publicLayers() {
        return catalog.get().layers().stream()
                .map(l -> new PublicLayer(l.id(), l.title(), l.size()))
                .toList();
    }

    private Scorecard query(Context ctx, String layer, List<Kind> allowed) {
        List<Kind> kinds = Params.kinds(ctx, Kind.GUN_VIOLENCE, allowed);
        LocalDate to = Params.date(ctx, "to");
        LocalDate from = Params.date(ctx, "from");
        LocalDate today = services.today(layer);
        if (to == null) {
            to = from != null && from.isAfter(today) ? from : today;
        }
        if (from == null) {
            from = to.withDayOfYear(1);
        }
        Params.window(from, to);
        boolean compare = Params.comparePreviousYear(ctx);
        Double goal = compare ? Params.goal(ctx, services.settings().goalPercent()) : null;
        return services.scorecard()
                .query(
                        new ScorecardQuery(layer, from, to, kinds, compare, goal),
                        params.zones(layer))
                .withLayerVersion(versions.applyAsInt(layer));
    }

    // --- Huddle and report ---------------------------------------------------------------------

    private void huddle(Context ctx) {
        Role role = Access.role(ctx);
        String layer = params.layer(ctx, services.settings().huddleLayer());
        LocalDate date = Params.date(ctx, "date");
        if (date == null) {
            date = services.today(layer);
        }
        double goal = Params.goal(ctx, services.settings().goalPercent());
        ctx.json(
                new HuddleAnswer(
                        services.settings().rotateSeconds(),
                        services.board()
                                .build(layer, params.zones(layer), date, goal, role.maySeeTips())));
    }

    /** {@code GET /api/huddle}: the wall's seconds per zone and the cards. */
    public record HuddleAnswer(int rotateSeconds, HuddleBoard.Huddle huddle) {}

    private void report(Context ctx) {
        String layer = params.layer(ctx, services.settings().huddleLayer());
        String zone = params.zone("query parameter 'zone'", layer, ctx.queryParam("zone"));
        LocalDate monday = Params.weekMonday(ctx, () -> services.today(layer));
        double goal = Params.goal(ctx, services.settings().goalPercent());
        ctx.json(services.weeklyReport().build(layer, zone, monday, goal));
    }

    // --- Action items --------------------------------------------------------------------------

    private void listItems(Context ctx) {
        String layer = ctx.queryParam("layer") == null ? null : params.layer(ctx, null);
        String zone = ctx.queryParam("zone");
        if (zone != null && layer != null) {
            params.zone("query parameter 'zone'", layer, zone);
        }
        ActionItemRequests.Filter filter =
                new ActionItemRequests.Filter(layer, zone, ctx.queryParam("status"));
        ctx.json(services.actionItems().all().stream().filter(filter::matches).toList());
    }

    private void createItem(Context ctx) {
        ActionItemRequests.Create item =
                JsonBody.parse(ctx.body(), ActionItemRequests.Create.class);
        String layer = params.knownLayer("field 'layer'", item.layer());
        String zone = params.zone("field 'zone'", layer, item.zone());
        ctx.status(201)
                .json(
                        services.actionItems()
                                .create(
                                        layer,
                                        zone,
                                        item.what(),
                                        item.agency(),
                                        item.assignee(),
                                        item.dueDate()));
    }

    private void assignItem(Context ctx) {
        ActionItemRequests.Assign assign =
                JsonBody.parse(ctx.body(), ActionItemRequests.Assign.class);
        ctx.json(
                services.actionItems()
                        .assign(ctx.pathParam("id"), assign.agency(), assign.assignee())
                        .orElseThrow(() -> noItem(ctx)));
    }

    private void closeItem(Context ctx) {
        ActionItemRequests.Close close =
                ctx.body().isBlank()
                        ? new ActionItemRequests.Close(null)
                        : JsonBody.parse(ctx.body(), ActionItemRequests.Close.class);
        ctx.json(
                services.actionItems()
                        .close(ctx.pathParam("id"), close.note())
                        .orElseThrow(() -> noItem(ctx)));
    }

    private static NotFoundResponse noItem(Context ctx) {
        return new NotFoundResponse("no action item '" + ctx.pathParam("id") + "'");
    }
}
