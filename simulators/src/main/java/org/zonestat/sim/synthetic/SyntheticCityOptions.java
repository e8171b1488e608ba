package org.zonestat.sim.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.zonestat.sim.Feed;

/**
 * What a {@link SyntheticCity} generates: its seed, start time, how much (a number of delivered
 * records or an event-time duration), a rate multiplier on every base rate, and the delivery faults
 * (out-of-order, duplicate, malformed fractions, each between 0 and 0.5), which feeds to generate,
 * and the real city it happens in. Built with {@link #builder(long)}; invalid values fail at {@link
 * Builder#build()} with the seed in the message.
 *
 * <p>Immutable; thread-safe.
 */
public record SyntheticCityOptions(
        long seed,
        Instant start,
        Optional<Long> count,
        Optional<Duration> duration,
        double rateMultiplier,
        double outOfOrderFraction,
        double duplicateFraction,
        double malformedFraction,
        int maxDisplacement,
        Set<Feed> feeds,
        CityGeography geography) {
    /** A fixed default start (Monday 2024-01-01 00:00 in New York), never the wall clock. */
    public static final Instant DEFAULT_START = Instant.parse("2024-01-01T05:00:00Z");

    public SyntheticCityOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(duration, "duration");
        feeds = Set.copyOf(feeds);
        Objects.requireNonNull(geography, "geography");
        if (feeds.isEmpty()) {
            throw invalid(seed, "at least one feed is needed");
        }
        if (count.isPresent() == duration.isPresent()) {
            throw invalid(seed, "give a count or a duration, exactly one");
        }
        if (count.isPresent() && count.get() <= 0) {
            throw invalid(seed, "count must be > 0, was " + count.get());
        }
        if (duration.isPresent() && (duration.get().isNegative() || duration.get().isZero())) {
            throw invalid(seed, "duration must be positive, was " + duration.get());
        }
        if (!(rateMultiplier > 0 && rateMultiplier <= 1_000_000)) {
            throw invalid(seed, "rate multiplier must be in (0, 1000000], was " + rateMultiplier);
        }
        fraction(seed, "out-of-order", outOfOrderFraction);
        fraction(seed, "duplicate", duplicateFraction);
        fraction(seed, "malformed", malformedFraction);
        if (maxDisplacement < 1 || maxDisplacement > 10_000) {
            throw invalid(seed, "max displacement must be in [1, 10000], was " + maxDisplacement);
        }
    }

    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    private static void fraction(long seed, String what, double f) {
        if (!(f >= 0 && f <= 0.5)) {
            throw invalid(seed, what + " fraction must be in [0, 0.5], was " + f);
        }
    }

    private static IllegalArgumentException invalid(long seed, String message) {
        return new IllegalArgumentException("synthetic city (seed " + seed + "): " + message);
    }

    /**
     * Builds options; defaults: {@link #DEFAULT_START}, multiplier 1, no faults, displacement 50.
     */
    public static final class Builder {
        private final long seed;
        private Instant start = DEFAULT_START;
        private Long count;
        private Duration duration;
        private double rateMultiplier = 1;
        private double outOfOrder;
        private double duplicates;
        private double malformed;
        private int maxDisplacement = 50;
        private Set<Feed> feeds = EnumSet.allOf(Feed.class);
        private CityGeography geography;

        private Builder(long seed) {
            this.seed = seed;
        }

        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        /** Stop after this many delivered records (duplicates and malformed ones included). */
        public Builder count(long count) {
            this.count = count;
            return this;
        }

        /** Stop at {@code start + duration} of event time. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /**
         * Multiplies every base rate, on top of the city's own multiplier (1: about 3 shootings
         * with their near repeats, 17 tips and 1,050 311 requests a day).
         */
        public Builder rateMultiplier(double rateMultiplier) {
            this.rateMultiplier = rateMultiplier;
            return this;
        }

        /**
         * The share of records delivered late, after up to {@code maxDisplacement} later records.
         */
        public Builder outOfOrderFraction(double fraction) {
            this.outOfOrder = fraction;
            return this;
        }

        /** The share of records delivered a second time, right after the first. */
        public Builder duplicateFraction(double fraction) {
            this.duplicates = fraction;
            return this;
        }

        /** The share of records delivered malformed, of a {@link MalformedKind} chosen evenly. */
        public Builder malformedFraction(double fraction) {
            this.malformed = fraction;
            return this;
        }

        public Builder maxDisplacement(int records) {
            this.maxDisplacement = records;
            return this;
        }

        /**
         * Which streams to generate (default all three). Tips about shootings need both {@code
         * INCIDENTS} and {@code TIPS}.
         */
        public Builder feeds(Set<Feed> feeds) {
            this.feeds = feeds;
            return this;
        }

        /** The real city it happens in (default: {@link CityGeography#defaultCity()}). */
        public Builder geography(CityGeography city) {
            this.geography = city;
            return this;
        }

        public SyntheticCityOptions build() {
            return new SyntheticCityOptions(
                    seed,
                    start,
                    Optional.ofNullable(count),
                    Optional.ofNullable(duration),
                    rateMultiplier,
                    outOfOrder,
                    duplicates,
                    malformed,
                    maxDisplacement,
                    feeds,
                    geography != null ? geography : CityGeography.defaultCity());
        }
    }
}
