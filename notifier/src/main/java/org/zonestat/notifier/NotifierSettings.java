package org.zonestat.notifier;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.zonestat.city.CityOption;
import org.zonestat.city.CityProfile;
import org.zonestat.topics.Topics;

/**
 * How the notifier runs.
 *
 * @param bootstrapServers Kafka
 * @param topics the topic names ({@code notifications}, {@code contacts}, {@code
 *     notification-deliveries}, {@code notification-dead-letters})
 * @param groupId the consumer group of {@code notifications}, also the base of the transactional id
 *     (one notifier per group: a restarted one fences the old)
 * @param channels how residents are reached, in order of preference (the first that reaches the
 *     contact is used)
 * @param maxAttempts tries per notification before it is dead-lettered
 * @param firstBackoff the wait after the first failed try; each next wait doubles
 * @param maxBackoff the longest wait between tries
 * @param timeZone the city's, for the dates in messages
 * @param signature the message's last line
 * @param clock the time of delivery records
 */
public record NotifierSettings(
        String bootstrapServers,
        Topics topics,
        String groupId,
        List<DeliveryChannel> channels,
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        ZoneId timeZone,
        String signature,
        Clock clock) {

    public NotifierSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(groupId, "groupId");
        channels = List.copyOf(channels);
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("at least one delivery channel is needed");
        }
    }

    /**
     * The default topics and group ({@code zonestat-notifier}), 5 tries 1, 2, 4, 8 s apart, the
     * city's time zone and a signature with its name.
     */
    public static NotifierSettings forCity(
            String bootstrapServers, List<DeliveryChannel> channels, CityProfile city) {
        return new NotifierSettings(
                bootstrapServers,
                Topics.defaults(),
                "zonestat-notifier",
                channels,
                5,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                city.timeZone(),
                city.name() + " 311 (sent by ZoneStat)",
                Clock.systemUTC());
    }

    /** {@link #forCity} of the city commands serve by default ({@link CityOption#defaultCity}). */
    public static NotifierSettings defaults(
            String bootstrapServers, List<DeliveryChannel> channels) {
        return forCity(bootstrapServers, channels, CityOption.defaultCity());
    }

    public NotifierSettings withTopics(Topics t) {
        return new NotifierSettings(
                bootstrapServers,
                t,
                groupId,
                channels,
                maxAttempts,
                firstBackoff,
                maxBackoff,
                timeZone,
                signature,
                clock);
    }

    public NotifierSettings withGroupId(String g) {
        return new NotifierSettings(
                bootstrapServers,
                topics,
                g,
                channels,
                maxAttempts,
                firstBackoff,
                maxBackoff,
                timeZone,
                signature,
                clock);
    }

    public NotifierSettings withRetries(int attempts, Duration first, Duration max) {
        return new NotifierSettings(
                bootstrapServers,
                topics,
                groupId,
                channels,
                attempts,
                first,
                max,
                timeZone,
                signature,
                clock);
    }

    /** The wait after failed try number {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        Duration d = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
