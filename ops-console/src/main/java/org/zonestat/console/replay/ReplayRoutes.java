package org.zonestat.console.replay;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.zonestat.console.OpsConsoleApp;
import org.zonestat.console.Role;

/**
 * The replay page ({@code GET /replay}) and its data ({@code GET /api/replay}). Handlers only
 * translate HTTP to a {@link ReplayReader} call. Replays carry exact locations, so the public role
 * gets 403; tips and tip matches only reach analysts and admins.
 *
 * <p>Thread-safe.
 */
public final class ReplayRoutes {
    private final ReplayReader reader;
    private final byte[] page;

    public ReplayRoutes(ReplayReader reader) {
        this.reader = reader;
        try (InputStream in = ReplayRoutes.class.getResourceAsStream("/public/replay.html")) {
            if (in == null) {
                throw new IllegalStateException(
                        "public/replay.html is missing from the class path");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /replay}: the page (public, it holds no data). */
    public void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8")
                .result(new String(page, StandardCharsets.UTF_8));
    }

    /** {@code GET /api/replay?week=|from=&to=}. */
    public void range(Context ctx) {
        Role role = ctx.attribute(OpsConsoleApp.ROLE_ATTRIBUTE);
        if (role == null || !role.mayWatchLive()) {
            throw new ForbiddenResponse(
                    "the "
                            + (role == null ? "anonymous" : role.id())
                            + " role does not get replays (exact locations)");
        }
        ReplayRange range = ReplayRange.of(ctx);
        ctx.json(reader.read(range.from(), range.to(), role::maySee));
    }
}
