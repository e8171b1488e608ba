package org.zonestat.console;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's access log: one line per HTTP request with the method, the <em>route</em> (the path
 * template, e.g. {@code /open311/v2/requests/{id}.json}, so no id, tip number or token from a path
 * is written), the status and the time taken.
 *
 * <p>It never writes the client's address, user agent, cookies, query string, headers or body, for
 * any route: the anonymous tip line and Open311 intake must not leave a trace of who called, and a
 * log line is not the place to tell routes apart. Thread-safe.
 */
public final class AccessLog implements RequestLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.zonestat.console.access");

    private final Consumer<String> sink;

    /** Lines go to the {@code org.zonestat.console.access} logger at INFO. */
    public AccessLog() {
        this(LOG::info);
    }

    /** Lines go to {@code sink} (tests read them). */
    public AccessLog(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void handle(Context ctx, Float millis) {
        sink.accept(line(ctx.method().name(), route(ctx), ctx.statusCode(), millis));
    }

    /** E.g. {@code POST /api/tips 201 12.5ms}. */
    static String line(String method, String route, int status, Float millis) {
        return String.format(
                Locale.ROOT,
                "%s %s %d %.1fms",
                method,
                route,
                status,
                millis == null ? 0f : millis);
    }

    /** The matched route's template; {@code (unmatched)} for a request no route served. */
    private static String route(Context ctx) {
        try {
            String path = ctx.endpoint().path;
            return path == null || path.isEmpty() || path.equals("*") ? "(unmatched)" : path;
        } catch (RuntimeException e) {
            return "(unmatched)";
        }
    }
}
