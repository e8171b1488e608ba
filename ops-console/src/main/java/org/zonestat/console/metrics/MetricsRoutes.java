package org.zonestat.console.metrics;

import io.javalin.config.JavalinConfig;
import org.zonestat.console.Access;
import org.zonestat.console.RouteGroup;

/**
 * {@code GET /metrics}: the {@link ConsoleMetrics} for a Prometheus scraper with a token of any
 * role.
 *
 * <p>Thread-safe.
 */
public final class MetricsRoutes implements RouteGroup {
    /** The Prometheus text format, version 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ConsoleMetrics metrics;

    public MetricsRoutes(ConsoleMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes.get(
                "/metrics",
                ctx -> ctx.contentType(CONTENT_TYPE).result(metrics.scrape()),
                Access.ANY_ROLE);
    }
}
