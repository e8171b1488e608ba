package org.zonestat.console.fieldwork;

import java.util.List;
import java.util.Objects;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.console.sitevisit.CodeEnforcement;
import org.zonestat.topics.ActivityMessage;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.ForecastScoreMessage;
import org.zonestat.topics.HotspotsMessage;
import org.zonestat.topics.PlaceMessage;
import org.zonestat.topics.RiskHaloMessage;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * The console's field-work views, filled from topics it already reads, by the one {@link
 * TopicFeed}, from their beginnings: the places ({@code places}), what agencies did ({@code
 * activity-log}, and the activity counts and contact sketches of {@code zone-stats}), the violent
 * incidents and code-enforcement requests ({@code events}), the near-repeat halos and the forecast
 * scores ({@code hotspots}); plus the writer the forms use.
 *
 * <p>Why the place statistics are computed here and not in the job: they are asked for one zone, as
 * of any day (the huddle's today, a replayed week, a backfilled year), over a few thousand places;
 * the console already holds every input, and counting a zone's places against a year of incidents
 * takes milliseconds with a grid index. In the job the same figures would need keyed state per
 * place or cell holding 365 days of incidents, re-emitted for every place whenever a day passes,
 * and would answer "now" only.
 *
 * <p>The owner of the feed subscribes (constructor) before it starts, and closes the writer.
 * Thread-safe.
 */
public final class FieldWork implements AutoCloseable {
    private final FieldWorkSettings settings;
    private final PlaceStore places = new PlaceStore();
    private final ActivityLog activities = new ActivityLog();
    private final ActivityDays activityDays = new ActivityDays();
    private final EventHistory history;
    private final HaloHistory halos = new HaloHistory();
    private final ForecastScores forecasts = new ForecastScores();
    private final FieldWriter writer;
    private final List<TopicProgress> readers;

    /**
     * Subscribes the views to their topics on {@code feed} (before it starts).
     *
     * @param eventsTopic tagged events (incidents, 311)
     * @param hotspotsTopic halos and forecast scores
     * @param zoneStatsTopic the daily scorecard (activity counts, contact sketches)
     * @param codeEnforcement the city's code-enforcement request types, counted around places
     */
    public FieldWork(
            TopicFeed feed,
            String bootstrapServers,
            String eventsTopic,
            String hotspotsTopic,
            String zoneStatsTopic,
            CodeEnforcement codeEnforcement,
            FieldWorkSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.history = new EventHistory(Objects.requireNonNull(codeEnforcement, "codeEnforcement"));
        this.writer =
                new FieldWriter(
                        bootstrapServers, settings.activitiesTopic(), settings.placesTopic());
        this.readers =
                List.of(
                        feed.subscribeWithTombstones(
                                settings.placesTopic(),
                                PlaceMessage.class,
                                StartAt.beginning(),
                                r -> places.accept(r.key(), r.value())),
                        feed.subscribe(
                                settings.activityLogTopic(),
                                ActivityMessage.class,
                                StartAt.beginning(),
                                r -> activities.accept(r.value())),
                        feed.subscribe(
                                eventsTopic,
                                EventMessage.class,
                                StartAt.beginning(),
                                r -> history.accept(r.value())),
                        feed.subscribe(
                                hotspotsTopic,
                                HotspotsMessage.class,
                                StartAt.beginning(),
                                r -> {
                                    if (r.value() instanceof RiskHaloMessage h) {
                                        halos.accept(h);
                                    } else if (r.value() instanceof ForecastScoreMessage f) {
                                        forecasts.accept(f);
                                    }
                                }),
                        feed.subscribe(
                                zoneStatsTopic,
                                ZoneStatsMessage.class,
                                StartAt.beginning(),
                                r -> activityDays.accept(r.value())));
    }

    public FieldWorkSettings settings() {
        return settings;
    }

    public PlaceStore places() {
        return places;
    }

    public ActivityLog activities() {
        return activities;
    }

    public ActivityDays activityDays() {
        return activityDays;
    }

    public EventHistory history() {
        return history;
    }

    public HaloHistory halos() {
        return halos;
    }

    public ForecastScores forecasts() {
        return forecasts;
    }

    FieldWriter writer() {
        return writer;
    }

    /** How far each of the views' topics has been read. */
    public List<TopicProgress> readers() {
        return readers;
    }

    @Override
    public void close() {
        writer.close();
    }
}
