package org.zonestat.sim.synthetic;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.zonestat.city.CityOption;
import org.zonestat.city.CityProfile;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.sim.CityFeeds;
import org.zonestat.sim.RawEvent;

/**
 * Where and when a {@link SyntheticCity} happens: a real city's time zone (its activity cycles
 * follow local hours), the places of its real shootings and 311 requests (from its profile's
 * feeds), and its 311 request types (its profile's {@code synthetic.requestTypes}). A city whose
 * profile has no incident (or 311) export gets points spread evenly over its zones instead; one
 * without request types gets no 311 requests.
 *
 * <p>Immutable; thread-safe. Built once per profile file and JVM ({@link #of}).
 */
public final class CityGeography {
    private static final int SPREAD_POINTS = 5_000;
    private static final Map<String, CityGeography> BUILT = new ConcurrentHashMap<>();

    private final String city;
    private final ZoneId timeZone;
    private final RealPlaces shootings;
    private final RealPlaces requests;
    private final Optional<ServiceRequestTypes> requestTypes;
    private final double rateMultiplier;

    private CityGeography(
            String city,
            ZoneId timeZone,
            RealPlaces shootings,
            RealPlaces requests,
            Optional<ServiceRequestTypes> requestTypes,
            double rateMultiplier) {
        this.city = city;
        this.timeZone = timeZone;
        this.shootings = shootings;
        this.requests = requests;
        this.requestTypes = requestTypes;
        this.rateMultiplier = rateMultiplier;
    }

    /**
     * The geography of a city profile.
     *
     * @throws org.zonestat.city.InvalidCityProfileException when a feed or the request types cannot
     *     be read
     */
    public static CityGeography of(CityProfile city) {
        return BUILT.computeIfAbsent(city.file(), f -> build(city));
    }

    /** The geography of the city commands serve by default ({@link CityOption#defaultCity}). */
    public static CityGeography defaultCity() {
        return of(CityOption.defaultCity());
    }

    /** The city's name. */
    public String city() {
        return city;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    /** The city's size against the model's base rates (its profile's {@code rateMultiplier}). */
    public double rateMultiplier() {
        return rateMultiplier;
    }

    RealPlaces shootings() {
        return shootings;
    }

    RealPlaces requests() {
        return requests;
    }

    Optional<ServiceRequestTypes> requestTypes() {
        return requestTypes;
    }

    private static CityGeography build(CityProfile city) {
        List<double[]> shootingPlaces = places(CityFeeds.ofKind(city, "incidents"), city.bounds());
        List<double[]> requestPlaces = places(CityFeeds.ofKind(city, "requests311"), city.bounds());
        RealPlaces evenly =
                shootingPlaces.isEmpty() || requestPlaces.isEmpty() ? spreadOverZones(city) : null;
        return new CityGeography(
                city.name(),
                city.timeZone(),
                shootingPlaces.isEmpty() ? evenly : RealPlaces.of(shootingPlaces),
                requestPlaces.isEmpty() ? evenly : RealPlaces.of(requestPlaces),
                city.synthetic().requestTypes().map(ServiceRequestTypes::read),
                city.synthetic().rateMultiplier());
    }

    /** Points spread evenly over the zones of the city's layers (a fixed seed: the same points). */
    private static RealPlaces spreadOverZones(CityProfile city) {
        ZoneCatalog zones = ZoneCatalog.load(city.layers());
        return RealPlaces.spreadOver(
                city.bounds().toArray(),
                (lon, lat) -> !zones.tag(lon, lat).isEmpty(),
                SPREAD_POINTS,
                city.name().hashCode());
    }

    /** The {lat, lon} of each distinct record id inside the box, in file order. */
    private static List<double[]> places(List<RawEvent> records, CityProfile.Bounds box) {
        List<double[]> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RawEvent r : records) {
            if (!seen.add(r.key())) {
                continue;
            }
            Double lat = r.record().lat();
            Double lon = r.record().lon();
            if (lat != null && lon != null && box.contains(lon, lat)) {
                out.add(new double[] {lat, lon});
            }
        }
        return out;
    }
}
