package org.zonestat.console.open311;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.zonestat.city.CityOption;
import org.zonestat.city.CityProfile;

/**
 * How the console serves Open311: the city's services, the topics a posted request goes to, and the
 * limits on posts.
 *
 * @param services the city's service list
 * @param requestsTopic where a posted request's first lifecycle step goes ({@code requests311.raw})
 * @param contactsTopic where its contact details go ({@code contacts})
 * @param maxBodyBytes the largest POST body (413 beyond): 64 KiB holds a 4,000-character
 *     description even fully percent-encoded
 * @param postsPerKey posts one {@code api_key} may make per {@code rateWindow}
 * @param postsPerAddress posts one network address may make per {@code rateWindow}
 * @param rateWindow the rate limits' window
 * @param clock the time a request is taken
 * @param ids new request ids
 * @param changeset the discovery document's changeset (when the service list last changed)
 * @param contact the discovery document's contact text
 * @param keyService how to get an API key, for the discovery document
 */
public record Open311Settings(
        ServiceList services,
        String requestsTopic,
        String contactsTopic,
        int maxBodyBytes,
        int postsPerKey,
        int postsPerAddress,
        Duration rateWindow,
        Clock clock,
        Supplier<String> ids,
        String changeset,
        String contact,
        String keyService) {

    public Open311Settings {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(requestsTopic, "requestsTopic");
        Objects.requireNonNull(contactsTopic, "contactsTopic");
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1024, was " + maxBodyBytes);
        }
    }

    /**
     * The city's services (its profile's {@code services} list; none when it has none), the default
     * topics, 64 KiB bodies, 60 posts per key and 10 per address per 10 minutes, the system clock.
     */
    public static Open311Settings forCity(CityProfile city) {
        return new Open311Settings(
                ServiceList.forCity(city),
                "requests311.raw",
                "contacts",
                64 * 1024,
                60,
                10,
                Duration.ofMinutes(10),
                Clock.systemUTC(),
                Open311Intake.randomIds(),
                "2019-10-18T00:00:00Z",
                "Ask the city's 311 office.",
                "Any ZoneStat console access token is an api_key; the city's admins issue them.");
    }

    /** {@link #forCity} of the city commands serve by default ({@link CityOption#defaultCity}). */
    public static Open311Settings defaults() {
        return forCity(CityOption.defaultCity());
    }

    public Open311Settings withTopics(String requests, String contacts) {
        return new Open311Settings(
                services,
                requests,
                contacts,
                maxBodyBytes,
                postsPerKey,
                postsPerAddress,
                rateWindow,
                clock,
                ids,
                changeset,
                contact,
                keyService);
    }

    public Open311Settings withClock(Clock c) {
        return new Open311Settings(
                services,
                requestsTopic,
                contactsTopic,
                maxBodyBytes,
                postsPerKey,
                postsPerAddress,
                rateWindow,
                c,
                ids,
                changeset,
                contact,
                keyService);
    }

    public Open311Settings withRateLimits(int perKey, int perAddress, Duration window) {
        return new Open311Settings(
                services,
                requestsTopic,
                contactsTopic,
                maxBodyBytes,
                perKey,
                perAddress,
                window,
                clock,
                ids,
                changeset,
                contact,
                keyService);
    }
}
