package org.zonestat.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.zonestat.console.LiveEventHub;
import org.zonestat.console.PipelineCounters;

/** The Prometheus text of {@link ConsoleMetrics}: names, types, labels and values. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleMetricsTest {
    private static final String LINE =
            "# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\\{[a-z]+=\"[^\"]*\"\\})? -?\\d+\\.\\d+(E\\d+)?";

    private final AtomicReference<PipelineCounters.Snapshot> pipeline =
            new AtomicReference<>(
                    snapshot(
                            Map.of("incidents.raw", 10L, "tips.raw", 2L),
                            Map.of("incidents.raw", 7L),
                            9,
                            Map.of("missing-location", 2L, "late", 1L)));
    private final ConsoleMetrics metrics =
            new ConsoleMetrics(
                    () -> new LiveEventHub.Stats(42, 3, 40, 5), pipeline::get, List.of());

    private static PipelineCounters.Snapshot snapshot(
            Map<String, Long> in,
            Map<String, Long> committed,
            long events,
            Map<String, Long> rejected) {
        long inTotal = in.values().stream().mapToLong(Long::longValue).sum();
        long committedTotal = committed.values().stream().mapToLong(Long::longValue).sum();
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        return new PipelineCounters.Snapshot(
                in,
                inTotal,
                committed,
                inTotal - committedTotal,
                events,
                rejectedTotal,
                rejected,
                inTotal - rejectedTotal,
                Map.of());
    }

    @Test
    void the_pipeline_counts_are_counters_by_topic_and_reason_and_the_job_lag_a_gauge() {
        String text = metrics.scrape();

        assertThat(text)
                .contains(
                        "# TYPE zonestat_events_in_total counter",
                        "zonestat_events_in_total{topic=\"incidents.raw\"} 10.0",
                        "zonestat_events_in_total{topic=\"tips.raw\"} 2.0",
                        "# TYPE zonestat_events_out_total counter",
                        "zonestat_events_out_total 9.0",
                        "zonestat_events_accepted_total 9.0",
                        "# TYPE zonestat_events_rejected_total counter",
                        "zonestat_events_rejected_total{reason=\"missing-location\"} 2.0",
                        "zonestat_events_rejected_total{reason=\"late\"} 1.0",
                        "# TYPE zonestat_job_lag_records gauge",
                        "zonestat_job_lag_records{topic=\"incidents.raw\"} 3.0",
                        "zonestat_job_lag_records{topic=\"tips.raw\"} 2.0");
    }

    @Test
    void the_live_hub_gives_clients_events_seen_and_duplicates() {
        assertThat(metrics.scrape())
                .contains(
                        "# TYPE zonestat_websocket_clients gauge",
                        "zonestat_websocket_clients 5.0",
                        "# TYPE zonestat_console_events_seen_total counter",
                        "zonestat_console_events_seen_total 42.0",
                        "zonestat_console_duplicates_dropped_total 3.0");
    }

    @Test
    void a_reason_seen_for_the_first_time_gets_its_series_at_the_next_scrape() {
        metrics.scrape();
        pipeline.set(
                snapshot(
                        Map.of("incidents.raw", 12L),
                        Map.of(),
                        9,
                        Map.of("missing-location", 2L, "duplicate", 1L)));

        assertThat(metrics.scrape())
                .contains(
                        "zonestat_events_rejected_total{reason=\"duplicate\"} 1.0",
                        "zonestat_events_in_total{topic=\"incidents.raw\"} 12.0");
    }

    @Test
    void accepted_never_goes_below_zero_when_rejections_are_counted_before_their_input() {
        pipeline.set(snapshot(Map.of(), Map.of(), 0, Map.of("late", 1L)));

        assertThat(metrics.scrape()).contains("zonestat_events_accepted_total 0.0");
    }

    @Test
    void without_a_pipeline_only_the_console_s_own_metrics_are_written() {
        String text =
                new ConsoleMetrics(() -> new LiveEventHub.Stats(0, 0, 0, 0), null, List.of())
                        .scrape();

        assertThat(text)
                .contains("zonestat_websocket_clients 0.0")
                .doesNotContain("zonestat_events");
    }

    @Test
    void every_line_is_a_comment_or_a_sample_in_the_text_format() {
        for (String line : metrics.scrape().strip().split("\n")) {
            assertThat(line).matches(LINE);
        }
    }
}
