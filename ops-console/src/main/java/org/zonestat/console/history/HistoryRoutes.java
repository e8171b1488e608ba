package org.zonestat.console.history;

import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Objects;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.RouteGroup;

/**
 * The city's history loads for staff: {@code GET /api/history/loads[?state=all|active|STATE]}
 * (newest first, with {@code completed}, the count of runs done, which pages watch to reload what
 * depends on history), {@code GET /api/history/loads/{id}} and the {@code /history} page that shows
 * them live. A bad {@code state} is a 400, an unknown id a 404, both with a JSON {@code error}.
 *
 * <p>Thread-safe.
 */
public final class HistoryRoutes implements RouteGroup {
    private static final Access.Rule STAFF = Access.staff("the %s role does not see history loads");

    private final HistoryLoads loads;

    public HistoryRoutes(HistoryLoads loads) {
        this.loads = Objects.requireNonNull(loads, "loads");
    }

    /** {@code GET /api/history/loads}. */
    public record Loads(long completed, List<HistoryLoads.Load> loads) {}

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .get("/api/history/loads", this::list, STAFF)
                .get("/api/history/loads/{id}", this::one, STAFF)
                .get(
                        "/history",
                        new ClasspathFile("public/history.html", "text/html"),
                        Access.OPEN);
    }

    private void list(Context ctx) {
        String state = Objects.requireNonNullElse(ctx.queryParam("state"), "all");
        try {
            ctx.json(new Loads(loads.completed(), loads.list(state)));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private void one(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(loads.get(id).orElseThrow(() -> new NotFoundResponse("no history load " + id)));
    }
}
