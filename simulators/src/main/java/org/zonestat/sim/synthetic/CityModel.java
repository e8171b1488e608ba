package org.zonestat.sim.synthetic;

import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.zonestat.sim.Feed;

/**
 * The synthetic city itself, as one stream of {@link CityEvent}s in event-time order:
 *
 * <ul>
 *   <li><b>Shootings</b>: a self-exciting (Hawkes) process in its cluster form. Background
 *       shootings arrive as a Poisson process (2 a day × multiplier, more at night and at weekends,
 *       in the city's local time) at the city's real shooting locations jittered by 60 m; each
 *       shooting triggers Poisson(0.3) offspring within 400 m (half-normal distance, σ 150 m) and
 *       14 days (truncated exponential, mean 2.5 days), which trigger their own: near-repeat
 *       clusters. 22% are homicides.
 *   <li><b>311 requests</b>: 1,050 a day × multiplier, in weekday business hours, at the city's
 *       real 311 request locations; the type is drawn from its request types by their weight. Each
 *       request is delivered as its lifecycle: {@code New}, then {@code Open} (hours later), then
 *       {@code Closed} after a log-normal delay around its agency's median; its due date is the
 *       agency's service level, so some close overdue.
 *   <li><b>Tips</b>: 12 a day × multiplier near real shooting places (250 m jitter), plus, for 40%
 *       of shootings, a tip within 300 m and 48 h after it. A tip has a category and a short text,
 *       never any tipster identity.
 * </ul>
 *
 * Everything about an event (place, kind, type, delays, offspring) comes from a random stream
 * seeded by (seed, process, arrival number) or by its parent's seed and its child number, so the
 * same seed always gives the same city. Where (and in which time zone) it happens is a {@link
 * CityGeography}; the multiplier is the options' times the city's.
 *
 * <p>Not thread-safe: one consumer.
 */
final class CityModel {
    static final double SHOOTINGS_PER_DAY = 2.0;
    static final double BRANCHING_RATIO = 0.3;
    static final double OFFSPRING_MEAN_DAYS = 2.5;
    static final double OFFSPRING_MAX_DAYS = 14;
    static final double OFFSPRING_SIGMA_METERS = 150;
    static final double OFFSPRING_MAX_METERS = 400;
    static final double REQUESTS_PER_DAY = 1050;
    static final double TIPS_PER_DAY = 12;
    static final double TIP_AFTER_SHOOTING_PROBABILITY = 0.4;
    static final double TIP_NEAR_METERS = 300;
    static final long TIP_NEAR_MILLIS = 48 * 3_600_000L;
    private static final int MAX_GENERATION = 30;
    private static final long DAY = 86_400_000L;
    private static final int SHOOTING_STREAM = 1;
    private static final int REQUEST_STREAM = 2;
    private static final int TIP_STREAM = 3;

    private static final String[][] TIP_TEXTS = {
        {
            "Saw a man with a handgun near the corner",
            "Guns being passed around outside the carryout",
            "Heard a gun is stashed in the vacant house"
        },
        {
            "Drug sales from the vacant house every evening",
            "Open-air drug market on the block",
            "Cars stopping briefly at the same house all night"
        },
        {
            "Heard shots fired, then people running",
            "Fight outside the store, someone said they would come back",
            "Ongoing dispute between two groups on the block"
        },
        {
            "Group harassing people at the bus stop",
            "Broken street lights make the block unsafe at night",
            "Same car parked with people watching the block for days"
        }
    };
    private static final String[] TIP_CATEGORIES = {"GUNS", "DRUGS", "VIOLENCE", "OTHER"};

    /** A future event with the seed its own consequences are drawn from. */
    private record Pending(CityEvent event, long seed, int generation, long order) {}

    private final long seed;
    private final String idPrefix;
    private final PoissonArrivals shootings;
    private final PoissonArrivals requests;
    private final PoissonArrivals tips;
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(
                    Comparator.comparingLong((Pending p) -> p.event().at())
                            .thenComparingLong(Pending::order));
    private final RealPlaces shootingPlaces;
    private final RealPlaces requestPlaces;
    private final ServiceRequestTypes types;
    private final double[] point = new double[2];
    private long order;

    private final boolean withTips;

    CityModel(
            long seed,
            long startMillis,
            double runMultiplier,
            Set<Feed> feeds,
            CityGeography city) {
        this.seed = seed;
        this.idPrefix = "syn" + seed + "-";
        this.withTips = feeds.contains(Feed.TIPS);
        this.shootingPlaces = city.shootings();
        this.requestPlaces = city.requests();
        this.types = city.requestTypes().orElse(null);
        double multiplier = runMultiplier * city.rateMultiplier();
        ZoneRules zone = city.timeZone().getRules();
        this.shootings =
                new PoissonArrivals(
                        seed,
                        SHOOTING_STREAM,
                        feeds.contains(Feed.INCIDENTS) ? SHOOTINGS_PER_DAY * multiplier : 0,
                        ActivityCycle.SHOOTINGS,
                        zone,
                        startMillis);
        this.requests =
                new PoissonArrivals(
                        seed,
                        REQUEST_STREAM,
                        feeds.contains(Feed.REQUESTS311) && types != null
                                ? REQUESTS_PER_DAY * multiplier
                                : 0,
                        ActivityCycle.REQUESTS_311,
                        zone,
                        startMillis);
        this.tips =
                new PoissonArrivals(
                        seed,
                        TIP_STREAM,
                        withTips ? TIPS_PER_DAY * multiplier : 0,
                        ActivityCycle.TIPS,
                        zone,
                        startMillis);
    }

    /** The time of the next event, without taking it. */
    long peekTime() {
        long t = Math.min(shootings.time(), Math.min(requests.time(), tips.time()));
        Pending p = pending.peek();
        return p == null ? t : Math.min(t, p.event().at());
    }

    /** Takes the next event in event-time order. */
    CityEvent next() {
        Pending p = pending.peek();
        long tp = p == null ? Long.MAX_VALUE : p.event().at();
        if (tp <= shootings.time() && tp <= requests.time() && tp <= tips.time()) {
            pending.poll();
            if (p.event().feed() == Feed.INCIDENTS) {
                consequencesOfShooting(p.event(), p.seed(), p.generation());
            }
            return p.event();
        }
        if (shootings.time() <= requests.time() && shootings.time() <= tips.time()) {
            long s = Seeds.mix(Seeds.mix(seed, SHOOTING_STREAM), shootings.index());
            SplittableRandom r = new SplittableRandom(s);
            shootingPlaces.sample(r, 60, point);
            CityEvent e =
                    shooting(
                            idPrefix + "s" + shootings.index(),
                            shootings.time(),
                            point[0],
                            point[1],
                            r);
            shootings.advance();
            consequencesOfShooting(e, s, 0);
            return e;
        }
        if (requests.time() <= tips.time()) {
            CityEvent e = request(requests.index(), requests.time());
            requests.advance();
            return e;
        }
        SplittableRandom r = Seeds.random(seed, TIP_STREAM, tips.index());
        shootingPlaces.sample(r, 250, point);
        int c = pick(r, 0.30, 0.35, 0.25);
        CityEvent e = tip(idPrefix + "t" + tips.index(), tips.time(), point[0], point[1], c, r);
        tips.advance();
        return e;
    }

    /** Pending events (for tests: bounded by rate × longest delay). */
    int pendingCount() {
        return pending.size();
    }

    private CityEvent shooting(String id, long at, double lat, double lon, SplittableRandom r) {
        String kind = r.nextDouble() < 0.22 ? "HOMICIDE" : "SHOOTING";
        return new CityEvent(
                Feed.INCIDENTS, id, at, lat, lon, kind, kind, null, -1, -1, -1, null, null);
    }

    /** Schedules a shooting's offspring (near repeats) and maybe a tip about it. */
    private void consequencesOfShooting(CityEvent parent, long parentSeed, int generation) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(parentSeed, 0));
        int children = generation >= MAX_GENERATION ? 0 : poisson(r, BRANCHING_RATIO);
        double truncation = 1 - Math.exp(-OFFSPRING_MAX_DAYS / OFFSPRING_MEAN_DAYS);
        for (int k = 1; k <= children; k++) {
            long childSeed = Seeds.mix(parentSeed, k);
            SplittableRandom c = new SplittableRandom(childSeed);
            double days = -OFFSPRING_MEAN_DAYS * Math.log(1 - c.nextDouble() * truncation);
            double meters;
            do {
                meters = Math.abs(c.nextGaussian()) * OFFSPRING_SIGMA_METERS;
            } while (meters > OFFSPRING_MAX_METERS);
            double angle = c.nextDouble() * 2 * Math.PI;
            double[] p = {parent.lat(), parent.lon()};
            RealPlaces.offset(p, meters * Math.cos(angle), meters * Math.sin(angle));
            CityEvent child =
                    shooting(
                            parent.id() + "." + k,
                            parent.at() + Math.max(1, (long) (days * DAY)),
                            p[0],
                            p[1],
                            c);
            pending.add(new Pending(child, childSeed, generation + 1, order++));
        }
        if (r.nextDouble() < TIP_AFTER_SHOOTING_PROBABILITY && withTips) {
            double meters = TIP_NEAR_METERS * Math.sqrt(r.nextDouble());
            double angle = r.nextDouble() * 2 * Math.PI;
            double[] p = {parent.lat(), parent.lon()};
            RealPlaces.offset(p, meters * Math.cos(angle), meters * Math.sin(angle));
            long at = parent.at() + 600_000 + (long) (r.nextDouble() * (TIP_NEAR_MILLIS - 600_000));
            int c = r.nextDouble() < 0.55 ? 0 : 2;
            pending.add(new Pending(tip(parent.id() + "-t", at, p[0], p[1], c, r), 0, 0, order++));
        }
    }

    /** A 311 request: its New record now, its Open and Closed records scheduled. */
    private CityEvent request(long index, long created) {
        SplittableRandom r = Seeds.random(seed, REQUEST_STREAM, index);
        int t = types.sample(r);
        ServiceRequestTypes.ServiceLevel level = types.level(t);
        requestPlaces.sample(r, 40, point);
        double closeHours = level.medianCloseHours() * Math.exp(1.1 * r.nextGaussian());
        double openHours = Math.min(closeHours / 2, -3 * Math.log(1 - r.nextDouble()));
        long closed = created + Math.max(2, (long) (closeHours * 3_600_000));
        long opened = Math.min(closed - 1, created + Math.max(1, (long) (openHours * 3_600_000)));
        long due = created + (long) (level.dueHours() * 3_600_000);
        String id = idPrefix + "r" + index;
        String type = types.type(t);
        List<CityEvent> steps = new ArrayList<>(3);
        steps.add(
                new CityEvent(
                        Feed.REQUESTS311,
                        id,
                        created,
                        point[0],
                        point[1],
                        null,
                        type,
                        "New",
                        created,
                        due,
                        -1,
                        level.agency(),
                        null));
        steps.add(
                new CityEvent(
                        Feed.REQUESTS311,
                        id,
                        opened,
                        point[0],
                        point[1],
                        null,
                        type,
                        "Open",
                        created,
                        due,
                        -1,
                        level.agency(),
                        null));
        steps.add(
                new CityEvent(
                        Feed.REQUESTS311,
                        id,
                        closed,
                        point[0],
                        point[1],
                        null,
                        type,
                        "Closed",
                        created,
                        due,
                        closed,
                        level.agency(),
                        null));
        pending.add(new Pending(steps.get(1), 0, 0, order++));
        pending.add(new Pending(steps.get(2), 0, 0, order++));
        return steps.get(0);
    }

    private static CityEvent tip(
            String id, long at, double lat, double lon, int category, SplittableRandom r) {
        String[] texts = TIP_TEXTS[category];
        return new CityEvent(
                Feed.TIPS,
                id,
                at,
                lat,
                lon,
                TIP_CATEGORIES[category],
                null,
                null,
                -1,
                -1,
                -1,
                null,
                texts[r.nextInt(texts.length)]);
    }

    /** Index 0..n of the first cumulative share exceeding a uniform draw (the rest is the last). */
    private static int pick(SplittableRandom r, double... shares) {
        double u = r.nextDouble();
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            if (u < sum) {
                return i;
            }
        }
        return shares.length;
    }

    private static int poisson(SplittableRandom r, double mean) {
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }
}
