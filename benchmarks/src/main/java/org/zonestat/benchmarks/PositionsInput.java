package org.zonestat.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.zonestat.city.CityProfile;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.JobConfig;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.synthetic.CityGeography;
import org.zonestat.sim.synthetic.PatrolFleet;
import org.zonestat.sim.synthetic.PatrolOptions;
import org.zonestat.sim.synthetic.SyntheticCity;
import org.zonestat.sim.synthetic.SyntheticCityOptions;
import org.zonestat.topics.RawPosition;
import org.zonestat.topics.TopicCodec;

/**
 * What the positions benchmark publishes, in event-time order: a {@link PatrolFleet} of {@code
 * devices} (1 % of them monitored people, the rest units assigned to Baltimore's focus zones, every
 * fifth an outreach worker) reporting every {@code interval}, merged with the seeded synthetic city
 * (incidents, 311 lifecycles, tips) in the same geography at {@code cityRate} times Baltimore's
 * rates: every other stream at its usual mix beside the positions. A deterministic function of the
 * seed and the start.
 *
 * <p>Not thread-safe.
 */
final class PositionsInput implements Iterator<PositionsInput.Item> {
    /** The city the benchmark runs in (the job's default). */
    static final CityProfile CITY = CityProfiles.shipped("baltimore");

    /**
     * One record to publish.
     *
     * @param topic where it goes
     * @param key its Kafka key
     * @param json its value
     * @param atMillis its event time
     * @param fix the fix, or null for a record of another stream
     */
    record Item(String topic, String key, String json, long atMillis, RawPosition fix) {}

    private final PatrolFleet fleet;
    private final Iterator<RawEvent> city;
    private final String positionsTopic;
    private final Map<Feed, String> rawTopics;
    private final double[] hotPlace;
    private RawEvent nextCity;

    PositionsInput(
            JobConfig config,
            long seed,
            Instant start,
            int devices,
            Duration interval,
            double cityRate) {
        CityGeography geography = CityGeography.of(CITY);
        PatrolOptions options = fleetOptions(seed, start, geography, devices, interval);
        this.fleet = new PatrolFleet(options);
        this.hotPlace = options.hotPlaces().get(0);
        this.city =
                new SyntheticCity(
                        SyntheticCityOptions.builder(seed)
                                .geography(geography)
                                .start(start)
                                .duration(Duration.ofDays(2))
                                .rateMultiplier(cityRate)
                                .build());
        this.positionsTopic = config.topics().positions();
        this.rawTopics = FeedReplayer.topics(config.topics());
        this.nextCity = city.hasNext() ? city.next() : null;
    }

    static PatrolOptions fleetOptions(
            long seed, Instant start, CityGeography geography, int devices, Duration interval) {
        int monitored = Math.max(1, devices / 100);
        ZoneCatalog focus = ZoneCatalog.load(List.of(CITY.layer(CITY.focusLayer()).orElseThrow()));
        return PatrolOptions.forCity(
                        seed, start, geography, focus.layer(CITY.focusLayer()).orElseThrow())
                .with(devices - monitored, monitored, interval);
    }

    /** A place where units patrol ({@code [lat, lon]}): inside the city's zones. */
    double[] hotPlace() {
        return hotPlace;
    }

    /** The event time of the next item (epoch ms). */
    long nextAtMillis() {
        long fix = fleet.nextFixTime();
        return nextCity == null ? fix : Math.min(fix, nextCity.occurredAt().toEpochMilli());
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Item next() {
        if (nextCity != null && nextCity.occurredAt().toEpochMilli() < fleet.nextFixTime()) {
            RawEvent e = nextCity;
            nextCity = city.hasNext() ? city.next() : null;
            return new Item(
                    rawTopics.get(e.feed()),
                    e.key(),
                    e.json(),
                    e.occurredAt().toEpochMilli(),
                    null);
        }
        RawPosition fix = fleet.next();
        if (fix == null) {
            throw new NoSuchElementException();
        }
        return new Item(
                positionsTopic,
                fix.key(),
                TopicCodec.encodeToString(fix),
                fix.at().toEpochMilli(),
                fix);
    }
}
