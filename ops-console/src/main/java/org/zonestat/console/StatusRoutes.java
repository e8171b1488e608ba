package org.zonestat.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /api/health} (open: status, events seen, WebSocket clients, Kafka feed state) and
 * {@code GET /api/pipeline} (any role: the pipeline's reconciliation read from the topics, or 404
 * when this console does not count it).
 *
 * <p>Thread-safe.
 */
public final class StatusRoutes implements RouteGroup {
    private final LiveEventHub hub;
    private final Supplier<FeedHealth> feedHealth;
    private final Supplier<PipelineCounters.Snapshot> pipeline;

    /**
     * @param hub the live events pushed to WebSocket clients
     * @param feedHealth the state of whatever fills the hub
     * @param pipeline the pipeline's reconciliation, or null when this console does not count it
     */
    public StatusRoutes(
            LiveEventHub hub,
            Supplier<FeedHealth> feedHealth,
            Supplier<PipelineCounters.Snapshot> pipeline) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.feedHealth = Objects.requireNonNull(feedHealth, "feedHealth");
        this.pipeline = pipeline;
    }

    /** {@code GET /api/health}. */
    public record Health(
            String status,
            long eventsSeen,
            long duplicatesDropped,
            int recentEvents,
            int websocketClients,
            FeedHealth kafka) {}

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .get("/api/health", ctx -> ctx.json(health()), Access.OPEN)
                .get("/api/pipeline", this::pipeline, Access.ANY_ROLE);
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

    /** Records in, rejected by reason, accepted, events written. */
    private void pipeline(Context ctx) {
        if (pipeline == null) {
            throw new NotFoundResponse("this console does not count the pipeline");
        }
        ctx.json(pipeline.get());
    }
}
