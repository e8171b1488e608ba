package org.zonestat.console.replay;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.Role;
import org.zonestat.console.RouteGroup;

/**
 * The replay page ({@code GET /replay}, open: it holds no data) and its data ({@code GET
 * /api/replay}; without a range, the latest complete week, which the page opens on). Handlers only
 * translate HTTP to a {@link ReplayReader} call. Replays carry exact locations, so the public role
 * gets 403; tips and tip matches only reach analysts and admins.
 *
 * <p>Thread-safe.
 */
public final class ReplayRoutes implements RouteGroup {
    private final ReplayReader reader;
    private final Supplier<LocalDate> lastCompleteDay;
    private final ZoneId timeZone;

    /**
     * @param reader reads the topics
     * @param lastCompleteDay the latest day the data is complete for (the huddle's "today")
     * @param timeZone the city's zone: a week or a date is local to it
     */
    public ReplayRoutes(ReplayReader reader, Supplier<LocalDate> lastCompleteDay, ZoneId timeZone) {
        this.reader = reader;
        this.lastCompleteDay = lastCompleteDay;
        this.timeZone = timeZone;
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .get("/replay", new ClasspathFile("public/replay.html", "text/html"), Access.OPEN)
                .get(
                        "/api/replay",
                        this::range,
                        Access.staff("the %s role does not get replays (exact locations)"));
    }

    /** {@code GET /api/replay[?week=|from=&to=]}. */
    private void range(Context ctx) {
        Role role = Access.role(ctx);
        ReplayRange range = ReplayRange.of(ctx, lastCompleteDay, timeZone);
        ctx.json(reader.read(range.from(), range.to(), role::maySee));
    }
}
