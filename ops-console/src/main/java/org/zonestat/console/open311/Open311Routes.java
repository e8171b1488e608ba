package org.zonestat.console.open311;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.ZoneId;
import java.util.List;
import org.zonestat.console.Access;
import org.zonestat.console.Role;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.scorecard.Open311Requests;

/**
 * The Open311 GeoReport v2 read endpoints: {@code GET /open311/v2/requests.json} (the {@link
 * Open311Query}'s requests, most recently requested first, at most {@value #LIMIT}) and {@code GET
 * /open311/v2/requests/{id}.json} (an array of one, 404 if unknown), each request a {@link
 * GeoReportRequest}.
 *
 * <p>Access: no token needed, but a token that is sent must be valid; staff (dispatchers, analysts,
 * admins) also get addresses and positions. Errors use the console's {@code {"error": "..."}} body
 * rather than GeoReport's error array.
 *
 * <p>Thread-safe.
 */
public final class Open311Routes implements RouteGroup {
    static final int LIMIT = 1000;

    private final Open311Requests requests;
    private final ZoneId timeZone;

    /**
     * @param requests the 311 requests folded from the {@code events} topic
     * @param timeZone the city's, for the local date-times
     */
    public Open311Routes(Open311Requests requests, ZoneId timeZone) {
        this.requests = requests;
        this.timeZone = timeZone;
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .get("/open311/v2/requests.json", this::list, Access.TOKEN_IF_SENT)
                .get("/open311/v2/requests/{id}.json", this::one, Access.TOKEN_IF_SENT);
    }

    private void list(Context ctx) {
        Open311Query query = Open311Query.parse(ctx::queryParam);
        boolean exact = exact(ctx);
        ctx.json(
                requests.find(query, LIMIT).stream()
                        .map(r -> GeoReportRequest.of(r, timeZone, exact))
                        .toList());
    }

    private void one(Context ctx) {
        String id = ctx.pathParam("id");
        Open311Requests.ServiceRequest r =
                requests.get(id)
                        .orElseThrow(() -> new NotFoundResponse("no service request '" + id + "'"));
        ctx.json(List.of(GeoReportRequest.of(r, timeZone, exact(ctx))));
    }

    private static boolean exact(Context ctx) {
        return Access.optionalRole(ctx).map(Role::maySeeExactLocation).orElse(false);
    }
}
