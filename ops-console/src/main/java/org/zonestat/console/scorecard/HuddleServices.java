package org.zonestat.console.scorecard;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.zonestat.console.Places;
import org.zonestat.geo.ZoneCatalog;

/**
 * The Kafka-backed views behind the scorecard, huddle, report, public and Open311 endpoints: it
 * reads {@code zone-stats}, {@code hotspots} and {@code events} from their beginnings into memory
 * and keeps the action items in their compacted topic. {@link #start()} starts the readers; {@link
 * #close()} stops them.
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
    private final List<TopicReader> readers;

    /**
     * @param eventsTopic the tagged events topic (its 311 records feed the Open311 endpoints)
     * @param catalog the layers as they are now (hot cells are placed in them when asked)
     */
    public HuddleServices(
            String bootstrapServers,
            String eventsTopic,
            Supplier<ZoneCatalog> catalog,
            HuddleSettings settings) {
        this.settings = settings;
        this.hotCells = new HotCells(catalog);
        this.places = new Places(catalog);
        this.actionItems =
                new ActionItemStore(
                        bootstrapServers, settings.actionItemsTopic(), settings.clock());
        this.readers =
                List.of(
                        new TopicReader(
                                bootstrapServers,
                                settings.zoneStatsTopic(),
                                scorecard::acceptRecord),
                        new TopicReader(
                                bootstrapServers, settings.hotspotsTopic(), hotCells::acceptRecord),
                        new TopicReader(bootstrapServers, eventsTopic, requests::acceptRecord),
                        actionItems.reader());
    }

    public HuddleServices start() {
        readers.stream().filter(r -> r != actionItems.reader()).forEach(TopicReader::start);
        actionItems.start();
        return this;
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

    /** The readers of every topic, for their lag. */
    public List<TopicReader> readers() {
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
        for (TopicReader r : readers) {
            if (r != actionItems.reader()) {
                r.close();
            }
        }
        actionItems.close();
    }
}
