package org.zonestat.console.scorecard;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.zonestat.console.Places;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.HotspotsMessage;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * The Kafka-backed views behind the scorecard, huddle, report, public and Open311 endpoints: the
 * console's {@link TopicFeed} reads {@code zone-stats}, {@code hotspots} and {@code events} from
 * their beginnings into them, and the action items live in their compacted topic. The owner of the
 * feed starts and closes it; {@link #close()} closes the action items' producer.
 *
 * <p>Thread-safe.
 */
public final class HuddleServices implements AutoCloseable {
    private final HuddleSettings settings;
    private final ScorecardStore scorecard = new ScorecardStore();
    private final HotCells hotCells;
    private final Open311Requests requests = new Open311Requests();
    private final ActionItemStore actionItems;
    private final Places places;
    private final List<TopicProgress> readers;

    /**
     * Subscribes the views to their topics on {@code feed} (before the feed starts).
     *
     * @param eventsTopic the tagged events topic (its 311 records feed the Open311 endpoints)
     * @param catalog the layers as they are now (hot cells are placed in them when asked)
     */
    public HuddleServices(
            TopicFeed feed,
            String bootstrapServers,
            String eventsTopic,
            Supplier<ZoneCatalog> catalog,
            HuddleSettings settings) {
        this.settings = settings;
        this.hotCells = new HotCells(catalog);
        this.places = new Places(catalog);
        this.actionItems =
                new ActionItemStore(
                        feed, bootstrapServers, settings.actionItemsTopic(), settings.clock());
        this.readers =
                List.of(
                        feed.subscribe(
                                settings.zoneStatsTopic(),
                                ZoneStatsMessage.class,
                                StartAt.beginning(),
                                r -> scorecard.accept(r.value())),
                        feed.subscribe(
                                settings.hotspotsTopic(),
                                HotspotsMessage.class,
                                StartAt.beginning(),
                                r -> hotCells.accept(r.value())),
                        feed.subscribe(
                                eventsTopic,
                                EventMessage.class,
                                StartAt.beginning(),
                                r -> requests.accept(r.value())),
                        actionItems.reader());
    }

    public HuddleSettings settings() {
        return settings;
    }

    public ScorecardStore scorecard() {
        return scorecard;
    }

    public HotCells hotCells() {
        return hotCells;
    }

    public Open311Requests requests() {
        return requests;
    }

    public ActionItemStore actionItems() {
        return actionItems;
    }

    /** How far each of the views' topics has been read, for their lag. */
    public List<TopicProgress> readers() {
        return readers;
    }

    /**
     * The huddle's "today": the configured date, else the latest day of the layer, else the
     * clock's.
     */
    public LocalDate today(String layer) {
        if (settings.huddleDate() != null) {
            return settings.huddleDate();
        }
        return scorecard
                .latestDay(layer)
                .orElseGet(() -> LocalDate.now(settings.clock().withZone(settings.timeZone())));
    }

    public HuddleBoard board() {
        return new HuddleBoard(
                scorecard, hotCells, actionItems, requests, places, settings.timeZone());
    }

    public WeeklyReport weeklyReport() {
        return new WeeklyReport(scorecard, actionItems, settings.timeZone());
    }

    @Override
    public void close() {
        actionItems.close();
    }
}
