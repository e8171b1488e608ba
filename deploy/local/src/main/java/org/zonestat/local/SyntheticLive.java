package org.zonestat.local;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.synthetic.CityGeography;
import org.zonestat.sim.synthetic.SyntheticCity;
import org.zonestat.sim.synthetic.SyntheticCityOptions;

/**
 * The demo's synthetic city, in the served city's geography, as one stream in event-time order:
 * shootings from 1 January of last year (local time), so that the huddle's year-to-date has a last
 * year to compare with; tips (those that follow a shooting among them) from {@value #TIP_DAYS} days
 * before the demo was first started, as they matter for the live view and tip matches only; 311
 * requests with their lifecycles from {@value #REQUEST_DAYS} days before it, at {@value
 * #REQUEST_RATE} of the model's rate, so that open and overdue work has built up. The shorter spans
 * keep the history quick to load. The stream runs on past now: published by the clock, it is the
 * demo's live activity. Every record has the source {@code synthetic-city}.
 *
 * <p>A function of the seed and the two start instants, which a data folder keeps ({@link
 * DemoDataDir}): a restarted demo makes the same stream and skips what it already published.
 *
 * @param incidentsFrom where the shootings and tips start
 * @param requestsFrom where the 311 requests start
 */
record SyntheticLive(Instant incidentsFrom, Instant requestsFrom) {
    /** Days of 311 work before the first start. */
    static final int REQUEST_DAYS = 14;

    /** Days of tips before the first start. */
    static final int TIP_DAYS = 28;

    /**
     * The 311 rate against the model's (1,050 requests a day at 1): at a fifth, the live map's
     * recent events hold a day and a half, shootings and tips among them.
     */
    static final double REQUEST_RATE = 0.2;

    /** How far the generated stream runs: longer than any demo. */
    private static final Duration HORIZON = Duration.ofDays(3650);

    SyntheticLive {
        Objects.requireNonNull(incidentsFrom, "incidentsFrom");
        Objects.requireNonNull(requestsFrom, "requestsFrom");
    }

    /** The starts for a demo first started at {@code now} in a city of that time zone. */
    static SyntheticLive startingAt(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return new SyntheticLive(
                today.minusYears(1).withDayOfYear(1).atStartOfDay(zone).toInstant(),
                today.minusDays(REQUEST_DAYS).atStartOfDay(zone).toInstant());
    }

    /** The stream, in event-time order. */
    Iterator<RawEvent> records(CityGeography city, long seed) {
        Instant tipsFrom = requestsFrom.minus(Duration.ofDays(TIP_DAYS - REQUEST_DAYS));
        SyntheticCity incidents =
                new SyntheticCity(
                        SyntheticCityOptions.builder(seed)
                                .geography(city)
                                .start(incidentsFrom)
                                .duration(HORIZON)
                                .feeds(EnumSet.of(Feed.INCIDENTS, Feed.TIPS))
                                .build());
        SyntheticCity requests =
                new SyntheticCity(
                        SyntheticCityOptions.builder(seed)
                                .geography(city)
                                .start(requestsFrom)
                                .duration(HORIZON)
                                .rateMultiplier(REQUEST_RATE)
                                .feeds(EnumSet.of(Feed.REQUESTS311))
                                .build());
        return new InTimeOrder(new TipsFrom(incidents, tipsFrom), requests);
    }

    /** A stream without the tips before an instant. */
    private static final class TipsFrom implements Iterator<RawEvent> {
        private final Iterator<RawEvent> records;
        private final Instant from;
        private RawEvent next;

        TipsFrom(Iterator<RawEvent> records, Instant from) {
            this.records = records;
            this.from = from;
        }

        @Override
        public boolean hasNext() {
            while (next == null && records.hasNext()) {
                RawEvent r = records.next();
                if (r.feed() != Feed.TIPS || !r.occurredAt().isBefore(from)) {
                    next = r;
                }
            }
            return next != null;
        }

        @Override
        public RawEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RawEvent out = next;
            next = null;
            return out;
        }
    }

    /** Two streams in event-time order merged into one (the first wins a tie). */
    private static final class InTimeOrder implements Iterator<RawEvent> {
        private final Iterator<RawEvent> a;
        private final Iterator<RawEvent> b;
        private RawEvent nextA;
        private RawEvent nextB;

        InTimeOrder(Iterator<RawEvent> a, Iterator<RawEvent> b) {
            this.a = a;
            this.b = b;
            this.nextA = a.hasNext() ? a.next() : null;
            this.nextB = b.hasNext() ? b.next() : null;
        }

        @Override
        public boolean hasNext() {
            return nextA != null || nextB != null;
        }

        @Override
        public RawEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RawEvent out;
            if (nextB == null
                    || (nextA != null && !nextA.occurredAt().isAfter(nextB.occurredAt()))) {
                out = nextA;
                nextA = a.hasNext() ? a.next() : null;
            } else {
                out = nextB;
                nextB = b.hasNext() ? b.next() : null;
            }
            return out;
        }
    }
}
