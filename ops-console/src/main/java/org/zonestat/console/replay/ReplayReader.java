package org.zonestat.console.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.zonestat.console.HotCell;
import org.zonestat.console.LiveAlert;
import org.zonestat.console.LiveEvent;
import org.zonestat.console.LiveItem;
import org.zonestat.console.RiskHalo;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.topics.AlertMessage;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.HotspotCellMessage;
import org.zonestat.topics.HotspotsMessage;
import org.zonestat.topics.RiskHaloMessage;

/**
 * Reads a time range of the output topics ({@code events}, {@code alerts}, {@code hotspots}) for
 * the replay page, with a {@link TopicFeed} of its own read to the end on the caller's thread.
 *
 * <p>Each partition is read from the first record at or after {@code from} (the records' timestamps
 * are their event times; {@link StartAt#time}) up to its end offset at the time of the request;
 * records are kept when their time lies in the range: events by {@code occurredAt}, alerts by
 * {@code at}, hot cells by {@code windowEnd}, risk halos when they are in force at some point of
 * the range. Kafka does not promise timestamp order within a partition (a backfill may write an
 * older record later), so reading does not stop at the first record past {@code to}. At most {@code
 * maxItems} items are returned, the earliest first; the result says when it was cut.
 *
 * <p>Thread-safe: each call uses its own short-lived feed ({@code read_committed}).
 */
public final class ReplayReader {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    // A halo starting this long before the range may still be in force in it.
    private static final Duration HALO_LOOKBACK = Duration.ofDays(30);

    private final String bootstrapServers;
    private final String eventsTopic;
    private final String alertsTopic;
    private final String hotspotsTopic;
    private final Supplier<ZoneCatalog> catalog;
    private final int maxItems;

    /**
     * @param alertsTopic null to read no alerts
     * @param hotspotsTopic null to read no halos or cells
     * @param catalog the layers as they are now, which tag hot cells with zones
     * @param maxItems the most items one range returns
     */
    public ReplayReader(
            String bootstrapServers,
            String eventsTopic,
            String alertsTopic,
            String hotspotsTopic,
            Supplier<ZoneCatalog> catalog,
            int maxItems) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
        this.alertsTopic = alertsTopic;
        this.hotspotsTopic = hotspotsTopic;
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be >= 1, was " + maxItems);
        }
        this.maxItems = maxItems;
    }

    /**
     * What the range held.
     *
     * @param from range start (inclusive)
     * @param to range end (exclusive)
     * @param events events, by time
     * @param alerts alerts, by time
     * @param halos halos in force during the range, by start
     * @param cells hot-spot cell states whose window ends in the range, by window end
     * @param truncated whether items were left out because the range held more than the limit
     * @param recordsRead records read from Kafka to answer
     * @param readMillis time spent reading
     */
    public record Range(
            Instant from,
            Instant to,
            List<LiveEvent> events,
            List<LiveAlert> alerts,
            List<RiskHalo> halos,
            List<HotCell> cells,
            boolean truncated,
            long recordsRead,
            long readMillis) {}

    /** Reads {@code [from, to)}, keeping only what {@code visible} accepts (role rules). */
    public Range read(Instant from, Instant to, Predicate<LiveItem> visible) {
        long start = System.nanoTime();
        List<LiveEvent> events = new ArrayList<>();
        List<LiveAlert> alerts = new ArrayList<>();
        List<RiskHalo> halos = new ArrayList<>();
        List<HotCell> cells = new ArrayList<>();
        TopicFeed feed = new TopicFeed(bootstrapServers, "zonestat-ops-console-replay");
        StartAt fromStart = StartAt.time(from);
        feed.subscribe(
                eventsTopic,
                EventMessage.class,
                fromStart,
                r -> {
                    LiveEvent e = LiveEvent.of(r.value());
                    if (inRange(e.occurredAt(), from, to) && visible.test(e)) {
                        events.add(e);
                    }
                });
        if (alertsTopic != null) {
            feed.subscribe(
                    alertsTopic,
                    AlertMessage.class,
                    fromStart,
                    r -> {
                        LiveAlert a = LiveAlert.of(r.value());
                        if (inRange(a.at(), from, to) && visible.test(a)) {
                            alerts.add(a);
                        }
                    });
        }
        if (hotspotsTopic != null) {
            feed.subscribe(
                    hotspotsTopic,
                    HotspotsMessage.class,
                    StartAt.time(from.minus(HALO_LOOKBACK)),
                    r -> {
                        if (r.value() instanceof RiskHaloMessage m) {
                            RiskHalo h = RiskHalo.of(m);
                            if (h.startsAt().isBefore(to)
                                    && h.expiresAt().isAfter(from)
                                    && visible.test(h)) {
                                halos.add(h);
                            }
                        } else if (r.value() instanceof HotspotCellMessage m
                                && !m.windowEnd().isBefore(from)
                                && !m.windowEnd().isAfter(to)) {
                            HotCell cell = HotCell.of(m, catalog.get().tag(m.lon(), m.lat()));
                            if (visible.test(cell)) {
                                cells.add(cell);
                            }
                        }
                    });
        }
        long read = feed.readToEnd(DEADLINE);
        events.sort(Comparator.comparing(LiveEvent::occurredAt).thenComparing(LiveEvent::eventId));
        alerts.sort(Comparator.comparing(LiveAlert::at).thenComparing(LiveAlert::alertId));
        halos.sort(Comparator.comparing(RiskHalo::startsAt).thenComparing(RiskHalo::haloId));
        cells.sort(Comparator.comparing(HotCell::windowEnd).thenComparing(HotCell::cell));
        int total = events.size() + alerts.size() + halos.size() + cells.size();
        boolean truncated = total > maxItems;
        List<LiveEvent> keptEvents = events;
        List<LiveAlert> keptAlerts = alerts;
        List<RiskHalo> keptHalos = halos;
        List<HotCell> keptCells = cells;
        if (truncated) {
            // Keep the same share of each kind, the earliest first.
            double keep = (double) maxItems / total;
            keptEvents = events.subList(0, (int) (events.size() * keep));
            keptAlerts = alerts.subList(0, (int) (alerts.size() * keep));
            keptHalos = halos.subList(0, (int) (halos.size() * keep));
            keptCells = cells.subList(0, (int) (cells.size() * keep));
        }
        return new Range(
                from,
                to,
                List.copyOf(keptEvents),
                List.copyOf(keptAlerts),
                List.copyOf(keptHalos),
                List.copyOf(keptCells),
                truncated,
                read,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean inRange(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
