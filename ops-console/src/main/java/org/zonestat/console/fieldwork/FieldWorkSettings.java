package org.zonestat.console.fieldwork;

import java.time.Clock;
import java.util.Objects;
import org.zonestat.topics.ContactTokens;
import org.zonestat.topics.Topics;

/**
 * Settings of the console's field work: places, activities, the priority inspection list and the
 * forecast scores. The time zone and focus layer are the huddle's ({@code HuddleSettings}).
 *
 * @param placesTopic the compacted places topic (read; the console's additions and closures go
 *     there)
 * @param activitiesTopic the raw activities topic the console's forms write to
 * @param activityLogTopic the job's validated activities
 * @param placeRadiusMeters the default radius around a place for its incidents and 311 requests
 * @param contactTokens the key outreach contacts are hashed with; null: the form takes no contact
 * @param clock when activities and places are written
 */
public record FieldWorkSettings(
        String placesTopic,
        String activitiesTopic,
        String activityLogTopic,
        double placeRadiusMeters,
        ContactTokens contactTokens,
        Clock clock) {
    public FieldWorkSettings {
        Objects.requireNonNull(placesTopic, "placesTopic");
        Objects.requireNonNull(activitiesTopic, "activitiesTopic");
        Objects.requireNonNull(activityLogTopic, "activityLogTopic");
        Objects.requireNonNull(clock, "clock");
        if (!(placeRadiusMeters > 0 && placeRadiusMeters <= 5_000)) {
            throw new IllegalArgumentException(
                    "placeRadiusMeters must be in (0, 5000], was " + placeRadiusMeters);
        }
    }

    /** The default topics ({@link Topics#defaults()}), 100 m, no contact key, the system clock. */
    public static FieldWorkSettings defaults() {
        return of(Topics.defaults());
    }

    /** The topics of {@code t}, 100 m, no contact key, the system clock. */
    public static FieldWorkSettings of(Topics t) {
        return new FieldWorkSettings(
                t.places(),
                t.activities(),
                t.activityLog(),
                PlaceRanking.DEFAULT_RADIUS_METERS,
                null,
                Clock.systemUTC());
    }

    public FieldWorkSettings withContactTokens(ContactTokens tokens) {
        return new FieldWorkSettings(
                placesTopic, activitiesTopic, activityLogTopic, placeRadiusMeters, tokens, clock);
    }

    public FieldWorkSettings withClock(Clock c) {
        return new FieldWorkSettings(
                placesTopic,
                activitiesTopic,
                activityLogTopic,
                placeRadiusMeters,
                contactTokens,
                c);
    }
}
