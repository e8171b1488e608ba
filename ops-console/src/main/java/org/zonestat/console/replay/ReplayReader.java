package org.zonestat.console.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.HotCell;
import org.zonestat.console.LiveAlert;
import org.zonestat.console.LiveEvent;
import org.zonestat.console.LiveItem;
import org.zonestat.console.RiskHalo;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.topics.AlertMessage;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.HotspotCellMessage;
import org.zonestat.topics.HotspotsMessage;
import org.zonestat.topics.MalformedMessageException;
import org.zonestat.topics.RiskHaloMessage;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.TopicMessage;

/**
 * Reads a time range of the output topics ({@code events}, {@code alerts}, {@code hotspots}) for
 * the replay page, on the caller's thread, with a consumer of its own ({@link RangeScan}).
 *
 * <p>The records' timestamps are their event times, so each partition is read only where records of
 * the range can lie: from the first record at or after the range's start ({@code offsetsForTimes}),
 * and, with an {@link EventTimeIndex}, only the indexed blocks whose timestamps overlap the range,
 * then whatever is not indexed yet, up to the partition's end offset at the time of the request.
 * Kafka does not promise timestamp order within a partition (a backfill may write an older record
 * later), which is why the index exists: without it an old week appended after recent history reads
 * almost everything after it. The timestamp searched for starts {@link #STAMP_TOLERANCE} before the
 * range, because a writer stamps a future-dated record with its own clock. Records are kept when
 * their time lies in the range: events by {@code occurredAt}, alerts by {@code at}, hot cells by
 * {@code windowEnd}, risk halos when they are in force at some point of the range. At most {@code
 * maxItems} items are returned, the earliest first; the result says when it was cut, and how many
 * records were read to answer.
 *
 * <p>Thread-safe: each call uses its own short-lived consumer ({@code read_committed}).
 */
public final class ReplayReader {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayReader.class);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /**
     * How much older than the event time a record's timestamp may be: a writer stamps a record at
     * most with its own clock, and a record may be dated up to a day ahead of it.
     */
    static final Duration STAMP_TOLERANCE = Duration.ofDays(1);

    // A halo starting this long before the range may still be in force in it.
    private static final Duration HALO_LOOKBACK = Duration.ofDays(30);

    private final String bootstrapServers;
    private final String eventsTopic;
    private final String alertsTopic;
    private final String hotspotsTopic;
    private final Supplier<ZoneCatalog> catalog;
    private final int maxItems;
    private final EventTimeIndex index;

    /**
     * @param alertsTopic null to read no alerts
     * @param hotspotsTopic null to read no halos or cells
     * @param catalog the layers as they are now, which tag hot cells with zones
     * @param maxItems the most items one range returns
     * @param index the blocks of the topics ({@link EventTimeIndexer}), or null to read every
     *     partition from the range's start to its end
     */
    public ReplayReader(
            String bootstrapServers,
            String eventsTopic,
            String alertsTopic,
            String hotspotsTopic,
            Supplier<ZoneCatalog> catalog,
            int maxItems,
            EventTimeIndex index) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
        this.alertsTopic = alertsTopic;
        this.hotspotsTopic = hotspotsTopic;
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be >= 1, was " + maxItems);
        }
        this.maxItems = maxItems;
        this.index = index;
    }

    /** The blocks of the topics, or null. */
    public EventTimeIndex index() {
        return index;
    }

    /** The topics a replay reads, which its index follows. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(eventsTopic));
        if (alertsTopic != null) {
            topics.add(alertsTopic);
        }
        if (hotspotsTopic != null) {
            topics.add(hotspotsTopic);
        }
        return List.copyOf(topics);
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
        long[] malformed = {0};
        RangeScan scan = new RangeScan(bootstrapServers, index);
        long early = from.minus(STAMP_TOLERANCE).toEpochMilli();
        scan.add(
                eventsTopic,
                early,
                to.toEpochMilli(),
                decoding(
                        EventMessage.class,
                        malformed,
                        m -> {
                            LiveEvent e = LiveEvent.of(m);
                            if (inRange(e.occurredAt(), from, to) && visible.test(e)) {
                                events.add(e);
                            }
                        }));
        if (alertsTopic != null) {
            scan.add(
                    alertsTopic,
                    early,
                    to.toEpochMilli(),
                    decoding(
                            AlertMessage.class,
                            malformed,
                            m -> {
                                LiveAlert a = LiveAlert.of(m);
                                if (inRange(a.at(), from, to) && visible.test(a)) {
                                    alerts.add(a);
                                }
                            }));
        }
        if (hotspotsTopic != null) {
            scan.add(
                    hotspotsTopic,
                    from.minus(HALO_LOOKBACK).minus(STAMP_TOLERANCE).toEpochMilli(),
                    to.plus(STAMP_TOLERANCE).toEpochMilli(),
                    decoding(
                            HotspotsMessage.class,
                            malformed,
                            value -> {
                                if (value instanceof RiskHaloMessage m) {
                                    RiskHalo h = RiskHalo.of(m);
                                    if (h.startsAt().isBefore(to)
                                            && h.expiresAt().isAfter(from)
                                            && visible.test(h)) {
                                        halos.add(h);
                                    }
                                } else if (value instanceof HotspotCellMessage m
                                        && !m.windowEnd().isBefore(from)
                                        && !m.windowEnd().isAfter(to)) {
                                    HotCell cell =
                                            HotCell.of(m, catalog.get().tag(m.lon(), m.lat()));
                                    if (visible.test(cell)) {
                                        cells.add(cell);
                                    }
                                }
                            }));
        }
        long read = scan.run(DEADLINE);
        if (malformed[0] > 0) {
            LOG.warn("Replay of [{}, {}) skipped {} malformed records", from, to, malformed[0]);
        }
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

    /**
     * A sink that reads each record as {@code type} and hands it to {@code handler}; a record that
     * is not a valid message (or has no value) is counted in {@code malformed[0]} and skipped.
     */
    private static <T extends TopicMessage> Consumer<ConsumerRecord<byte[], byte[]>> decoding(
            Class<T> type, long[] malformed, Consumer<T> handler) {
        return r -> {
            if (r.value() == null) {
                malformed[0]++;
                return;
            }
            T value;
            try {
                value = TopicCodec.decode(r.topic(), r.value(), type);
            } catch (MalformedMessageException e) {
                LOG.debug(
                        "Replay skips {}-{}@{}: {}",
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        e.reason());
                malformed[0]++;
                return;
            }
            handler.accept(value);
        };
    }

    private static boolean inRange(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
