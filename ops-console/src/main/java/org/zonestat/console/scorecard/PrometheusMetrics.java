package org.zonestat.console.scorecard;

import java.util.Map;
import java.util.function.Supplier;
import org.zonestat.console.LiveEventHub;
import org.zonestat.console.PipelineCounters;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.topics.ActionItem;

/**
 * {@code GET /metrics} in the Prometheus text exposition format (version 0.0.4): the pipeline's
 * records in, out and rejected (from {@link PipelineCounters}), the job's unread input, WebSocket
 * clients, and how far the console's own topic readers are behind.
 *
 * <p>Thread-safe: each call reads the current values.
 */
final class PrometheusMetrics {
    private final LiveEventHub hub;
    private final Supplier<PipelineCounters.Snapshot> pipeline;
    private final HuddleServices services;

    PrometheusMetrics(
            LiveEventHub hub,
            Supplier<PipelineCounters.Snapshot> pipeline,
            HuddleServices services) {
        this.hub = hub;
        this.pipeline = pipeline;
        this.services = services;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        if (pipeline != null) {
            PipelineCounters.Snapshot p = pipeline.get();
            header(out, "zonestat_events_in_total", "counter", "Records in the raw input topics.");
            for (Map.Entry<String, Long> e : p.in().entrySet()) {
                sample(out, "zonestat_events_in_total", "topic", e.getKey(), e.getValue());
            }
            header(
                    out,
                    "zonestat_events_out_total",
                    "counter",
                    "Records in the events topic (at-least-once: redeliveries included).");
            sample(out, "zonestat_events_out_total", null, null, p.eventsRecords());
            header(
                    out,
                    "zonestat_events_accepted_total",
                    "counter",
                    "Raw records not rejected (in minus rejected).");
            sample(out, "zonestat_events_accepted_total", null, null, p.accepted());
            header(
                    out,
                    "zonestat_events_rejected_total",
                    "counter",
                    "Committed records in the rejected topic, by reason.");
            for (Map.Entry<String, Long> e : p.rejectedByReason().entrySet()) {
                sample(out, "zonestat_events_rejected_total", "reason", e.getKey(), e.getValue());
            }
            header(
                    out,
                    "zonestat_job_lag_records",
                    "gauge",
                    "Raw records the job has not yet committed reading (its consumer lag).");
            for (Map.Entry<String, Long> e : p.in().entrySet()) {
                long committed = p.committedByJob().getOrDefault(e.getKey(), 0L);
                sample(
                        out,
                        "zonestat_job_lag_records",
                        "topic",
                        e.getKey(),
                        e.getValue() - committed);
            }
        }
        LiveEventHub.Stats s = hub.stats();
        header(out, "zonestat_websocket_clients", "gauge", "Open /ws/live connections.");
        sample(out, "zonestat_websocket_clients", null, null, s.websocketClients());
        header(
                out,
                "zonestat_console_events_seen_total",
                "counter",
                "Distinct events the console has received since it started.");
        sample(out, "zonestat_console_events_seen_total", null, null, s.eventsSeen());
        header(
                out,
                "zonestat_console_duplicates_dropped_total",
                "counter",
                "Redelivered events the console dropped.");
        sample(out, "zonestat_console_duplicates_dropped_total", null, null, s.duplicatesDropped());
        header(
                out,
                "zonestat_console_consumer_lag_records",
                "gauge",
                "Records the console's topic readers have not read yet (-1 before the first poll).");
        for (TopicProgress r : services.readers()) {
            sample(out, "zonestat_console_consumer_lag_records", "topic", r.topic(), r.lag());
        }
        header(out, "zonestat_scorecard_zone_days", "gauge", "Zone-days held by the scorecard.");
        sample(out, "zonestat_scorecard_zone_days", null, null, services.scorecard().size());
        header(out, "zonestat_action_items", "gauge", "Action items by status.");
        long open = services.actionItems().all().stream().filter(ActionItem::isOpen).count();
        long all = services.actionItems().all().size();
        sample(out, "zonestat_action_items", "status", "open", open);
        sample(out, "zonestat_action_items", "status", "closed", all - open);
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String value, long v) {
        out.append(name);
        if (label != null) {
            out.append('{').append(label).append("=\"").append(escape(value)).append("\"}");
        }
        out.append(' ').append(v).append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
