package org.zonestat.console.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.console.scorecard.HuddleServices;
import org.zonestat.topics.ActionItem;

/**
 * The scorecard side's metrics: how far the console's own topic readers are behind ({@code
 * zonestat_console_consumer_lag_records{topic}}, -1 before the first poll), the zone-days the
 * scorecard holds and the action items by status.
 *
 * <p>Thread-safe: each gauge reads the current value.
 */
public final class HuddleMetrics implements MeterBinder {
    private final HuddleServices services;

    public HuddleMetrics(HuddleServices services) {
        this.services = services;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TopicProgress reader : services.readers()) {
            Gauge.builder("zonestat.console.consumer.lag.records", reader, TopicProgress::lag)
                    .tag("topic", reader.topic())
                    .description(
                            "Records the console's topic readers have not read yet (-1 before the first poll).")
                    .register(registry);
        }
        Gauge.builder("zonestat.scorecard.zone.days", services, s -> s.scorecard().size())
                .description("Zone-days held by the scorecard.")
                .register(registry);
        Gauge.builder("zonestat.action.items", services, s -> open(s))
                .tag("status", ActionItem.OPEN)
                .description("Action items by status.")
                .register(registry);
        Gauge.builder(
                        "zonestat.action.items",
                        services,
                        s -> s.actionItems().all().size() - open(s))
                .tag("status", ActionItem.CLOSED)
                .description("Action items by status.")
                .register(registry);
    }

    private static long open(HuddleServices services) {
        return services.actionItems().all().stream().filter(ActionItem::isOpen).count();
    }
}
