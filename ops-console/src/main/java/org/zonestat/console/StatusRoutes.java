package org.zonestat.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Objects;
import java.util.function.Supplier;
import org.zonestat.console.health.HealthMonitor;
import org.zonestat.console.health.PipelineHealth;

/**
 * {@code GET /api/health} (open: the pipeline's health, events seen, WebSocket clients, Kafka feed
 * state; {@code 503} when the pipeline is not {@code ok}), {@code GET /api/health/console} (open:
 * {@code 200} while the console itself answers, for liveness probes) and {@code GET /api/pipeline}
 * (any role: the pipeline's reconciliation read from the topics, or 404 when this console does not
 * count it).
 *
 * <p>Thread-safe.
 */
public final class StatusRoutes implements RouteGroup {
    private final LiveEventHub hub;
    private final Supplier<FeedHealth> feedHealth;
    private final Supplier<PipelineCounters.Snapshot> pipeline;
    private final HealthMonitor monitor;

    /** A console that does not judge the pipeline: {@code /api/health} says {@code ok}. */
    public StatusRoutes(
            LiveEventHub hub,
            Supplier<FeedHealth> feedHealth,
            Supplier<PipelineCounters.Snapshot> pipeline) {
        this(hub, feedHealth, pipeline, null);
    }

    /**
     * @param hub the live events pushed to WebSocket clients
     * @param feedHealth the state of whatever fills the hub
     * @param pipeline the pipeline's reconciliation, or null when this console does not count it
     * @param monitor the pipeline's health, or null when this console does not judge it
     */
    public StatusRoutes(
            LiveEventHub hub,
            Supplier<FeedHealth> feedHealth,
            Supplier<PipelineCounters.Snapshot> pipeline,
            HealthMonitor monitor) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.feedHealth = Objects.requireNonNull(feedHealth, "feedHealth");
        this.pipeline = pipeline;
        this.monitor = monitor;
    }

    /**
     * {@code GET /api/health}: {@code status} is the pipeline's ({@code ok} only when the job runs
     * and keeps up; see {@link PipelineHealth}), {@code pipeline} the details (null when this
     * console does not judge the pipeline).
     */
    public record Health(
            String status,
            long eventsSeen,
            long duplicatesDropped,
            int recentEvents,
            int websocketClients,
            FeedHealth kafka,
            PipelineHealth.Report pipeline) {}

    /** {@code GET /api/health/console}. */
    public record ConsoleHealth(String status) {}

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .get("/api/health", this::health, Access.OPEN)
                .get("/api/health/console", ctx -> ctx.json(new ConsoleHealth("ok")), Access.OPEN)
                .get("/api/pipeline", this::pipeline, Access.ANY_ROLE);
    }

    private void health(Context ctx) {
        LiveEventHub.Stats s = hub.stats();
        PipelineHealth.Report report = monitor == null ? null : monitor.report();
        boolean ok = report == null || report.healthy();
        ctx.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(
                        new Health(
                                report == null ? PipelineHealth.OK : report.status(),
                                s.eventsSeen(),
                                s.duplicatesDropped(),
                                s.recentEvents(),
                                s.websocketClients(),
                                feedHealth.get(),
                                report));
    }

    /** Records in, rejected by reason, accepted, events written. */
    private void pipeline(Context ctx) {
        if (pipeline == null) {
            throw new NotFoundResponse("this console does not count the pipeline");
        }
        ctx.json(pipeline.get());
    }
}
