package org.zonestat.sim.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.zonestat.geo.Distances;
import org.zonestat.geo.Zone;
import org.zonestat.topics.RawPosition;

/**
 * A deterministic synthetic fleet: units that patrol their assigned zone, visit hot places and
 * dwell there (8 to 15 minutes: the Koper curve), answer calls (busy, faster, 20 to 30 minutes on
 * scene), and go off duty at the end of their shift (one fix marked {@code off-duty}, then silence
 * until the next shift); and a few monitored people who walk between hot places. Every device
 * reports every {@code fixInterval}, the devices spread evenly over the interval, so the fleet
 * sends {@code (units + monitored) / interval} fixes per second.
 *
 * <p>An {@link Iterator} of {@link RawPosition}s in time order. Determinism: each device's
 * randomness is a stream seeded by (seed, device), so the same options give the same fixes in the
 * same order; unit {@code i}'s team, zone and shift are fixed by {@code i}. Endless: the caller
 * stops taking fixes.
 *
 * <p>Not thread-safe.
 */
public final class PatrolFleet implements Iterator<RawPosition> {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final double PATROL_SPEED = 9; // m/s, a car in city traffic
    private static final double CALL_SPEED = 15;
    private static final double OUTREACH_SPEED = 1.4; // on foot
    private static final double MONITORED_SPEED = 1.3;
    private static final Duration DAY = Duration.ofDays(1);

    private final PatrolOptions options;
    private final List<double[]> hot;
    private final PriorityQueue<Device> queue =
            new PriorityQueue<>((a, b) -> Long.compare(a.nextFix, b.nextFix));

    public PatrolFleet(PatrolOptions options) {
        this.options = options;
        this.hot = options.hotPlaces();
        int devices = options.units() + options.monitored();
        long interval = options.fixInterval().toMillis();
        List<PreparedGeometry> zones = new ArrayList<>();
        for (Zone z : options.assignment().zones()) {
            zones.add(PreparedGeometryFactory.prepare(z.geometry()));
        }
        for (int i = 0; i < devices; i++) {
            boolean monitored = i >= options.units();
            long offset = interval * i / devices;
            Device d =
                    monitored
                            ? new Device(i, "m-" + pad(i - options.units() + 1, 2), null)
                            : new Device(
                                    i,
                                    (i % 5 == 4 ? "ow-" : "car-") + pad(i + 1, 3),
                                    options.assignment().zone(i % options.assignment().size()));
            d.zone = monitored ? null : zones.get(i % zones.size());
            d.nextFix = options.start().toEpochMilli() + offset;
            d.start();
            queue.add(d);
        }
    }

    /** The device ids, units first: what the demo makes handheld tokens for. */
    public static List<String> unitIds(PatrolOptions options) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < options.units(); i++) {
            ids.add((i % 5 == 4 ? "ow-" : "car-") + pad(i + 1, 3));
        }
        return ids;
    }

    private static String pad(int n, int width) {
        return String.format("%0" + width + "d", n);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public RawPosition next() {
        while (true) {
            Device d = queue.poll();
            if (d == null) {
                throw new NoSuchElementException();
            }
            RawPosition fix = d.fix();
            queue.add(d);
            if (fix != null) {
                return fix;
            }
        }
    }

    /** When the next fix is due (epoch ms). */
    public long nextFixTime() {
        return queue.peek().nextFix;
    }

    /** One device's life: legs to targets, dwells, shifts. */
    private final class Device {
        final int index;
        final String id;
        final Zone assigned;
        final SplittableRandom random;
        final boolean monitored;
        final String team;
        PreparedGeometry zone;
        long nextFix;
        double lat;
        double lon;
        double targetLat;
        double targetLon;
        double speed;
        long dwellUntil;
        String status = "available";
        boolean atHotPlace;
        long shiftStart;
        boolean offDutySent;
        boolean reported;

        Device(int index, String id, Zone assigned) {
            this.index = index;
            this.id = id;
            this.assigned = assigned;
            this.monitored = assigned == null;
            this.team = monitored ? null : (id.startsWith("ow-") ? "outreach" : "patrol");
            this.random = Seeds.random(options.seed(), 0x5041_5452L, index);
        }

        void start() {
            double[] p = monitored ? hotPlace() : pointInZone();
            lat = p[0];
            lon = p[1];
            // Shifts began at different times before the start, so units go off duty one by one.
            long shift = options.shift().toMillis();
            shiftStart = nextFix - (long) (random.nextDouble() * shift * 0.9);
            chooseNext(nextFix);
        }

        /** The fix due now, or null when the device is off duty and silent (rescheduled). */
        RawPosition fix() {
            long now = nextFix;
            nextFix += options.fixInterval().toMillis();
            if (!monitored) {
                long onDuty = now - shiftStart;
                if (onDuty >= DAY.toMillis()) {
                    // The next shift begins where the unit's zone is.
                    shiftStart += DAY.toMillis();
                    offDutySent = false;
                    double[] p = pointInZone();
                    lat = p[0];
                    lon = p[1];
                    dwellUntil = 0;
                    chooseNext(now);
                } else if (onDuty >= options.shift().toMillis()) {
                    if (offDutySent) {
                        nextFix = shiftStart + DAY.toMillis();
                        return null;
                    }
                    offDutySent = true;
                    return position(now, "off-duty");
                }
            }
            if (reported) {
                move(now);
            }
            reported = true;
            return position(now, monitored ? null : status);
        }

        private void move(long now) {
            if (now < dwellUntil) {
                return;
            }
            double step = speed * options.fixInterval().toMillis() / 1000.0;
            double left = Distances.meters(lon, lat, targetLon, targetLat);
            if (left <= step) {
                lat = targetLat;
                lon = targetLon;
                dwell(now);
            } else {
                double f = step / left;
                lat += (targetLat - lat) * f;
                lon += (targetLon - lon) * f;
            }
        }

        /** Arrived: stay a while, then go on to the next target. */
        private void dwell(long now) {
            long minutes;
            if (monitored) {
                minutes = 5 + random.nextInt(40);
            } else if ("busy".equals(status)) {
                minutes = 20 + random.nextInt(11);
            } else if (atHotPlace) {
                minutes = 8 + random.nextInt(8);
            } else {
                minutes = 2 + random.nextInt(6);
            }
            dwellUntil = now + minutes * 60_000;
            chooseNext(dwellUntil);
        }

        private void chooseNext(long from) {
            status = monitored ? null : "available";
            atHotPlace = false;
            double[] target;
            double roll = random.nextDouble();
            if (monitored) {
                target = hotPlace();
                speed = MONITORED_SPEED;
            } else if (roll < 0.10 && team.equals("patrol")) {
                target = nearestHotPlace(12);
                status = "busy";
                speed = CALL_SPEED;
            } else if (roll < 0.50) {
                target = nearestHotPlace(4);
                atHotPlace = true;
                speed = team.equals("outreach") ? OUTREACH_SPEED : PATROL_SPEED;
            } else {
                target = pointInZone();
                speed = team.equals("outreach") ? OUTREACH_SPEED : PATROL_SPEED;
            }
            targetLat = target[0];
            targetLon = target[1];
        }

        private double[] hotPlace() {
            return hot.get(random.nextInt(hot.size()));
        }

        /** The nearest of a few random hot places to where the device is. */
        private double[] nearestHotPlace(int tries) {
            double[] best = null;
            double bestMeters = Double.MAX_VALUE;
            double[] around = monitored ? new double[] {lat, lon} : zoneCentre();
            for (int i = 0; i < tries; i++) {
                double[] p = hotPlace();
                double m = Distances.meters(around[1], around[0], p[1], p[0]);
                if (m < bestMeters) {
                    best = p;
                    bestMeters = m;
                }
            }
            return best;
        }

        private double[] zoneCentre() {
            Coordinate c = assigned.geometry().getCentroid().getCoordinate();
            return new double[] {c.y, c.x};
        }

        private double[] pointInZone() {
            Envelope e = assigned.geometry().getEnvelopeInternal();
            for (int i = 0; i < 1_000; i++) {
                double x = e.getMinX() + random.nextDouble() * e.getWidth();
                double y = e.getMinY() + random.nextDouble() * e.getHeight();
                if (zone.contains(GEOMETRY.createPoint(new Coordinate(x, y)))) {
                    return new double[] {y, x};
                }
            }
            return zoneCentre();
        }

        private RawPosition position(long at, String reportedStatus) {
            return new RawPosition(
                    id,
                    monitored ? RawPosition.MONITORED : RawPosition.UNIT,
                    team,
                    monitored ? null : List.of(options.assignment().id() + ":" + assigned.name()),
                    Instant.ofEpochMilli(at),
                    Math.round(lat * 1e6) / 1e6,
                    Math.round(lon * 1e6) / 1e6,
                    at < dwellUntil ? 0.0 : Math.round(speed * 10) / 10.0,
                    null,
                    reportedStatus,
                    "synthetic-patrol");
        }
    }
}
