package org.zonestat.console.field;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.ClientOutbox;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.JettyTransport;
import org.zonestat.console.LiveEventHub;
import org.zonestat.console.LiveSocket;
import org.zonestat.console.LiveSubscription;
import org.zonestat.console.LiveUnit;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.ZoneGeoJson;
import org.zonestat.console.units.UnitRoster;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;

/**
 * The handheld view of one unit: {@code GET /field} (the phone-sized page; it asks for the unit's
 * token), {@code GET /api/field} (its assignment, zones, position and dosage timer) and {@code WS
 * /ws/field?token=} (what {@link FieldFilter} lets through, pushed as the live map's messages,
 * starting with a snapshot as soon as it connects: the server chooses, the handheld does not
 * subscribe). Each route takes a unit token ({@link UnitTokens}: {@code Authorization: Bearer} for
 * the API, {@code ?token=} for the socket), never a console token; a missing or unknown one is a
 * 401 and no upgrade.
 *
 * <p>Thread-safe.
 */
public final class FieldRoutes implements RouteGroup {
    public static final String PAGE = "/field";
    public static final String API = "/api/field";
    public static final String SOCKET = "/ws/field";

    private final UnitTokens tokens;
    private final UnitRoster roster;
    private final LiveEventHub hub;
    private final ConsoleConfig config;
    private final Supplier<ZoneCatalog> layers;
    private final ZoneId timeZone;
    private final ObjectMapper mapper = ConsoleJson.newMapper();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    private record Connection(ClientOutbox outbox, LiveEventHub.Subscription subscription) {}

    /**
     * @param tokens the handhelds' tokens
     * @param roster the units' positions and visits
     * @param hub the live items
     * @param config ping interval and per-client queue limit
     * @param layers the zone layers as they are now (for the assignment's polygons)
     * @param timeZone the city's, for the page's clock
     */
    public FieldRoutes(
            UnitTokens tokens,
            UnitRoster roster,
            LiveEventHub hub,
            ConsoleConfig config,
            Supplier<ZoneCatalog> layers,
            ZoneId timeZone) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.config = Objects.requireNonNull(config, "config");
        this.layers = Objects.requireNonNull(layers, "layers");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
    }

    /**
     * {@code GET /api/field}.
     *
     * @param unit the device id the token names
     * @param timeZone the city's time zone
     * @param position the unit's latest fix, or null before its first
     * @param assignment its zones, as {@code {layer, zone}}
     * @param visits the zones and hot cells it is in, with the time it entered (the dosage timer)
     * @param zones the assignment's zones as a GeoJSON FeatureCollection
     */
    public record FieldView(
            String unit,
            String timeZone,
            LiveUnit position,
            List<Assigned> assignment,
            List<UnitRoster.Visit> visits,
            ObjectNode zones) {}

    /** One assigned zone. */
    public record Assigned(String layer, String zone) {}

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes.get(PAGE, new ClasspathFile("public/field.html", "text/html"), Access.OPEN);
        cfg.routes.get(API, this::view, Access.OPEN);
        cfg.routes.wsBeforeUpgrade(SOCKET, this::checkUpgrade);
        cfg.routes.ws(SOCKET, this::configure, Access.OPEN);
    }

    private void view(Context ctx) {
        String token = bearer(ctx.header("Authorization"));
        String unit =
                tokens.unitOf(token)
                        .orElseThrow(
                                () -> {
                                    ctx.header(
                                            "WWW-Authenticate", "Bearer realm=\"zonestat-field\"");
                                    return new UnauthorizedResponse(
                                            token == null
                                                    ? "missing unit token: send 'Authorization: Bearer <token>'"
                                                    : "invalid unit token");
                                });
        ctx.header("Cache-Control", "no-store");
        Optional<LiveUnit> position = roster.latest(unit);
        List<Assigned> assigned = new ArrayList<>();
        for (String a : position.map(LiveUnit::assignment).orElse(List.of())) {
            int colon = a.indexOf(':');
            assigned.add(new Assigned(a.substring(0, colon), a.substring(colon + 1)));
        }
        ctx.json(
                new FieldView(
                        unit,
                        timeZone.getId(),
                        position.orElse(null),
                        assigned,
                        roster.visits(unit),
                        zones(assigned)));
    }

    /** The assigned zones' polygons, one feature each (layer, name). */
    private ObjectNode zones(List<Assigned> assigned) {
        ObjectNode fc = mapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        ZoneCatalog catalog = layers.get();
        for (Assigned a : assigned) {
            Optional<ZoneLayer> layer = catalog.layer(a.layer());
            if (layer.isEmpty()) {
                continue;
            }
            for (Zone z : layer.get().zones()) {
                if (z.name().equals(a.zone())) {
                    ObjectNode f = features.addObject().put("type", "Feature");
                    f.putObject("properties").put("layer", a.layer()).put("name", z.name());
                    try {
                        f.set("geometry", mapper.readTree(ZoneGeoJson.geometry(z.geometry())));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return fc;
    }

    private void checkUpgrade(Context ctx) {
        if (tokens.unitOf(ctx.queryParam("token")).isEmpty()) {
            throw new UnauthorizedResponse(
                    ctx.queryParam("token") == null
                            ? "missing unit token: connect to " + SOCKET + "?token=<token>"
                            : "invalid unit token");
        }
    }

    private void configure(WsConfig ws) {
        ws.onConnect(this::connect);
        ws.onClose(this::disconnect);
        ws.onError(this::disconnect);
        // The handheld sends nothing the server uses: what it gets is decided here.
        ws.onMessage(ctx -> {});
    }

    private void connect(WsConnectContext ctx) {
        Optional<String> unit = tokens.unitOf(ctx.queryParam("token"));
        if (unit.isEmpty()) {
            ctx.closeSession(StatusCode.POLICY_VIOLATION, "missing or invalid unit token");
            return;
        }
        ctx.enableAutomaticPings(config.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        ClientOutbox outbox =
                new ClientOutbox(
                        ctx.sessionId(),
                        new JettyTransport(ctx.session),
                        config.clientQueueLimit(),
                        LiveSocket.senders());
        LiveSubscription shown =
                new LiveSubscription(
                        Map.of(),
                        Set.of(),
                        Set.of("event", "alert", "halo", "cell", "unit", "transition"));
        LiveEventHub.Subscription s =
                hub.subscribe(outbox, new FieldFilter(unit.get(), roster), shown, null);
        connections.put(ctx.sessionId(), new Connection(outbox, s));
    }

    private void disconnect(WsContext ctx) {
        Connection c = connections.remove(ctx.sessionId());
        if (c != null) {
            c.subscription().close();
            c.outbox().close();
        }
    }

    private static String bearer(String header) {
        String prefix = "Bearer ";
        if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        return header.substring(prefix.length()).strip();
    }
}
