package org.zonestat.console.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.ConsoleKafka;
import org.zonestat.console.HotCell;
import org.zonestat.console.LiveAlert;
import org.zonestat.console.LiveEvent;
import org.zonestat.console.LiveItem;
import org.zonestat.console.RiskHalo;
import org.zonestat.geo.ZoneCatalog;

/**
 * Reads a time range of the output topics ({@code events}, {@code alerts}, {@code hotspots}) for
 * the replay page.
 *
 * <p>Each partition is read from {@link KafkaConsumer#offsetsForTimes} of {@code from} (the
 * records' timestamps are their event times) up to its end offset at the time of the request;
 * records are kept when their time lies in the range: events by {@code occurredAt}, alerts by
 * {@code at}, hot cells by {@code windowEnd}, risk halos when they are in force at some point of
 * the range. Kafka does not promise timestamp order within a partition (a backfill may write an
 * older record later), so reading does not stop at the first record past {@code to}. At most {@code
 * maxItems} items are returned, the earliest first; the result says when it was cut.
 *
 * <p>Thread-safe: each call uses its own short-lived consumer ({@code read_committed}).
 */
public final class ReplayReader {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    // A halo starting this long before the range may still be in force in it.
    private static final Duration HALO_LOOKBACK = Duration.ofDays(30);

    private final String bootstrapServers;
    private final String eventsTopic;
    private final String alertsTopic;
    private final String hotspotsTopic;
    private final Supplier<ZoneCatalog> catalog;
    private final int maxItems;
    private final ObjectMapper mapper = ConsoleJson.newMapper();

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
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config())) {
            Map<TopicPartition, Long> end = seek(c, from);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!end.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                    read++;
                    LiveItem item = parse(r);
                    if (item == null || !visible.test(item)) {
                        continue;
                    }
                    if (item instanceof LiveEvent e && inRange(e.occurredAt(), from, to)) {
                        events.add(e);
                    } else if (item instanceof LiveAlert a && inRange(a.at(), from, to)) {
                        alerts.add(a);
                    } else if (item instanceof RiskHalo h
                            && h.startsAt().isBefore(to)
                            && h.expiresAt().isAfter(from)) {
                        halos.add(h);
                    } else if (item instanceof HotCell cell
                            && !cell.windowEnd().isBefore(from)
                            && !cell.windowEnd().isAfter(to)) {
                        cells.add(cell.withZones(catalog.get().tag(cell.lon(), cell.lat())));
                    }
                }
                end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
            }
            if (!end.isEmpty()) {
                LOG.warn(
                        "Replay of [{}, {}) stopped after {} with partitions unread: {}",
                        from,
                        to,
                        DEADLINE,
                        end.keySet());
            }
        }
        events.sort(Comparator.comparing(LiveEvent::occurredAt).thenComparing(LiveEvent::eventId));
        alerts.sort(Comparator.comparing(LiveAlert::at).thenComparing(LiveAlert::alertId));
        halos.sort(Comparator.comparing(RiskHalo::startsAt).thenComparing(RiskHalo::haloId));
        cells.sort(Comparator.comparing(HotCell::windowEnd).thenComparing(HotCell::cell));
        int total = events.size() + alerts.size() + halos.size() + cells.size();
        boolean truncated = total > maxItems;
        if (truncated) {
            // Keep the same share of each kind, the earliest first.
            double keep = (double) maxItems / total;
            events = events.subList(0, (int) (events.size() * keep));
            alerts = alerts.subList(0, (int) (alerts.size() * keep));
            halos = halos.subList(0, (int) (halos.size() * keep));
            cells = cells.subList(0, (int) (cells.size() * keep));
        }
        return new Range(
                from,
                to,
                List.copyOf(events),
                List.copyOf(alerts),
                List.copyOf(halos),
                List.copyOf(cells),
                truncated,
                read,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean inRange(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /**
     * Assigns every partition with records at or after its start time; returns their end offsets.
     */
    private Map<TopicPartition, Long> seek(KafkaConsumer<byte[], byte[]> c, Instant from) {
        Map<TopicPartition, Long> times = new HashMap<>();
        for (String topic : new String[] {eventsTopic, alertsTopic, hotspotsTopic}) {
            if (topic == null) {
                continue;
            }
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null) {
                continue;
            }
            long t =
                    (topic.equals(hotspotsTopic) ? from.minus(HALO_LOOKBACK) : from).toEpochMilli();
            for (PartitionInfo p : infos) {
                times.put(new TopicPartition(topic, p.partition()), Math.max(0, t));
            }
        }
        Map<TopicPartition, OffsetAndTimestamp> offsets =
                c.offsetsForTimes(times, Duration.ofSeconds(10));
        Map<TopicPartition, Long> ends = c.endOffsets(times.keySet(), Duration.ofSeconds(10));
        Map<TopicPartition, Long> start = new HashMap<>();
        offsets.forEach(
                (tp, o) -> {
                    if (o != null && o.offset() < ends.get(tp)) {
                        start.put(tp, o.offset());
                    }
                });
        c.assign(start.keySet());
        start.forEach(c::seek);
        Map<TopicPartition, Long> end = new HashMap<>();
        start.keySet().forEach(tp -> end.put(tp, ends.get(tp)));
        return end;
    }

    private LiveItem parse(ConsumerRecord<byte[], byte[]> r) {
        try {
            if (r.topic().equals(eventsTopic)) {
                return ConsoleJson.parseEvent(mapper, r.value());
            } else if (r.topic().equals(alertsTopic)) {
                return ConsoleJson.parse(mapper, r.value(), LiveAlert.class);
            }
            return ConsoleJson.parseHotspot(mapper, r.value());
        } catch (ConsoleJson.MalformedEventException e) {
            return null; // counted by the live feed; the replay just leaves it out
        }
    }

    private Map<String, Object> config() {
        return ConsoleKafka.readCommitted(
                bootstrapServers,
                "zonestat-ops-console-replay",
                ByteArrayDeserializer.class,
                50,
                5000);
    }
}
