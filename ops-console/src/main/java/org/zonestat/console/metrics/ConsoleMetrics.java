package org.zonestat.console.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.zonestat.console.LiveEventHub;
import org.zonestat.console.PipelineCounters;

/**
 * The console's metrics in a Micrometer Prometheus registry, scraped as the Prometheus text format
 * (version 0.0.4): the pipeline's records in, out, accepted and rejected and the job's unread input
 * (from {@link PipelineCounters}), the live hub's WebSocket clients, events seen and duplicates
 * dropped, and whatever the given binders add ({@link HuddleMetrics}).
 *
 * <p>Micrometer's names become Prometheus names: {@code zonestat.events.in} counts as {@code
 * zonestat_events_in_total}, a gauge {@code zonestat.job.lag.records} as {@code
 * zonestat_job_lag_records}. Values are written as floating point numbers ({@code 385.0}).
 *
 * <p>The pipeline is read once per scrape (it asks Kafka for offsets); a raw topic or rejection
 * reason seen for the first time gets its series then.
 *
 * <p>Thread-safe: scrapes are serialized.
 */
public final class ConsoleMetrics {
    private static final PipelineCounters.Snapshot NOTHING_YET =
            new PipelineCounters.Snapshot(Map.of(), 0, Map.of(), 0, 0, 0, Map.of(), 0, Map.of());

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<LiveEventHub.Stats> live;
    private final Supplier<PipelineCounters.Snapshot> pipeline;
    private volatile PipelineCounters.Snapshot last = NOTHING_YET;

    /**
     * @param live the live hub's figures
     * @param pipeline the pipeline's reconciliation, or null when this console does not count it
     *     (then there are no pipeline metrics)
     * @param binders more metrics, bound once
     */
    public ConsoleMetrics(
            Supplier<LiveEventHub.Stats> live,
            Supplier<PipelineCounters.Snapshot> pipeline,
            List<MeterBinder> binders) {
        // Meters hold their object weakly: each reads through this, which the routes hold.
        this.live = live;
        this.pipeline = pipeline;
        Gauge.builder("zonestat.websocket.clients", this, m -> m.live.get().websocketClients())
                .description("Open /ws/live connections.")
                .register(registry);
        FunctionCounter.builder(
                        "zonestat.console.events.seen", this, m -> m.live.get().eventsSeen())
                .description("Distinct events the console has received since it started.")
                .register(registry);
        FunctionCounter.builder(
                        "zonestat.console.duplicates.dropped",
                        this,
                        m -> m.live.get().duplicatesDropped())
                .description("Redelivered events the console dropped.")
                .register(registry);
        if (pipeline != null) {
            FunctionCounter.builder("zonestat.events.out", this, m -> m.last.eventsRecords())
                    .description(
                            "Records in the events topic (at-least-once: redeliveries included).")
                    .register(registry);
            // In and rejected are read at different moments; a counter may not go below 0.
            FunctionCounter.builder(
                            "zonestat.events.accepted", this, m -> Math.max(0, m.last.accepted()))
                    .description("Raw records not rejected (in minus rejected).")
                    .register(registry);
        }
        binders.forEach(b -> b.bindTo(registry));
    }

    /** The current values in the Prometheus text format. */
    public synchronized String scrape() {
        if (pipeline != null) {
            last = pipeline.get();
            last.in().keySet().forEach(this::registerRawTopic);
            last.rejectedByReason().keySet().forEach(this::registerReason);
        }
        return registry.scrape();
    }

    /** Registering again returns the meter already there. */
    private void registerRawTopic(String topic) {
        FunctionCounter.builder(
                        "zonestat.events.in", this, m -> m.last.in().getOrDefault(topic, 0L))
                .tag("topic", topic)
                .description("Records in the raw input topics.")
                .register(registry);
        Gauge.builder("zonestat.job.lag.records", this, m -> m.jobLag(topic))
                .tag("topic", topic)
                .description(
                        "Raw records the job has not yet committed reading (its consumer lag).")
                .register(registry);
    }

    private void registerReason(String reason) {
        FunctionCounter.builder(
                        "zonestat.events.rejected",
                        this,
                        m -> m.last.rejectedByReason().getOrDefault(reason, 0L))
                .tag("reason", reason)
                .description("Committed records in the rejected topic, by reason.")
                .register(registry);
    }

    private long jobLag(String topic) {
        PipelineCounters.Snapshot p = last;
        return p.in().getOrDefault(topic, 0L) - p.committedByJob().getOrDefault(topic, 0L);
    }
}
