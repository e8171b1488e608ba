package org.zonestat.console.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.LiveEventHub;
import org.zonestat.console.OpsConsoleApp;
import org.zonestat.console.PipelineCounters;
import org.zonestat.console.Role;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.topics.ActionItem;

/**
 * The HTTP side of the scorecard: {@code /api/scorecard}, {@code /api/public/scorecard}, {@code
 * /api/huddle}, {@code /api/report}, {@code /api/action-items}, the Open311 GeoReport v2 read
 * endpoints, {@code /metrics}, {@code /openapi.json} and the {@code /huddle}, {@code /report} and
 * {@code /public} pages. Handlers only translate HTTP to calls on {@link HuddleServices}.
 *
 * <p>Access ({@code /api/*} tokens are checked by {@link OpsConsoleApp} before these handlers):
 * scorecard, huddle, report and reading action items need a dispatcher token or above; changing
 * action items an analyst token or above; tip counts analyst or above. {@code /api/public/*}, the
 * pages and the OpenAPI file need no token. Open311 needs none either, but a token that is sent
 * must be valid, and only analysts and admins get addresses and coordinates. {@code /metrics} needs
 * a token of any role.
 *
 * <p>Thread-safe.
 */
public final class ScorecardRoutes {
    /** Counts from 1 to this minus one are shown as {@code "<5"} on the public scorecard. */
    public static final int SUPPRESS_BELOW = 5;

    static final List<Kind> PUBLIC_KINDS =
            List.of(
                    Kind.HOMICIDES,
                    Kind.SHOOTINGS,
                    Kind.OTHER_VIOLENT,
                    Kind.REQUESTS_OPENED,
                    Kind.REQUESTS_CLOSED);
    private static final List<Kind> NO_TIPS =
            Arrays.stream(Kind.values()).filter(k -> k != Kind.TIPS).toList();
    private static final int OPEN311_LIMIT = 1000;
    private static final Set<String> OPEN311_STATUSES = Set.of("open", "closed");

    private final HuddleServices services;
    private final AccessTokens tokens;
    private final Params params;
    private final PrometheusMetrics metrics;
    private final ObjectMapper mapper = ConsoleJson.newMapper();

    public ScorecardRoutes(
            HuddleServices services,
            ZoneCatalog catalog,
            AccessTokens tokens,
            LiveEventHub hub,
            Supplier<PipelineCounters.Snapshot> pipeline) {
        this.services = services;
        this.tokens = tokens;
        this.params = new Params(catalog);
        this.metrics = new PrometheusMetrics(hub, pipeline, services);
    }

    /** Adds the routes. */
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/api/scorecard", this::scorecard)
                .get("/api/public/scorecard", this::publicScorecard)
                .get("/api/huddle", this::huddle)
                .get("/api/report", this::report)
                .get("/api/action-items", this::listItems)
                .post("/api/action-items", this::createItem)
                .post("/api/action-items/{id}/assign", this::assignItem)
                .post("/api/action-items/{id}/close", this::closeItem)
                .get("/open311/v2/requests.json", this::open311Requests)
                .get("/open311/v2/requests/{id}.json", this::open311Request)
                .get("/metrics", this::metrics)
                .get(
                        "/openapi.json",
                        ctx -> resource(ctx, "zonestat/console/openapi.json", "application/json"))
                .get("/huddle", ctx -> resource(ctx, "public/huddle.html", "text/html"))
                .get("/report", ctx -> resource(ctx, "public/report.html", "text/html"))
                .get("/public", ctx -> resource(ctx, "public/public.html", "text/html"));
    }

    // --- Scorecard -----------------------------------------------------------------------------

    private void scorecard(Context ctx) {
        Role role = requireStaff(ctx);
        String layer = params.layer(ctx, null);
        List<Kind> allowed = role.maySeeTips() ? List.of(Kind.values()) : NO_TIPS;
        ctx.json(query(ctx, layer, Kind.GUN_VIOLENCE, allowed));
    }

    private Scorecard query(Context ctx, String layer, List<Kind> defaults, List<Kind> allowed) {
        List<Kind> kinds = Params.kinds(ctx, defaults, allowed);
        LocalDate to = Params.date(ctx, "to");
        LocalDate from = Params.date(ctx, "from");
        if (to == null) {
            to = from != null && from.isAfter(services.today(layer)) ? from : services.today(layer);
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
                        params.zones(layer));
    }

    /** Per-zone aggregates for everyone: no tips, counts 1–4 shown as "<5". */
    private void publicScorecard(Context ctx) {
        String layer = params.layer(ctx, services.settings().huddleLayer());
        Scorecard s = query(ctx, layer, Kind.GUN_VIOLENCE, PUBLIC_KINDS);
        List<Map<String, Object>> zones = new ArrayList<>();
        for (Scorecard.ZoneScore z : s.zones()) {
            Map<String, Object> zone = new LinkedHashMap<>();
            zone.put("zone", z.zone());
            zone.put("counts", suppressed(z.counts(), z.total()));
            zone.put("total", suppressed(z.total()));
            if (z.previous() != null) {
                zone.put("previous", suppressed(z.previous(), z.previousTotal()));
                zone.put("previousTotal", suppressed(z.previousTotal()));
                boolean shown = !isSmall(z.total()) && !isSmall(z.previousTotal());
                zone.put("change", shown ? z.change() : null);
                zone.put("changePercent", shown ? z.changePercent() : null);
                zone.put("metGoal", shown ? z.metGoal() : null);
            }
            zones.add(zone);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("layer", s.layer());
        body.put("from", s.from());
        body.put("to", s.to());
        body.put("compareFrom", s.compareFrom());
        body.put("compareTo", s.compareTo());
        body.put("kinds", s.kinds());
        body.put("goalPercent", s.goalPercent());
        body.put("suppressedBelow", SUPPRESS_BELOW);
        body.put("zones", zones);
        ctx.json(body);
    }

    static boolean isSmall(long n) {
        return n > 0 && n < SUPPRESS_BELOW;
    }

    /** A count as the public sees it: 0 and 5 or more as numbers, 1–4 as the text {@code <5}. */
    static Object suppressed(long n) {
        return isSmall(n) ? "<" + SUPPRESS_BELOW : n;
    }

    /**
     * A zone's counts by kind as the public sees them. When one of them is 1–4 but their total is
     * shown, the others would give it away (total minus the rest), so then every count of the zone
     * is withheld (null) and only the total is shown.
     */
    static Map<String, Object> suppressed(Map<String, Long> counts, long total) {
        boolean anySmall = counts.values().stream().anyMatch(v -> v != null && isSmall(v));
        boolean withhold = anySmall && !isSmall(total);
        Map<String, Object> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v == null || withhold ? null : suppressed(v)));
        return out;
    }

    // --- Huddle and report ---------------------------------------------------------------------

    private void huddle(Context ctx) {
        Role role = requireStaff(ctx);
        String layer = params.layer(ctx, services.settings().huddleLayer());
        LocalDate date = Params.date(ctx, "date");
        if (date == null) {
            date = services.today(layer);
        }
        double goal = Params.goal(ctx, services.settings().goalPercent());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rotateSeconds", services.settings().rotateSeconds());
        body.put(
                "huddle",
                services.board().build(layer, params.zones(layer), date, goal, role.maySeeTips()));
        ctx.json(body);
    }

    private void report(Context ctx) {
        requireStaff(ctx);
        String layer = params.layer(ctx, services.settings().huddleLayer());
        String zone = params.zone("query parameter 'zone'", layer, ctx.queryParam("zone"));
        String week = ctx.queryParam("week");
        LocalDate monday;
        if (week == null || week.isBlank()) {
            monday = services.today(layer).with(java.time.DayOfWeek.MONDAY);
        } else {
            try {
                monday = WeeklyReport.monday(week.strip());
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(
                        "query parameter 'week' must be an ISO week like 2018-W27 ("
                                + e.getMessage()
                                + "), was '"
                                + week
                                + "'");
            }
        }
        double goal = Params.goal(ctx, services.settings().goalPercent());
        ctx.json(services.weeklyReport().build(layer, zone, monday, goal));
    }

    // --- Action items --------------------------------------------------------------------------

    private void listItems(Context ctx) {
        requireStaff(ctx);
        String layerRaw = ctx.queryParam("layer");
        String layer = layerRaw == null ? null : params.layer(ctx, null);
        String zone = ctx.queryParam("zone");
        if (zone != null) {
            if (layer == null) {
                throw new BadRequestResponse("query parameter 'zone' needs 'layer'");
            }
            params.zone("query parameter 'zone'", layer, zone);
        }
        String status = ctx.queryParam("status");
        if (status != null
                && !status.equals(ActionItem.OPEN)
                && !status.equals(ActionItem.CLOSED)) {
            throw new BadRequestResponse(
                    "query parameter 'status' must be open or closed, was '" + status + "'");
        }
        ctx.json(
                services.actionItems().all().stream()
                        .filter(i -> layer == null || i.layer().equals(layer))
                        .filter(i -> zone == null || i.zone().equals(zone))
                        .filter(i -> status == null || i.status().equals(status))
                        .toList());
    }

    private void createItem(Context ctx) {
        requireAnalyst(ctx);
        JsonNode body = body(ctx);
        String layer = params.knownLayer("field 'layer'", text(body, "layer", 64, true));
        String zone = params.zone("field 'zone'", layer, text(body, "zone", 200, true));
        String what = text(body, "what", 500, true);
        String agency = text(body, "agency", 100, true);
        String assignee = text(body, "assignee", 100, false);
        LocalDate due = dueDate(body);
        ctx.status(201)
                .json(services.actionItems().create(layer, zone, what, agency, assignee, due));
    }

    private void assignItem(Context ctx) {
        requireAnalyst(ctx);
        JsonNode body = body(ctx);
        String agency = text(body, "agency", 100, true);
        String assignee = text(body, "assignee", 100, false);
        ctx.json(
                services.actionItems()
                        .assign(ctx.pathParam("id"), agency, assignee)
                        .orElseThrow(() -> noItem(ctx)));
    }

    private void closeItem(Context ctx) {
        requireAnalyst(ctx);
        String note = ctx.body().isBlank() ? null : text(body(ctx), "note", 500, false);
        ctx.json(
                services.actionItems()
                        .close(ctx.pathParam("id"), note)
                        .orElseThrow(() -> noItem(ctx)));
    }

    private static NotFoundResponse noItem(Context ctx) {
        return new NotFoundResponse("no action item '" + ctx.pathParam("id") + "'");
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode n = mapper.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new BadRequestResponse("the request body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new BadRequestResponse("the request body is not valid JSON");
        }
    }

    private static String text(JsonNode body, String field, int maxLength, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadRequestResponse("field '" + field + "' is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new BadRequestResponse("field '" + field + "' must be a non-empty string");
        }
        String s = v.asText().strip();
        if (s.length() > maxLength) {
            throw new BadRequestResponse(
                    "field '" + field + "' must be at most " + maxLength + " characters");
        }
        return s;
    }

    private static LocalDate dueDate(JsonNode body) {
        String raw = text(body, "dueDate", 10, true);
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(
                    "field 'dueDate' must be a date like 2018-07-14, was '" + raw + "'");
        }
    }

    // --- Open311 -------------------------------------------------------------------------------

    private void open311Requests(Context ctx) {
        boolean exact = optionalRole(ctx).map(Role::maySeeTips).orElse(false);
        String ids = ctx.queryParam("service_request_id");
        Set<String> wanted =
                ids == null || ids.isBlank()
                        ? null
                        : Set.copyOf(Arrays.stream(ids.split(",")).map(String::strip).toList());
        String status = ctx.queryParam("status");
        if (status != null && !OPEN311_STATUSES.contains(status)) {
            throw new BadRequestResponse(
                    "query parameter 'status' must be open or closed, was '" + status + "'");
        }
        Instant start = Params.dateTime(ctx, "start_date");
        Instant end = Params.dateTime(ctx, "end_date");
        if (start != null && end != null && start.isAfter(end)) {
            throw new BadRequestResponse(
                    "query parameter 'start_date' must not be after 'end_date'");
        }
        Predicate<Open311Requests.ServiceRequest> filter =
                r ->
                        (wanted == null || wanted.contains(r.id()))
                                && (status == null || r.status().equals(status))
                                && (start == null || !r.requestedAt().isBefore(start))
                                && (end == null || !r.requestedAt().isAfter(end));
        ctx.json(
                services.requests().find(filter, OPEN311_LIMIT).stream()
                        .map(r -> open311(r, exact))
                        .toList());
    }

    private void open311Request(Context ctx) {
        boolean exact = optionalRole(ctx).map(Role::maySeeTips).orElse(false);
        String id = ctx.pathParam("id");
        Open311Requests.ServiceRequest r =
                services.requests()
                        .get(id)
                        .orElseThrow(() -> new NotFoundResponse("no service request '" + id + "'"));
        ctx.json(List.of(open311(r, exact)));
    }

    /** The GeoReport v2 fields; address and position only for analysts and admins. */
    private Map<String, Object> open311(Open311Requests.ServiceRequest r, boolean exact) {
        ZoneId tz = services.settings().timeZone();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", r.id());
        m.put("status", r.status());
        m.put("status_notes", r.statusText());
        m.put("service_name", r.serviceName());
        m.put("service_code", null);
        m.put("description", null);
        m.put("agency_responsible", null);
        m.put("service_notice", null);
        m.put("requested_datetime", r.requestedAt().atZone(tz).toOffsetDateTime().toString());
        m.put("updated_datetime", r.updatedAt().atZone(tz).toOffsetDateTime().toString());
        m.put(
                "expected_datetime",
                r.dueAt() == null ? null : r.dueAt().atZone(tz).toOffsetDateTime().toString());
        if (exact) {
            if (r.address() != null) {
                m.put("address", r.address());
            }
            m.put("lat", r.lat());
            m.put("long", r.lon());
        }
        return m;
    }

    // --- Metrics, files ------------------------------------------------------------------------

    private void metrics(Context ctx) {
        if (optionalRole(ctx).isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"zonestat\"");
            throw new UnauthorizedResponse(
                    "missing access token: send 'Authorization: Bearer <token>'");
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.text());
    }

    private static void resource(Context ctx, String path, String type) {
        try (InputStream in = ScorecardRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new NotFoundResponse("no such page");
            }
            ctx.contentType(type + "; charset=utf-8").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- Access --------------------------------------------------------------------------------

    private static Role role(Context ctx) {
        Role role = ctx.attribute(OpsConsoleApp.ROLE_ATTRIBUTE);
        if (role == null) {
            throw new UnauthorizedResponse("missing access token");
        }
        return role;
    }

    /** Dispatchers, analysts and admins; the public role gets the public scorecard instead. */
    private static Role requireStaff(Context ctx) {
        Role role = role(ctx);
        if (role == Role.PUBLIC) {
            throw new ForbiddenResponse(
                    "the public role sees the aggregated public scorecard only: /api/public/scorecard");
        }
        return role;
    }

    private static Role requireAnalyst(Context ctx) {
        Role role = role(ctx);
        if (role != Role.ANALYST && role != Role.ADMIN) {
            throw new ForbiddenResponse(
                    "changing action items needs an analyst or admin token, this is " + role.id());
        }
        return role;
    }

    /** The role of a bearer token if one is sent; a token that is sent and wrong is a 401. */
    private Optional<Role> optionalRole(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String token =
                header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Optional<Role> role = tokens.roleOf(token);
        if (role.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"zonestat\"");
            throw new UnauthorizedResponse("invalid access token");
        }
        return role;
    }
}
