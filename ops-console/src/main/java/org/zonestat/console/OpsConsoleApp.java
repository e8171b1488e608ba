package org.zonestat.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.replay.ReplayReader;
import org.zonestat.console.replay.ReplayRoutes;
import org.zonestat.console.sitevisit.SiteVisitRoutes;
import org.zonestat.console.zones.ZoneUploadRoutes;
import org.zonestat.geo.ZoneCatalog;

/**
 * The ops console's web application: REST endpoints, the {@code /ws/live} WebSocket and the map
 * page. {@link #create()} returns a configured Javalin that the caller starts and stops.
 *
 * <p>Access: every {@code /api/*} route except {@code /api/health} needs {@code Authorization:
 * Bearer <token>}; the WebSocket needs {@code ?token=}. Static assets (the page, its scripts and
 * Leaflet) are public: they hold no data.
 *
 * <p>Handlers only translate HTTP to calls on the collaborators. Thread-safe once created.
 */
public final class OpsConsoleApp {
    private static final Logger LOG = LoggerFactory.getLogger(OpsConsoleApp.class);

    /** The context attribute holding the caller's {@link Role} after authentication. */
    public static final String ROLE_ATTRIBUTE = "zonestat.role";

    /** The only API route that needs no token. */
    static final String HEALTH_PATH = "/api/health";

    /** API routes under this prefix need no token: aggregated data for everyone. */
    static final String PUBLIC_API_PREFIX = "/api/public/";

    private final Supplier<PipelineCounters.Snapshot> pipeline;

    private final ConsoleConfig config;
    private final ZoneCatalog catalog;
    private final AccessTokens tokens;
    private final LiveEventHub hub;
    private final Supplier<FeedHealth> feedHealth;
    private final ObjectMapper mapper = ConsoleJson.newMapper();
    private final ZoneGeoJson zoneGeoJson;
    private final LiveSocket liveSocket;
    private final String contentSecurityPolicy;
    private ReplayRoutes replay;
    private SiteVisitRoutes siteVisits;
    private volatile Supplier<ZoneCatalog> layers;
    private ZoneUploadRoutes zoneUploads;
    private final List<Consumer<JavalinDefaultRoutingApi>> extraRoutes = new ArrayList<>();

    /**
     * @param config web settings
     * @param catalog the zone layers to serve
     * @param tokens the accepted access tokens
     * @param hub the live events to push to WebSocket clients
     * @param feedHealth the state of whatever fills the hub, for {@code /api/health}
     */
    public OpsConsoleApp(
            ConsoleConfig config,
            ZoneCatalog catalog,
            AccessTokens tokens,
            LiveEventHub hub,
            Supplier<FeedHealth> feedHealth) {
        this(config, catalog, tokens, hub, feedHealth, null);
    }

    /**
     * @param pipeline the pipeline's reconciliation for {@code /api/pipeline}, or null when this
     *     console does not count it (the route then answers 404)
     */
    public OpsConsoleApp(
            ConsoleConfig config,
            ZoneCatalog catalog,
            AccessTokens tokens,
            LiveEventHub hub,
            Supplier<FeedHealth> feedHealth,
            Supplier<PipelineCounters.Snapshot> pipeline) {
        this.pipeline = pipeline;
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.feedHealth = Objects.requireNonNull(feedHealth, "feedHealth");
        this.layers = () -> catalog;
        this.zoneGeoJson = new ZoneGeoJson(this::catalog, mapper);
        this.liveSocket = new LiveSocket(hub, tokens, config, this::catalog);
        this.contentSecurityPolicy = contentSecurityPolicy(config.tileUrl());
    }

    /**
     * Serves {@code /replay}, {@code /api/replay} and {@code /api/site-visits} from {@code reader};
     * call before {@link #create()}.
     */
    public OpsConsoleApp withReplay(ReplayReader reader) {
        this.replay = new ReplayRoutes(reader);
        this.siteVisits = new SiteVisitRoutes(reader, this::catalog);
        return this;
    }

    /**
     * Serves the layers {@code layers} holds at each request (instead of the fixed catalog) and
     * accepts admins' uploads through {@code uploads} ({@code POST /api/zones/{layerId}}); call
     * before {@link #create()}.
     */
    public OpsConsoleApp withZoneLayers(ZoneLayers layers, ZoneUploadRoutes uploads) {
        this.layers = Objects.requireNonNull(layers, "layers");
        this.zoneUploads = Objects.requireNonNull(uploads, "uploads");
        return this;
    }

    /** The zone layers as they are now. */
    private ZoneCatalog catalog() {
        return layers.get();
    }

    /**
     * Adds routes registered by other classes (e.g. the scorecard's); {@code /api/*} routes among
     * them get the same token check. Call before {@link #create()}.
     */
    public OpsConsoleApp withRoutes(Consumer<JavalinDefaultRoutingApi> routes) {
        extraRoutes.add(Objects.requireNonNull(routes, "routes"));
        return this;
    }

    /** A configured, unstarted Javalin. */
    public Javalin create() {
        return Javalin.create(this::configure);
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        if (config.warmUpZones()) {
            cfg.events.serverStarted(zoneGeoJson::warmUpInBackground);
        }
        cfg.jsonMapper(new JavalinJackson(mapper, false));
        cfg.http.compressionStrategy = CompressionStrategy.GZIP;
        cfg.staticFiles.add("/public", Location.CLASSPATH);
        cfg.staticFiles.enableWebjars();
        cfg.http.maxRequestSize = ZoneUploadRoutes.MAX_LAYER_BYTES; // zone layer uploads
        // Pings keep idle clients open; a client that stops answering is dropped.
        Duration idleTimeout = config.pingInterval().multipliedBy(3);
        cfg.jetty.modifyWebSocketServletFactory(ws -> ws.setIdleTimeout(idleTimeout));
        cfg.routes
                .before(this::securityHeaders)
                .beforeMatched("/api/*", this::requireBearerToken)
                .get(HEALTH_PATH, ctx -> ctx.json(health()))
                .get("/api/layers", ctx -> ctx.json(layers()))
                .get("/api/pipeline", this::pipeline)
                .get("/api/zones", this::zones)
                .post("/api/zones/{layerId}", this::uploadZones)
                .get("/api/config", ctx -> ctx.json(pageConfig(ctx)))
                .get("/replay", ctx -> replayRoutes().page(ctx))
                .get("/api/replay", ctx -> replayRoutes().range(ctx))
                .get(
                        "/api/site-visits",
                        ctx -> {
                            replayRoutes();
                            siteVisits.plan(ctx);
                        })
                .wsBeforeUpgrade("/ws/live", this::requireQueryToken)
                .ws("/ws/live", liveSocket::configure)
                .exception(HttpResponseException.class, OpsConsoleApp::errorJson)
                .exception(Exception.class, OpsConsoleApp::internalError);
        extraRoutes.forEach(r -> r.accept(cfg.routes));
    }

    // --- Payloads ------------------------------------------------------------------------------

    /** The body of every 4xx/5xx answer. */
    public record ErrorBody(String error) {}

    /** {@code GET /api/health}. */
    public record Health(
            String status,
            long eventsSeen,
            long duplicatesDropped,
            int recentEvents,
            int websocketClients,
            FeedHealth kafka) {}

    /** One entry of {@code GET /api/layers}. */
    public record LayerSummary(String id, String title, int zones, String nameProperty) {}

    /** {@code GET /api/config}: what the page needs besides the data. */
    public record PageConfig(String role, String tileUrl, String tileAttribution, int maxMarkers) {}

    /** {@code GET /api/pipeline}: records in, rejected by reason, accepted, events written. */
    private void pipeline(io.javalin.http.Context ctx) {
        if (pipeline == null) {
            ctx.status(404).json(Map.of("error", "this console does not count the pipeline"));
            return;
        }
        ctx.json(pipeline.get());
    }

    private ReplayRoutes replayRoutes() {
        if (replay == null) {
            throw new io.javalin.http.NotFoundResponse(
                    "this console has no replay (no Kafka to read from)");
        }
        return replay;
    }

    private Health health() {
        LiveEventHub.Stats s = hub.stats();
        return new Health(
                "ok",
                s.eventsSeen(),
                s.duplicatesDropped(),
                s.recentEvents(),
                s.websocketClients(),
                feedHealth.get());
    }

    private void uploadZones(Context ctx) throws Exception {
        if (zoneUploads == null) {
            throw new io.javalin.http.NotFoundResponse(
                    "this console does not accept zone layer uploads");
        }
        zoneUploads.upload(ctx);
    }

    private void zones(Context ctx) {
        String layer = new LayerIdParam(LayerIdParam.ids(catalog().layers())).require(ctx);
        byte[] body = zoneGeoJson.featureCollection(layer).orElseThrow();
        ctx.contentType("application/geo+json").result(body);
    }

    private List<LayerSummary> layers() {
        return catalog().layers().stream()
                .map(l -> new LayerSummary(l.id(), l.title(), l.size(), l.nameProperty()))
                .toList();
    }

    private PageConfig pageConfig(Context ctx) {
        Role role = ctx.attribute(ROLE_ATTRIBUTE);
        return new PageConfig(
                role == null ? null : role.id(),
                config.tileUrl(),
                config.tileAttribution(),
                config.maxMarkers());
    }

    // --- Access --------------------------------------------------------------------------------

    private void requireBearerToken(Context ctx) {
        String path = ctx.path();
        if (path.equals(HEALTH_PATH)
                || path.equals(HEALTH_PATH + "/")
                || path.startsWith(PUBLIC_API_PREFIX)) {
            return;
        }
        String header = ctx.header("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).strip();
        }
        Optional<Role> role = tokens.roleOf(token);
        if (role.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"zonestat\"");
            throw new UnauthorizedResponse(
                    token == null
                            ? "missing access token: send 'Authorization: Bearer <token>'"
                            : "invalid access token");
        }
        ctx.attribute(ROLE_ATTRIBUTE, role.get());
    }

    private void requireQueryToken(Context ctx) {
        String token = ctx.queryParam("token");
        Optional<Role> role = tokens.roleOf(token);
        if (role.isEmpty()) {
            throw new UnauthorizedResponse(
                    token == null
                            ? "missing access token: connect to /ws/live?token=<token>"
                            : "invalid access token");
        }
        if (!role.get().mayWatchLive()) {
            throw new io.javalin.http.ForbiddenResponse(
                    "the "
                            + role.get().id()
                            + " role does not receive live events (exact locations)");
        }
    }

    private static void errorJson(HttpResponseException e, Context ctx) {
        ctx.status(e.getStatus()).json(new ErrorBody(e.getMessage()));
    }

    private static void internalError(Exception e, Context ctx) {
        LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .json(new ErrorBody("internal error, see the console log"));
    }

    // --- Headers -------------------------------------------------------------------------------

    private void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        // The page URL may carry ?token=; never send it on as a Referer (e.g. to a tile server).
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", contentSecurityPolicy);
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
