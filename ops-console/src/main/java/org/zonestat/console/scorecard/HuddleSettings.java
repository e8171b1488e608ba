package org.zonestat.console.scorecard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.zonestat.city.CityOption;
import org.zonestat.city.CityProfile;
import org.zonestat.topics.Topics;

/**
 * Settings of the scorecard, huddle, report and public pages.
 *
 * @param zoneStatsTopic the per-zone daily scorecard topic
 * @param hotspotsTopic the hot-spot topic (Gi* cells)
 * @param actionItemsTopic the compacted topic holding the action items (created if missing)
 * @param timeZone the time zone of local dates: the city's
 * @param goalPercent the goal as a change against last year, e.g. {@code -15.0}
 * @param huddleLayer the layer whose zones the huddle wall and the public page show: the city's
 *     focus layer
 * @param huddleDate the huddle's "today"; null means the latest day in {@code zone-stats} for the
 *     layer, or the clock's date when there is none
 * @param rotateSeconds how long the huddle wall shows each zone before the next
 * @param clock the clock for action item times and the fallback date
 */
public record HuddleSettings(
        String zoneStatsTopic,
        String hotspotsTopic,
        String actionItemsTopic,
        ZoneId timeZone,
        double goalPercent,
        String huddleLayer,
        LocalDate huddleDate,
        int rotateSeconds,
        Clock clock) {

    public HuddleSettings {
        Objects.requireNonNull(zoneStatsTopic, "zoneStatsTopic");
        Objects.requireNonNull(hotspotsTopic, "hotspotsTopic");
        Objects.requireNonNull(actionItemsTopic, "actionItemsTopic");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(huddleLayer, "huddleLayer");
        Objects.requireNonNull(clock, "clock");
        if (!(goalPercent >= -100 && goalPercent <= 100)) {
            throw new IllegalArgumentException(
                    "goalPercent must be in [-100, 100], was " + goalPercent);
        }
        if (rotateSeconds < 1) {
            throw new IllegalArgumentException("rotateSeconds must be >= 1, was " + rotateSeconds);
        }
    }

    /**
     * A city's huddle: its time zone, goal and focus layer; the default topics ({@link
     * Topics#defaults()}); today = the latest day in the data; 12 s per zone; the system clock.
     */
    public static HuddleSettings forCity(CityProfile city) {
        Topics topics = Topics.defaults();
        return new HuddleSettings(
                topics.zoneStats(),
                topics.hotspots(),
                topics.actionItems(),
                city.timeZone(),
                city.goalPercent(),
                city.focusLayer(),
                null,
                12,
                Clock.systemUTC());
    }

    /** {@link #forCity} of the city commands serve by default ({@link CityOption#defaultCity}). */
    public static HuddleSettings defaults() {
        return forCity(CityOption.defaultCity());
    }

    public HuddleSettings withTopics(String zoneStats, String hotspots, String actionItems) {
        return new HuddleSettings(
                zoneStats,
                hotspots,
                actionItems,
                timeZone,
                goalPercent,
                huddleLayer,
                huddleDate,
                rotateSeconds,
                clock);
    }

    public HuddleSettings withHuddleDate(LocalDate date) {
        return new HuddleSettings(
                zoneStatsTopic,
                hotspotsTopic,
                actionItemsTopic,
                timeZone,
                goalPercent,
                huddleLayer,
                date,
                rotateSeconds,
                clock);
    }

    public HuddleSettings withGoalPercent(double percent) {
        return new HuddleSettings(
                zoneStatsTopic,
                hotspotsTopic,
                actionItemsTopic,
                timeZone,
                percent,
                huddleLayer,
                huddleDate,
                rotateSeconds,
                clock);
    }

    public HuddleSettings withClock(Clock c) {
        return new HuddleSettings(
                zoneStatsTopic,
                hotspotsTopic,
                actionItemsTopic,
                timeZone,
                goalPercent,
                huddleLayer,
                huddleDate,
                rotateSeconds,
                c);
    }
}
