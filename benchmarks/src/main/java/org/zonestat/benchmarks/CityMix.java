package org.zonestat.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.synthetic.SyntheticCity;
import org.zonestat.sim.synthetic.SyntheticCityOptions;
import org.zonestat.topics.RawIncident;

/**
 * The pipeline benchmark's input: the seeded synthetic city's three streams, each generated alone
 * at its own rate so that the records come in the proportions of the shipped real Baltimore data,
 * merged in event-time order.
 *
 * <p><b>The proportions.</b> The shipped real data replays 3,994 incident records (the 2012–2017
 * shooting cases and the 2018 Part 1 homicides and shootings) and 5,099 311 lifecycle records (the
 * 3,000-request export): 43.9 % incidents and 56.1 % 311. It has no tips; tips are set to {@link
 * #DEFAULT_TIPS_SHARE} of all records (about one tip per eight incidents, an assumption) and the
 * rest split in the real ratio. (The synthetic city at one rate for everything is over 99 % 311
 * records: a city's 311 requests far outnumber its shootings per day.)
 *
 * <p><b>Kinds.</b> The synthetic city's incidents are all shootings and homicides; a city records
 * far more other violent incidents. So that near-repeat matching (shootings and homicides only)
 * sees a city's density of gun violence rather than every incident's, {@link #GUN_VIOLENCE_SHARE}
 * of the incidents keep their kind and the others become aggravated assaults or robberies (an
 * assumption, roughly a large US city's mix of violent crimes), chosen per record from the seed and
 * its id. Tips and the hotspot and scorecard counts take every kind.
 *
 * <p><b>Event time.</b> The incidents come at {@code incidentMultiplier} times the synthetic
 * Baltimore's shooting rate (50: a large city's violent incidents); the span of event time follows
 * from the number of incidents, and the 311 and tip streams get the rates that give them their
 * shares over that same span. A million records at the defaults span about eight years: the daily
 * scorecard, the hotspot windows and the near-repeat and tip windows run as in a backfill of a
 * city's history.
 *
 * <p>Deterministic: the same settings give the same records in the same order. Not thread-safe.
 *
 * @param seed the synthetic city's seed
 * @param records how many records in all
 * @param shares each stream's share of the records, summing to 1
 * @param incidentMultiplier the incident stream's rate multiplier
 * @param end about when the records end: the first start {@link #spanDays} earlier, so that no
 *     record is dated after the job's clock (which would be {@code future-timestamp})
 */
record CityMix(
        long seed, long records, Map<Feed, Double> shares, double incidentMultiplier, Instant end) {
    /** Where the benchmark's records end by default. */
    static final Instant DEFAULT_END = Instant.parse("2024-01-01T05:00:00Z");

    /** Incident and 311 records the shipped real data replays. */
    static final long REAL_INCIDENTS = 3_994;

    static final long REAL_311 = 5_099;

    /** The streams mixed. */
    static final List<Feed> STREAMS = List.of(Feed.INCIDENTS, Feed.REQUESTS311, Feed.TIPS);

    /** Tips' share of the records: the real data has none. */
    static final double DEFAULT_TIPS_SHARE = 0.05;

    /** The share of incidents that stay shootings or homicides. */
    static final double GUN_VIOLENCE_SHARE = 0.1;

    /** Of the other incidents, the share that become aggravated assaults (the rest robberies). */
    static final double ASSAULT_SHARE = 0.55;

    /** Days of event time the calibration generates per stream at multiplier 1. */
    private static final int CALIBRATION_DAYS = 20;

    CityMix {
        shares = Map.copyOf(shares);
        double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 1) > 1e-9 || shares.values().stream().anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("stream shares must sum to 1, were " + shares);
        }
        if (records < 1 || !(incidentMultiplier > 0)) {
            throw new IllegalArgumentException("records and the multiplier must be positive");
        }
    }

    /**
     * The real data's proportions of incidents and 311 records, with {@code tipsShare} of the
     * records tips.
     */
    static CityMix realProportions(
            long seed, long records, double incidentMultiplier, double tipsShare) {
        double rest = 1 - tipsShare;
        double incidents = rest * REAL_INCIDENTS / (REAL_INCIDENTS + REAL_311);
        return new CityMix(
                seed,
                records,
                Map.of(
                        Feed.INCIDENTS,
                        incidents,
                        Feed.REQUESTS311,
                        rest - incidents,
                        Feed.TIPS,
                        tipsShare),
                incidentMultiplier,
                DEFAULT_END);
    }

    /** The same mix with another number of records. */
    CityMix withRecords(long n) {
        return new CityMix(seed, n, shares, incidentMultiplier, end);
    }

    /** Records of each stream. */
    Map<Feed, Long> counts() {
        Map<Feed, Long> counts = new EnumMap<>(Feed.class);
        long assigned = 0;
        for (Feed f : List.of(Feed.INCIDENTS, Feed.TIPS)) {
            long n = Math.round(records * shares.getOrDefault(f, 0.0));
            counts.put(f, n);
            assigned += n;
        }
        counts.put(Feed.REQUESTS311, records - assigned);
        return counts;
    }

    /**
     * Each stream's rate multiplier: incidents at {@link #incidentMultiplier}, the others at the
     * rate that fills their share over the incidents' span of event time.
     */
    Map<Feed, Double> multipliers() {
        Map<Feed, Long> counts = counts();
        Map<Feed, Double> perDay = new EnumMap<>(Feed.class);
        for (Feed f : STREAMS) {
            perDay.put(f, recordsPerDayAtMultiplierOne(f));
        }
        double days =
                counts.get(Feed.INCIDENTS) > 0
                        ? counts.get(Feed.INCIDENTS)
                                / (perDay.get(Feed.INCIDENTS) * incidentMultiplier)
                        : records / (perDay.get(Feed.REQUESTS311) * incidentMultiplier);
        Map<Feed, Double> m = new EnumMap<>(Feed.class);
        for (Feed f : STREAMS) {
            double wanted = counts.get(f) / days / perDay.get(f);
            m.put(f, Math.min(1_000_000, Math.max(1e-6, wanted)));
        }
        m.put(Feed.INCIDENTS, incidentMultiplier);
        return m;
    }

    /** The event time of the first records: {@link #end} less the span, to the minute. */
    Instant start() {
        return end.minus(Duration.ofMinutes(Math.round(spanDays() * 1440)));
    }

    /** Days of event time the records span (estimated from the calibration). */
    double spanDays() {
        Map<Feed, Long> counts = counts();
        return counts.get(Feed.INCIDENTS)
                / (recordsPerDayAtMultiplierOne(Feed.INCIDENTS) * incidentMultiplier);
    }

    private double recordsPerDayAtMultiplierOne(Feed feed) {
        return PER_DAY.computeIfAbsent(List.of(seed, feed), k -> calibrate(feed));
    }

    /** Calibrations done, by seed and feed: each costs a generation of twenty days. */
    private static final Map<List<Object>, Double> PER_DAY = new ConcurrentHashMap<>();

    private double calibrate(Feed feed) {
        SyntheticCity city =
                new SyntheticCity(
                        SyntheticCityOptions.builder(seed)
                                .start(SyntheticCityOptions.DEFAULT_START)
                                .duration(Duration.ofDays(CALIBRATION_DAYS))
                                .feeds(Set.of(feed))
                                .build());
        long n = 0;
        while (city.hasNext()) {
            city.next();
            n++;
        }
        return Math.max(1, n) / (double) CALIBRATION_DAYS;
    }

    /** The records of {@code feeds} only, in event-time order (the others left out). */
    Iterator<RawEvent> iterator(Set<Feed> feeds) {
        Instant start = start();
        Map<Feed, Long> counts = counts();
        Map<Feed, Double> multipliers = multipliers();
        List<Iterator<RawEvent>> streams = new ArrayList<>();
        for (Feed f : STREAMS) {
            if (feeds.contains(f) && counts.get(f) > 0) {
                streams.add(
                        new SyntheticCity(
                                SyntheticCityOptions.builder(seed)
                                        .start(start)
                                        .count(counts.get(f))
                                        .rateMultiplier(multipliers.get(f))
                                        .feeds(Set.of(f))
                                        .build()));
            }
        }
        return new Merged(streams, this::withCityKinds);
    }

    /**
     * An incident with the kind {@link #GUN_VIOLENCE_SHARE} gives it; other records as they are.
     */
    private RawEvent withCityKinds(RawEvent e) {
        if (!(e.record() instanceof RawIncident i)) {
            return e;
        }
        SplittableRandom r = new SplittableRandom(seed * 31 + i.id().hashCode());
        double u = r.nextDouble();
        if (u < GUN_VIOLENCE_SHARE) {
            return e;
        }
        String kind =
                (u - GUN_VIOLENCE_SHARE) / (1 - GUN_VIOLENCE_SHARE) < ASSAULT_SHARE
                        ? "AGGRAVATED_ASSAULT"
                        : "ROBBERY";
        return RawEvent.of(
                new RawIncident(
                        i.id(),
                        i.source(),
                        kind,
                        kind,
                        i.occurredAt(),
                        i.lat(),
                        i.lon(),
                        i.address(),
                        i.details()));
    }

    /** Every record. */
    Iterator<RawEvent> iterator() {
        return iterator(Set.copyOf(STREAMS));
    }

    /** A k-way merge of event-time ordered streams, earlier stream first on equal times. */
    private static final class Merged implements Iterator<RawEvent> {
        private record Head(RawEvent event, int stream) {}

        private final List<Iterator<RawEvent>> streams;
        private final UnaryOperator<RawEvent> map;
        private final PriorityQueue<Head> heads =
                new PriorityQueue<>(
                        Comparator.comparing((Head h) -> h.event().occurredAt())
                                .thenComparingInt(Head::stream));

        Merged(List<Iterator<RawEvent>> streams, UnaryOperator<RawEvent> map) {
            this.streams = streams;
            this.map = map;
            for (int i = 0; i < streams.size(); i++) {
                pull(i);
            }
        }

        private void pull(int i) {
            if (streams.get(i).hasNext()) {
                heads.add(new Head(map.apply(streams.get(i).next()), i));
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public RawEvent next() {
            Head h = heads.poll();
            if (h == null) {
                throw new NoSuchElementException();
            }
            pull(h.stream());
            return h.event();
        }
    }
}
