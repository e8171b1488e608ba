package org.zonestat.console;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.LengthRequiredResponse;
import io.javalin.http.RequestLogger;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops console's web application: the frame every {@link RouteGroup} is served in. {@link
 * #create()} returns a configured Javalin that the caller starts and stops.
 *
 * <p>The frame owns what all routes share: JSON through the console's mapper, gzip, the security
 * headers, the access check of {@link Access} before every route and WebSocket upgrade, the pages'
 * static files and Leaflet (open: they hold no data), {@code GET /api/config}, {@code GET
 * /openapi.json}, the JSON body of every error ({@code {"error": "..."}}, unless a group gives its
 * routes their own error body with {@link #useErrorWriter}) and the {@link AccessLog}. The routes
 * come from the groups, in the order given.
 *
 * <p>Thread-safe once created.
 */
public final class OpsConsoleApp {
    private static final Logger LOG = LoggerFactory.getLogger(OpsConsoleApp.class);

    private final ConsoleConfig config;
    private final Access access;
    private final List<RouteGroup> groups;
    private final Supplier<CityView> city;
    private final String contentSecurityPolicy;
    private final RequestLogger accessLog;
    private final ConsoleLimits limits;

    /**
     * Writes the body of an error answer for the routes of a group that has its own error format
     * (Open311's {@code [{"code": 400, "description": "..."}]}).
     */
    @FunctionalInterface
    public interface ErrorWriter {
        /** Writes the answer; the status is already set. */
        void write(Context ctx, int status, String message);
    }

    private static final String ERROR_WRITER = "zonestat.errorWriter";

    /** An app logging to SLF4J ({@link AccessLog}) whose {@code /api/config} names no city. */
    public OpsConsoleApp(ConsoleConfig config, Access access, List<RouteGroup> groups) {
        this(config, access, groups, new AccessLog());
    }

    /** An app whose {@code /api/config} names no city (the pages then use the first layer). */
    public OpsConsoleApp(
            ConsoleConfig config, Access access, List<RouteGroup> groups, RequestLogger accessLog) {
        this(config, access, groups, accessLog, () -> null);
    }

    /**
     * @param config web settings
     * @param access who may call which route
     * @param groups the routes to serve
     * @param accessLog writes one line per request (see {@link AccessLog})
     * @param city the city as {@code /api/config} shows it, asked at each request (its bounds
     *     follow the layers)
     */
    public OpsConsoleApp(
            ConsoleConfig config,
            Access access,
            List<RouteGroup> groups,
            RequestLogger accessLog,
            Supplier<CityView> city) {
        this(config, ConsoleLimits.defaults(), access, groups, accessLog, city);
    }

    /**
     * @param config web settings
     * @param limits request sizes (socket and upload limits are applied by their route groups)
     * @param access who may call which route
     * @param groups the routes to serve
     * @param accessLog writes one line per request (see {@link AccessLog})
     * @param city the city as {@code /api/config} shows it, asked at each request
     */
    public OpsConsoleApp(
            ConsoleConfig config,
            ConsoleLimits limits,
            Access access,
            List<RouteGroup> groups,
            RequestLogger accessLog,
            Supplier<CityView> city) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.config = Objects.requireNonNull(config, "config");
        this.access = Objects.requireNonNull(access, "access");
        this.groups = List.copyOf(groups);
        this.city = Objects.requireNonNull(city, "city");
        this.contentSecurityPolicy = contentSecurityPolicy(config.tileUrl());
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
    }

    /**
     * Makes this request's errors (a 4xx from the access check or the handler, a 404, a 500) be
     * written by {@code writer} instead of as {@code {"error": "..."}}; call it from a {@code
     * before} handler of the group's paths, which runs ahead of the access check.
     */
    public static void useErrorWriter(Context ctx, ErrorWriter writer) {
        ctx.attribute(ERROR_WRITER, writer);
    }

    /** A configured, unstarted Javalin. */
    public Javalin create() {
        return Javalin.create(this::configure);
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.jsonMapper(new JavalinJackson(ConsoleJson.newMapper(), false));
        cfg.http.compressionStrategy = CompressionStrategy.GZIP;
        // Bodies read by Javalin (every JSON route); uploads read their own, larger, bound.
        cfg.http.maxRequestSize = limits.maxRequestBytes();
        // The console keeps no server sessions: Javalin's WebSocket upgrade creates one to copy its
        // attributes, which must not come back as a cookie (refused upgrades included) nor stay.
        cfg.jetty.modifyServletContextHandler(
                handler -> {
                    if (handler.getSessionHandler() != null) {
                        handler.getSessionHandler().setUsingCookies(false);
                        handler.getSessionHandler().setMaxInactiveInterval(60);
                    }
                });
        cfg.requestLogger.http(accessLog);
        cfg.staticFiles.add("/public", Location.CLASSPATH, Set.of(Access.OPEN));
        cfg.staticFiles.add(
                webjars -> {
                    webjars.hostedPath = "/webjars";
                    webjars.directory = "META-INF/resources/webjars";
                    webjars.headers = Map.of(Header.CACHE_CONTROL, "max-age=31622400");
                    webjars.roles = Set.of(Access.OPEN);
                });
        cfg.routes
                .before(this::securityHeaders)
                .before(OpsConsoleApp::requireLength)
                .beforeMatched(access::check)
                .wsBeforeUpgrade(access::checkUpgrade)
                .get("/api/config", ctx -> ctx.json(pageConfig(ctx)), Access.ANY_ROLE)
                .get(
                        "/openapi.json",
                        new ClasspathFile("zonestat/console/openapi.json", "application/json"),
                        Access.OPEN)
                .exception(HttpResponseException.class, OpsConsoleApp::errorJson)
                .exception(Exception.class, OpsConsoleApp::internalError);
        groups.forEach(g -> g.addTo(cfg));
    }

    /**
     * The routes a created app serves, as {@code "METHOD /path"} (WebSocket endpoints as {@code
     * GET}), sorted: what {@code openapi.json} must describe.
     */
    public static SortedSet<String> routes(Javalin app) {
        SortedSet<String> routes = new TreeSet<>();
        for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
            if (e.endpoint.method.isHttpMethod()) {
                routes.add(e.endpoint.method.name() + " " + e.endpoint.path);
            }
        }
        app.unsafe.internalRouter.allWsHandlers().forEach(h -> routes.add("GET " + h.getPath()));
        return routes;
    }

    // --- Payloads ------------------------------------------------------------------------------

    /** The body of every 4xx/5xx answer. */
    public record ErrorBody(String error) {}

    /**
     * {@code GET /api/config}: what the page needs besides the data.
     *
     * @param city the city, or null when the app was given none
     */
    public record PageConfig(
            String role, String tileUrl, String tileAttribution, int maxMarkers, CityView city) {}

    private PageConfig pageConfig(Context ctx) {
        return new PageConfig(
                Access.role(ctx).id(),
                config.tileUrl(),
                config.tileAttribution(),
                config.maxMarkers(),
                city.get());
    }

    private static void errorJson(HttpResponseException e, Context ctx) {
        ctx.status(e.getStatus());
        ErrorWriter writer = ctx.attribute(ERROR_WRITER);
        if (writer != null) {
            writer.write(ctx, e.getStatus(), e.getMessage());
        } else {
            ctx.json(new ErrorBody(e.getMessage()));
        }
    }

    private static void internalError(Exception e, Context ctx) {
        HttpResponseException clientFault = clientFault(e);
        if (clientFault != null) {
            errorJson(clientFault, ctx);
            return;
        }
        // The route's template, not the path: a path may carry an id or a tip number.
        LOG.error("Unhandled error on {} {}", ctx.method(), ctx.endpoint().path, e);
        String message = "internal error, see the console log";
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
        ErrorWriter writer = ctx.attribute(ERROR_WRITER);
        if (writer != null) {
            writer.write(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(), message);
        } else {
            ctx.json(new ErrorBody(message));
        }
    }

    /**
     * What a failure reading the request says about the client: a charset nobody can decode is
     * {@code 415}, a body that ends before its {@code Content-Length} (or a dropped connection) is
     * {@code 400}; null when the failure is the console's own.
     */
    static HttpResponseException clientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.charset.UnsupportedCharsetException
                    || t instanceof java.nio.charset.IllegalCharsetNameException) {
                return new HttpResponseException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                        "the body's charset is not supported: send UTF-8");
            }
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return new HttpResponseException(
                        HttpStatus.BAD_REQUEST.getCode(),
                        "the body ended before its Content-Length");
            }
        }
        return null;
    }

    // --- Headers -------------------------------------------------------------------------------

    private void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        // The page URL may carry ?token=; never send it on as a Referer (e.g. to a tile server).
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", contentSecurityPolicy);
        // A credentialed answer holds what that role may see: no cache may keep it.
        if (ctx.header(Header.AUTHORIZATION) != null || ctx.queryParam("token") != null) {
            ctx.header(Header.CACHE_CONTROL, "no-store");
        }
    }

    /**
     * A body of unknown length (chunked) is refused with 411, so that every size limit can be
     * checked before a byte is read.
     */
    private static void requireLength(Context ctx) {
        boolean chunked =
                ctx.header(Header.TRANSFER_ENCODING) != null
                        && ctx.req().getContentLengthLong() < 0;
        if (chunked) {
            throw new LengthRequiredResponse(
                    "send the body with a Content-Length (chunked bodies are not accepted)");
        }
    }

    /** Same-origin only, plus the tile server's origin when tiles are configured. */
    static String contentSecurityPolicy(String tileUrl) {
        String images = "'self' data:" + (tileUrl == null ? "" : " " + tileOrigin(tileUrl));
        return String.join(
                "; ",
                "default-src 'self'",
                "img-src " + images,
                "style-src 'self' 'unsafe-inline'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "frame-ancestors 'none'");
    }

    /** The origin of a Leaflet tile URL template; a {@code {s}} subdomain becomes a wildcard. */
    private static String tileOrigin(String template) {
        URI uri = URI.create(template.replaceAll("\\{[a-z]+}", "0"));
        String host =
                template.contains("://{s}.") ? "*." + uri.getHost().substring(2) : uri.getHost();
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        return uri.getScheme() + "://" + host + port;
    }
}
