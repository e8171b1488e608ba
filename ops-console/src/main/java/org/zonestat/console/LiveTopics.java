package org.zonestat.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.console.kafka.TopicRecord;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.topics.AlertMessage;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.HotspotCellMessage;
import org.zonestat.topics.HotspotsMessage;
import org.zonestat.topics.RiskHaloMessage;

/**
 * What fills the {@link LiveEventHub}: the {@code events} topic, and optionally {@code alerts} and
 * {@code hotspots}, read by the console's {@link TopicFeed}. Each event, alert, risk halo and
 * hot-spot cell is published to the hub; hot-spot cells get the zones of their centre from the
 * layers as they are when the cell is read; the other {@code hotspots} types are not shown live.
 *
 * <p>On start the hub gets at most {@code hub.recentLimit()} records before each partition's end
 * ({@value #HOTSPOTS_LOOKBACK} for {@code hotspots}, where one window writes a record per active
 * cell): its buffers refill without years of history; the hub drops redeliveries. {@code hotspots}
 * is written in transactions, so only committed records are shown; events and alerts are written
 * at-least-once without transactions and show at once.
 *
 * <p>Thread-safe: {@link #health()} may be called from any thread.
 */
public final class LiveTopics {
    static final int HOTSPOTS_LOOKBACK = 5000;

    private final TopicFeed feed;
    private final String eventsTopic;
    private final List<TopicProgress> read = new ArrayList<>();

    /**
     * Subscribes the hub to the topics on {@code feed} (before the feed starts).
     *
     * @param alertsTopic the alerts topic, or null to read none
     * @param hotspotsTopic the hotspots topic, or null to read none
     * @param catalog the layers as they are now, which tag hot-spot cells with zones; null leaves
     *     them untagged
     */
    public LiveTopics(
            TopicFeed feed,
            String eventsTopic,
            String alertsTopic,
            String hotspotsTopic,
            Supplier<ZoneCatalog> catalog,
            LiveEventHub hub) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
        Objects.requireNonNull(hub, "hub");
        StartAt recent = StartAt.recent(hub.recentLimit());
        read.add(
                feed.subscribe(
                        eventsTopic,
                        EventMessage.class,
                        recent,
                        r -> hub.publish(LiveEvent.of(r.value()))));
        if (alertsTopic != null) {
            read.add(
                    feed.subscribe(
                            alertsTopic,
                            AlertMessage.class,
                            recent,
                            r -> hub.publish(LiveAlert.of(r.value()))));
        }
        if (hotspotsTopic != null) {
            read.add(
                    feed.subscribe(
                            hotspotsTopic,
                            HotspotsMessage.class,
                            StartAt.recent(HOTSPOTS_LOOKBACK),
                            r -> publish(hub, catalog, r)));
        }
    }

    private static void publish(
            LiveEventHub hub, Supplier<ZoneCatalog> catalog, TopicRecord<HotspotsMessage> r) {
        if (r.value() instanceof RiskHaloMessage h) {
            hub.publish(RiskHalo.of(h));
        } else if (r.value() instanceof HotspotCellMessage c) {
            hub.publish(
                    HotCell.of(c, catalog == null ? null : catalog.get().tag(c.lon(), c.lat())));
        }
    }

    /**
     * The feed as {@code /api/health} reports it: waiting while the events topic does not exist,
     * live once every live topic found has been read to the end it had when found; records read and
     * malformed ones over the live topics.
     */
    public FeedHealth health() {
        TopicProgress events = read.get(0);
        FeedHealth.State state =
                switch (feed.state()) {
                    case NEW -> FeedHealth.State.NEW;
                    case CONNECTING -> FeedHealth.State.CONNECTING;
                    case RETRYING -> FeedHealth.State.RETRYING;
                    case STOPPED -> FeedHealth.State.STOPPED;
                    case RUNNING ->
                            !events.found()
                                    ? FeedHealth.State.WAITING_FOR_TOPIC
                                    : read.stream()
                                                    .filter(TopicProgress::found)
                                                    .allMatch(TopicProgress::caughtUp)
                                            ? FeedHealth.State.LIVE
                                            : FeedHealth.State.CATCHING_UP;
                };
        return new FeedHealth(
                state,
                eventsTopic,
                read.stream().mapToLong(TopicProgress::recordsRead).sum(),
                read.stream().mapToLong(TopicProgress::malformedRecords).sum());
    }
}
