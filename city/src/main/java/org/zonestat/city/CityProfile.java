package org.zonestat.city;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.zonestat.geo.ZoneLayerSpec;

/**
 * One city as ZoneStat serves it: what the job tags events with and counts days in, what the
 * console shows and measures against, and what the demo replays. Everything that differs between
 * cities lives here and nowhere else; {@link CityProfiles} reads it from a profile folder (see
 * docs/cities.md for the file format) and checks it before anything starts.
 *
 * <p>Every file is a <em>location</em>: {@code classpath:...} for a file shipped in a jar, or an
 * absolute path (a profile's relative names are resolved against its folder when it is loaded).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the profile's short name: its folder's name, e.g. {@code baltimore}
 * @param name the city's name for people, e.g. {@code New York City}
 * @param file where the profile was read from, for messages
 * @param timeZone the zone of the city's local days (scorecard days, the huddle's today, weekly
 *     reports, replay weeks, hotspot windows)
 * @param focusLayer the layer whose zones the huddle shows and the goal applies to
 * @param goalPercent the goal as a change against last year, in [-100, 100], e.g. -15
 * @param layers the zone layers, in the order the console lists them; the focus layer among them
 * @param bounds the box around every zone of every layer
 * @param studyArea the GeoJSON whose polygons are the hotspot study area, or empty for the zones of
 *     every layer
 * @param feeds the real exports the demo replays, in the order given
 * @param analytics the analytics settings that differ between cities
 * @param services the city's Open311 service list, if it has one
 * @param codeEnforcement the 311 request types a site-visit plan counts as code-enforcement work,
 *     each a type or the start of types (case-insensitive), e.g. {@code HCD-}
 * @param tiles an optional raster tile server under the zones
 * @param synthetic what the synthetic city needs to run in this city's geography
 */
public record CityProfile(
        String id,
        String name,
        String file,
        ZoneId timeZone,
        String focusLayer,
        double goalPercent,
        List<ZoneLayerSpec> layers,
        Bounds bounds,
        Optional<String> studyArea,
        List<FeedSpec> feeds,
        Analytics analytics,
        Optional<String> services,
        List<String> codeEnforcement,
        Optional<Tiles> tiles,
        Synthetic synthetic) {

    public CityProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(focusLayer, "focusLayer");
        layers = List.copyOf(layers);
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(studyArea, "studyArea");
        feeds = List.copyOf(feeds);
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(services, "services");
        codeEnforcement = List.copyOf(codeEnforcement);
        Objects.requireNonNull(tiles, "tiles");
        Objects.requireNonNull(synthetic, "synthetic");
        if (layers.stream().noneMatch(l -> l.id().equals(focusLayer))) {
            throw new IllegalArgumentException(
                    "focus layer '" + focusLayer + "' is not among the layers");
        }
    }

    /** The layer with this id, if the profile has it. */
    public Optional<ZoneLayerSpec> layer(String layerId) {
        return layers.stream().filter(l -> l.id().equals(layerId)).findFirst();
    }

    /** The feeds of one kind ({@code incidents}, {@code requests311} or {@code tips}). */
    public List<FeedSpec> feeds(String kind) {
        return feeds.stream().filter(f -> f.kind().equals(kind)).toList();
    }

    /**
     * The box around the city's zones, WGS84 degrees.
     *
     * @param west smallest longitude
     * @param south smallest latitude
     * @param east largest longitude
     * @param north largest latitude
     */
    public record Bounds(double west, double south, double east, double north) {
        public Bounds {
            if (!(west <= east && south <= north)) {
                throw new IllegalArgumentException(
                        "bounds must have west <= east and south <= north, were "
                                + List.of(west, south, east, north));
            }
        }

        /** {@code [west, south, east, north]}, as GeoJSON writes a bounding box. */
        public double[] toArray() {
            return new double[] {west, south, east, north};
        }

        /** Whether the point lies in the box (edges included). */
        public boolean contains(double lon, double lat) {
            return lon >= west && lon <= east && lat >= south && lat <= north;
        }
    }

    /**
     * One real export the demo replays with its original times.
     *
     * @param kind which raw topic it feeds: {@code incidents}, {@code requests311} or {@code tips}
     * @param file the export's location
     * @param mapping the location of the mapping that reads it (simulators/README.md)
     */
    public record FeedSpec(String kind, String file, String mapping) {
        /** The feed kinds, as the mappings' {@code feed} key names them. */
        public static final List<String> KINDS = List.of("incidents", "requests311", "tips");

        public FeedSpec {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(mapping, "mapping");
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException(
                        "feed kind '" + kind + "' is not one of " + KINDS);
            }
        }
    }

    /**
     * The analytics settings that differ between cities.
     *
     * @param nearRepeatMeters a shooting this close to an earlier one is a near repeat
     * @param nearRepeatDays ... within this many days
     * @param hotspotResolution the H3 resolution of the hotspot (Gi*) cells, 0..15
     * @param serviceLevels how long the city allows for a 311 request of each type (exact type
     *     text), for requests that carry no due time of their own
     * @param serviceLevelFallback how long for any other type
     */
    public record Analytics(
            double nearRepeatMeters,
            int nearRepeatDays,
            int hotspotResolution,
            Map<String, Duration> serviceLevels,
            Duration serviceLevelFallback) {
        public Analytics {
            serviceLevels = Map.copyOf(serviceLevels);
            Objects.requireNonNull(serviceLevelFallback, "serviceLevelFallback");
        }
    }

    /**
     * A raster tile server drawn under the zones.
     *
     * @param url a Leaflet URL template, e.g. {@code
     *     https://tile.openstreetmap.org/{z}/{x}/{y}.png}
     * @param attribution the text shown with the tiles
     */
    public record Tiles(String url, String attribution) {
        public Tiles {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(attribution, "attribution");
        }
    }

    /**
     * What the synthetic city needs to run in this city: the 311 request types it draws from and
     * how big the city is against the model's base rates.
     *
     * @param requestTypes the location of the request-type list (docs/cities.md), or empty for a
     *     synthetic city without 311 requests
     * @param rateMultiplier every base rate times this (1: about 2 shootings, 12 tips and 1,050 311
     *     requests a day)
     */
    public record Synthetic(Optional<String> requestTypes, double rateMultiplier) {
        public Synthetic {
            Objects.requireNonNull(requestTypes, "requestTypes");
        }
    }
}
