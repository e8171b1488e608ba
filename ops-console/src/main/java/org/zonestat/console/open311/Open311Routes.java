package org.zonestat.console.open311;

import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.zonestat.console.Access;
import org.zonestat.console.OpsConsoleApp;
import org.zonestat.console.Role;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.community.BoundedBody;
import org.zonestat.console.community.IntakeWriter;
import org.zonestat.console.community.PlaceNames;
import org.zonestat.console.community.RateLimiter;
import org.zonestat.console.scorecard.Open311Requests;
import org.zonestat.geo.ZoneCatalog;

/**
 * Open311 GeoReport v2, every endpoint in JSON and XML ({@link GeoReportFormat}):
 *
 * <ul>
 *   <li>{@code GET /open311/discovery.{json,xml}}: the service discovery document;
 *   <li>{@code GET /open311/v2/services.{json,xml}} and {@code services/{code}.{json,xml}}: the
 *       city's {@link ServiceList} and a service's attributes;
 *   <li>{@code POST /open311/v2/requests.{json,xml}}: a new request ({@link ServiceRequestForm},
 *       kept by {@link Open311Intake}), with a console token as {@code api_key};
 *   <li>{@code GET /open311/v2/requests.{json,xml}} ({@link Open311Query}, most recently requested
 *       first, at most {@value #LIMIT}) and {@code requests/{id}.{json,xml}} (an array of one),
 *       each a {@link GeoReportRequest};
 *   <li>{@code GET /open311/v2/tokens/{token}.{json,xml}}: every service is {@code realtime}, so a
 *       token is the request's id; it is answered once the request can be read (it has gone through
 *       the job), 404 before.
 * </ul>
 *
 * <p>Every error, whatever raised it, is GeoReport's error array ({@link GeoReportError}): 400 for
 * a bad argument (naming it), 403 for a missing or unknown {@code api_key}, 404 for an unknown
 * service, request or token, 413 for a body over {@link Open311Settings#maxBodyBytes}, 429 for too
 * many posts from one key or one address.
 *
 * <p>Access: reads need no token, but a token that is sent must be valid; staff (dispatchers,
 * analysts, admins) also get addresses and positions, as on every path (the location rule of {@link
 * Role}). Thread-safe.
 */
public final class Open311Routes implements RouteGroup {
    static final int LIMIT = 1000;
    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

    private final Open311Requests requests;
    private final ZoneId timeZone;
    private final Open311Settings settings;
    private final Access access;
    private final Supplier<ZoneCatalog> catalog;
    private final Supplier<PlaceNames> places;
    private final Open311Intake intake;
    private final RateLimiter perKey;
    private final RateLimiter perAddress;

    /**
     * @param requests the 311 requests folded from the {@code events} topic
     * @param timeZone the city's, for the local date-times
     * @param settings services, limits and where posted requests go
     * @param access the console's tokens, which are the API keys
     * @param catalog the city's zones as they are now: a posted location must lie in one
     * @param writer writes posted requests; null serves the read endpoints only (a post is 400)
     */
    public Open311Routes(
            Open311Requests requests,
            ZoneId timeZone,
            Open311Settings settings,
            Access access,
            Supplier<ZoneCatalog> catalog,
            IntakeWriter writer) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.access = Objects.requireNonNull(access, "access");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.places = PlaceNames.following(catalog);
        this.intake =
                writer == null
                        ? null
                        : new Open311Intake(
                                writer,
                                settings.requestsTopic(),
                                settings.contactsTopic(),
                                settings.clock(),
                                timeZone,
                                settings.ids());
        this.perKey =
                new RateLimiter(
                        "requests for this api_key",
                        settings.postsPerKey(),
                        settings.rateWindow(),
                        settings.clock());
        this.perAddress =
                new RateLimiter(
                        "requests from this address",
                        settings.postsPerAddress(),
                        settings.rateWindow(),
                        settings.clock());
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes.before(
                "/open311/*", ctx -> OpsConsoleApp.useErrorWriter(ctx, GeoReportError::write));
        for (String ext : List.of("json", "xml")) {
            cfg.routes
                    .get("/open311/discovery." + ext, this::discovery, Access.OPEN)
                    .get("/open311/v2/services." + ext, this::services, Access.OPEN)
                    .get("/open311/v2/services/{code}." + ext, this::definition, Access.OPEN)
                    .post("/open311/v2/requests." + ext, this::post, Access.OPEN)
                    .get("/open311/v2/requests." + ext, this::list, Access.TOKEN_IF_SENT)
                    .get("/open311/v2/requests/{id}." + ext, this::one, Access.TOKEN_IF_SENT)
                    .get("/open311/v2/tokens/{token}." + ext, this::token, Access.OPEN);
        }
    }

    private void discovery(Context ctx) {
        String base = ctx.scheme() + "://" + ctx.host() + "/open311/v2";
        GeoReportDiscovery d =
                new GeoReportDiscovery(
                        settings.changeset(),
                        settings.contact(),
                        settings.keyService(),
                        List.of(
                                new GeoReportDiscovery.Endpoint(
                                        SPECIFICATION,
                                        base,
                                        settings.changeset(),
                                        "production",
                                        List.of(
                                                GeoReportFormat.XML.contentType().split(";")[0],
                                                GeoReportFormat.JSON.contentType()
                                                        .split(";")[0]))));
        format(ctx).writeObject(ctx, d, "discovery");
    }

    private void services(Context ctx) {
        format(ctx)
                .writeList(
                        ctx,
                        settings.services().all().stream().map(GeoReportService::of).toList(),
                        "services",
                        "service");
    }

    private void definition(Context ctx) {
        String code = ctx.pathParam("code");
        ServiceList.Service s =
                settings.services()
                        .byCode(code)
                        .orElseThrow(
                                () ->
                                        new NotFoundResponse(
                                                "service_code '" + code + "' was not found"));
        format(ctx).writeObject(ctx, GeoReportDefinition.of(s), "service_definition");
    }

    private void post(Context ctx) {
        Map<String, List<String>> form =
                BoundedBody.form(BoundedBody.text(ctx, settings.maxBodyBytes()));
        List<String> keys = form.getOrDefault("api_key", List.of());
        String apiKey = keys.isEmpty() ? null : keys.get(0).strip();
        if (apiKey == null || apiKey.isEmpty()) {
            throw new ForbiddenResponse("api_key is required: use a console access token");
        }
        if (access.roleOf(apiKey).isEmpty()) {
            throw new ForbiddenResponse("invalid api_key");
        }
        perAddress.acquire(ctx, null);
        perKey.acquire(ctx, apiKey);
        if (intake == null) {
            throw new BadRequestResponse("this server does not take new requests");
        }
        ServiceRequestForm request =
                ServiceRequestForm.read(form, settings.services(), catalog.get(), places.get());
        Open311Intake.Accepted accepted;
        try {
            accepted = intake.submit(request);
        } catch (IntakeWriter.IntakeUnavailableException e) {
            throw new BadRequestResponse(
                    "the request could not be stored and nothing was kept: try again later");
        }
        String notice =
                "Expected by "
                        + GeoReportRequest.local(accepted.expectedAt(), timeZone)
                        + " ("
                        + request.service().serviceLevel().toDays()
                        + " days)";
        format(ctx)
                .writeList(
                        ctx,
                        List.of(new GeoReportPosted(accepted.serviceRequestId(), notice, null)),
                        "service_requests",
                        "request");
    }

    private void list(Context ctx) {
        Open311Query query =
                Open311Query.parse(ctx::queryParam, settings.services())
                        .resolve(requests.newestRequested());
        boolean exact = exact(ctx);
        format(ctx)
                .writeList(
                        ctx,
                        requests.find(query, LIMIT).stream()
                                .map(
                                        r ->
                                                GeoReportRequest.of(
                                                        r, settings.services(), timeZone, exact))
                                .toList(),
                        "service_requests",
                        "request");
    }

    private void one(Context ctx) {
        String id = ctx.pathParam("id");
        Open311Requests.ServiceRequest r =
                requests.get(id)
                        .orElseThrow(
                                () ->
                                        new NotFoundResponse(
                                                "service_request_id '" + id + "' was not found"));
        format(ctx)
                .writeList(
                        ctx,
                        List.of(GeoReportRequest.of(r, settings.services(), timeZone, exact(ctx))),
                        "service_requests",
                        "request");
    }

    private void token(Context ctx) {
        String token = ctx.pathParam("token");
        Open311Requests.ServiceRequest r =
                requests.get(token)
                        .orElseThrow(
                                () ->
                                        new NotFoundResponse(
                                                "token '"
                                                        + token
                                                        + "' was not found (a new request shows here"
                                                        + " once it has been processed)"));
        format(ctx)
                .writeList(
                        ctx,
                        List.of(new GeoReportToken(r.id(), token)),
                        "service_requests",
                        "request");
    }

    private static GeoReportFormat format(Context ctx) {
        return GeoReportFormat.of(ctx.path());
    }

    private static boolean exact(Context ctx) {
        return Access.optionalRole(ctx).map(Role::maySeeExactLocation).orElse(false);
    }
}
