package org.zonestat.city;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLayerSpec;

/**
 * Loads and checks {@link CityProfile}s. A profile is a folder holding {@value #FILE_NAME} and the
 * files it names (docs/cities.md has every key); the shipped ones are class-path folders {@value
 * #SHIPPED_FOLDER}{@code <name>/}, listed in {@value #SHIPPED_INDEX}.
 *
 * <p>Everything the job and the console use is checked when the profile is loaded, so a bad profile
 * stops a command before it starts anything: unknown keys, missing or bad values, an unknown time
 * zone, a focus layer that is not among the layers, a layer file that is missing or not a GeoJSON
 * FeatureCollection, a name property that some feature lacks, a missing study area or service list.
 * The files only the demo reads (feeds, mappings, the synthetic city's request types) are checked
 * by {@link #requireDemoFiles}. Each problem is an {@link InvalidCityProfileException} whose
 * message starts with the profile file.
 *
 * <p>Thread-safe. Shipped profiles are loaded once per JVM (they cannot change); folders are read
 * again on each call.
 */
public final class CityProfiles {
    private static final Logger LOG = LoggerFactory.getLogger(CityProfiles.class);

    /** The profile file inside a profile folder. */
    public static final String FILE_NAME = "city.yaml";

    /** The class-path folder of the shipped profiles. */
    public static final String SHIPPED_FOLDER = "zonestat/cities/";

    /** The class-path file listing the shipped profiles' names, one per line. */
    public static final String SHIPPED_INDEX = SHIPPED_FOLDER + "cities.txt";

    private static final double DEFAULT_NEAR_REPEAT_METERS = 400;
    private static final int DEFAULT_NEAR_REPEAT_DAYS = 14;
    private static final int DEFAULT_HOTSPOT_RESOLUTION = 8;
    private static final double DEFAULT_SERVICE_LEVEL_DAYS = 3;

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private static final Map<String, CityProfile> SHIPPED = new ConcurrentHashMap<>();

    private CityProfiles() {}

    /**
     * The profile {@code dirOrName} stands for: a folder holding {@value #FILE_NAME} (or that file
     * itself), else the shipped profile of that name.
     *
     * @throws InvalidCityProfileException naming the folder, name or file and the problem
     */
    public static CityProfile load(String dirOrName) {
        String value = dirOrName.strip();
        if (value.isEmpty()) {
            throw new InvalidCityProfileException(
                    "the city is empty: give a folder with a "
                            + FILE_NAME
                            + " or a shipped city ("
                            + String.join(", ", shippedNames())
                            + ")");
        }
        Path path = Path.of(value);
        if (Files.isDirectory(path)) {
            return fromFolder(path);
        }
        if (Files.isRegularFile(path)) {
            Path parent = path.toAbsolutePath().getParent();
            return read(Folder.of(parent), path.getFileName().toString());
        }
        if (shippedNames().contains(value)) {
            return shipped(value);
        }
        throw new InvalidCityProfileException(
                value
                        + ": no such folder, and no shipped city of that name (shipped: "
                        + String.join(", ", shippedNames())
                        + ")");
    }

    /**
     * The profile in a folder.
     *
     * @throws InvalidCityProfileException when the folder has no {@value #FILE_NAME} or the profile
     *     has a problem
     */
    public static CityProfile fromFolder(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new InvalidCityProfileException(
                    file.toAbsolutePath().normalize()
                            + ": no such file (a city profile folder holds a "
                            + FILE_NAME
                            + ")");
        }
        return read(Folder.of(folder.toAbsolutePath().normalize()), FILE_NAME);
    }

    /**
     * A shipped profile by name, e.g. {@code baltimore}.
     *
     * @throws InvalidCityProfileException if there is no shipped profile of that name
     */
    public static CityProfile shipped(String name) {
        if (!shippedNames().contains(name)) {
            throw new InvalidCityProfileException(
                    "no shipped city named '"
                            + name
                            + "' (shipped: "
                            + String.join(", ", shippedNames())
                            + ")");
        }
        return SHIPPED.computeIfAbsent(
                name,
                n ->
                        read(
                                Folder.classpath(Locations.CLASSPATH + SHIPPED_FOLDER + n + "/"),
                                FILE_NAME));
    }

    /** The names of the shipped profiles, in the order of {@value #SHIPPED_INDEX}. */
    public static List<String> shippedNames() {
        String index = Locations.CLASSPATH + SHIPPED_INDEX;
        if (!Locations.exists(index)) {
            return List.of();
        }
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(Locations.open(index), StandardCharsets.UTF_8))) {
            return in.lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(index + ": cannot read", e);
        }
    }

    /**
     * Checks the files only the demo reads: every feed's export and mapping, and the synthetic
     * city's request types.
     *
     * @throws InvalidCityProfileException naming the profile file, the feed and the missing file
     */
    public static void requireDemoFiles(CityProfile city) {
        for (int i = 0; i < city.feeds().size(); i++) {
            CityProfile.FeedSpec feed = city.feeds().get(i);
            requireFile(city.file(), "feeds[" + i + "].file", feed.file());
            requireFile(city.file(), "feeds[" + i + "].mapping", feed.mapping());
        }
        city.synthetic()
                .requestTypes()
                .ifPresent(t -> requireFile(city.file(), "synthetic.requestTypes", t));
    }

    // --- Reading ---------------------------------------------------------------------------

    /** Where a profile's relative names resolve: a file-system folder or a class-path folder. */
    private record Folder(Path dir, String classpathPrefix) {
        static Folder of(Path dir) {
            return new Folder(dir, null);
        }

        static Folder classpath(String prefix) {
            return new Folder(null, prefix);
        }

        String id() {
            if (dir != null) {
                return dir.getFileName().toString();
            }
            String p = classpathPrefix.substring(0, classpathPrefix.length() - 1);
            return p.substring(p.lastIndexOf('/') + 1);
        }

        /** A name in the profile as a location: class-path and absolute names as they are. */
        String resolve(String name) {
            if (name.startsWith(Locations.CLASSPATH)) {
                return name;
            }
            if (dir == null) {
                return classpathPrefix + name;
            }
            Path p = Path.of(name);
            return (p.isAbsolute() ? p : dir.resolve(p)).normalize().toString();
        }
    }

    private static CityProfile read(Folder folder, String fileName) {
        String file = folder.resolve(fileName);
        LOG.debug("reading city profile {}", file);
        ProfileFile raw;
        try (InputStream in = Locations.open(file)) {
            raw = YAML.readValue(in, ProfileFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidCityProfileException(
                    file
                            + ": unknown key '"
                            + e.getPropertyName()
                            + "'"
                            + where(e)
                            + "; the keys there are "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", ")),
                    e);
        } catch (JsonMappingException e) {
            throw new InvalidCityProfileException(
                    file
                            + line(e.getLocation())
                            + ": "
                            + (e.getPath().isEmpty() ? "" : "key '" + path(e) + "': ")
                            + e.getOriginalMessage().replaceAll("\\s*\\(for Object.*", ""),
                    e);
        } catch (JsonProcessingException e) {
            throw new InvalidCityProfileException(
                    file + line(e.getLocation()) + ": not YAML: " + e.getOriginalMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidCityProfileException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new InvalidCityProfileException(file + ": the file is empty");
        }
        return new Checker(folder, file).check(raw);
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ")";
    }

    private static String where(JsonMappingException e) {
        List<JsonMappingException.Reference> p = e.getPath();
        return p.size() <= 1 ? "" : " in '" + path(e.getPath().subList(0, p.size() - 1)) + "'";
    }

    private static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static void requireFile(String profileFile, String key, String location) {
        if (!Locations.exists(location)) {
            throw new InvalidCityProfileException(
                    profileFile + ": " + key + ": " + location + ": no such file");
        }
    }

    /** Turns the file as written into a checked profile; one instance per read. */
    private static final class Checker {
        private final Folder folder;
        private final String file;

        Checker(Folder folder, String file) {
            this.folder = folder;
            this.file = file;
        }

        CityProfile check(ProfileFile raw) {
            String name = required("name", raw.name());
            if (name.isBlank()) {
                throw problem("name is empty");
            }
            ZoneId zone = timeZone(required("timeZone", raw.timeZone()));
            double goal = required("goalPercent", raw.goalPercent());
            if (!(goal >= -100 && goal <= 100)) {
                throw problem("goalPercent must be in [-100, 100], was " + number(goal));
            }
            List<ZoneLayerSpec> layers = layers(required("layers", raw.layers()));
            String focus = required("focusLayer", raw.focusLayer());
            if (layers.stream().noneMatch(l -> l.id().equals(focus))) {
                throw problem(
                        "focusLayer '"
                                + focus
                                + "' is not among the layers ("
                                + layers.stream()
                                        .map(ZoneLayerSpec::id)
                                        .collect(Collectors.joining(", "))
                                + ")");
            }
            CityProfile.Bounds bounds = readLayers(layers);
            Optional<String> studyArea =
                    Optional.ofNullable(raw.studyArea()).map(f -> existing("studyArea", f));
            Optional<String> services =
                    Optional.ofNullable(raw.services()).map(f -> existing("services", f));
            return new CityProfile(
                    folder.id(),
                    name.strip(),
                    file,
                    zone,
                    focus,
                    goal,
                    layers,
                    bounds,
                    studyArea,
                    feeds(raw.feeds() == null ? List.of() : raw.feeds()),
                    analytics(raw.analytics()),
                    services,
                    codeEnforcement(raw.codeEnforcement()),
                    tiles(raw.tiles()),
                    synthetic(raw.synthetic()));
        }

        private ZoneId timeZone(String text) {
            try {
                return ZoneId.of(text.strip());
            } catch (DateTimeException e) {
                throw problem(
                        "timeZone '"
                                + text
                                + "' is not a time zone (an IANA name such as America/New_York)");
            }
        }

        private List<ZoneLayerSpec> layers(List<ProfileFile.Layer> entries) {
            if (entries.isEmpty()) {
                throw problem("layers is empty: a city needs at least one zone layer");
            }
            List<ZoneLayerSpec> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                ProfileFile.Layer l = entries.get(i);
                String key = "layers[" + i + "]";
                if (l == null) {
                    throw problem(key + " is empty");
                }
                String id = required(key + ".id", l.id());
                ZoneLayerSpec spec;
                try {
                    spec =
                            new ZoneLayerSpec(
                                    id,
                                    l.title() == null ? id : l.title(),
                                    folder.resolve(required(key + ".file", l.file())),
                                    required(key + ".nameProperty", l.nameProperty()));
                } catch (IllegalArgumentException e) {
                    throw problem(key + ": " + e.getMessage());
                }
                if (!ids.add(id)) {
                    throw problem(key + ": layer id '" + id + "' is given twice");
                }
                out.add(spec);
            }
            return out;
        }

        /**
         * Reads every layer: the file must be a FeatureCollection whose features all have a name.
         */
        private CityProfile.Bounds readLayers(List<ZoneLayerSpec> layers) {
            GeoJsonZoneLayerReader reader = new GeoJsonZoneLayerReader(LOG::debug);
            Envelope all = new Envelope();
            for (ZoneLayerSpec spec : layers) {
                String what = "layer '" + spec.id() + "'";
                if (!Locations.exists(spec.location())) {
                    throw problem(what + ": " + spec.location() + ": no such file");
                }
                ZoneLayer layer;
                try (InputStream in = Locations.open(spec.location())) {
                    layer =
                            reader.read(
                                    spec.id(),
                                    spec.title(),
                                    in,
                                    spec.nameProperty(),
                                    spec.location());
                } catch (GeoJsonZoneLayerReader.InvalidZoneLayerException e) {
                    throw problem(what + ": " + e.getMessage());
                } catch (IOException | UncheckedIOException e) {
                    throw problem(what + ": " + spec.location() + ": cannot read: " + e);
                }
                for (Zone zone : layer.zones()) {
                    String zoneName = zone.properties().get(spec.nameProperty());
                    if (zoneName == null || zoneName.isBlank()) {
                        throw problem(
                                what
                                        + ": "
                                        + Locations.fileName(spec.location())
                                        + ": feature "
                                        + (zone.index() + 1)
                                        + " has no property '"
                                        + spec.nameProperty()
                                        + "' (its properties: "
                                        + String.join(
                                                ", ", new TreeSet<>(zone.properties().keySet()))
                                        + ")");
                    }
                }
                all.expandToInclude(layer.extent());
            }
            return new CityProfile.Bounds(
                    round(all.getMinX()),
                    round(all.getMinY()),
                    round(all.getMaxX()),
                    round(all.getMaxY()));
        }

        private List<CityProfile.FeedSpec> feeds(List<ProfileFile.Feed> entries) {
            List<CityProfile.FeedSpec> out = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                ProfileFile.Feed f = entries.get(i);
                String key = "feeds[" + i + "]";
                if (f == null) {
                    throw problem(key + " is empty");
                }
                String kind = required(key + ".kind", f.kind()).strip().toLowerCase(Locale.ROOT);
                if (!CityProfile.FeedSpec.KINDS.contains(kind)) {
                    throw problem(
                            key
                                    + ".kind '"
                                    + f.kind()
                                    + "' is not one of "
                                    + String.join(", ", CityProfile.FeedSpec.KINDS));
                }
                out.add(
                        new CityProfile.FeedSpec(
                                kind,
                                folder.resolve(required(key + ".file", f.file())),
                                folder.resolve(required(key + ".mapping", f.mapping()))));
            }
            return out;
        }

        private CityProfile.Analytics analytics(ProfileFile.Analytics a) {
            ProfileFile.Analytics given =
                    a != null ? a : new ProfileFile.Analytics(null, null, null, null, null);
            double meters = orDefault(given.nearRepeatMeters(), DEFAULT_NEAR_REPEAT_METERS);
            if (!(meters > 0 && meters <= 50_000)) {
                throw problem(
                        "analytics.nearRepeatMeters must be in (0, 50000], was " + number(meters));
            }
            int days = orDefault(given.nearRepeatDays(), DEFAULT_NEAR_REPEAT_DAYS);
            if (days < 1 || days > 365) {
                throw problem("analytics.nearRepeatDays must be in 1..365, was " + days);
            }
            int resolution = orDefault(given.hotspotResolution(), DEFAULT_HOTSPOT_RESOLUTION);
            if (resolution < 0 || resolution > 15) {
                throw problem("analytics.hotspotResolution must be in 0..15, was " + resolution);
            }
            Duration fallback =
                    days(
                            "analytics.serviceLevelDays",
                            orDefault(given.serviceLevelDays(), DEFAULT_SERVICE_LEVEL_DAYS));
            Map<String, Duration> levels = new LinkedHashMap<>();
            if (given.serviceLevels() != null) {
                given.serviceLevels()
                        .forEach(
                                (type, d) ->
                                        levels.put(
                                                type,
                                                days("analytics.serviceLevels '" + type + "'", d)));
            }
            return new CityProfile.Analytics(meters, days, resolution, levels, fallback);
        }

        private Duration days(String key, Double d) {
            if (d == null || !(d >= 0 && d <= 3650)) {
                throw problem(key + " must be a number of days in [0, 3650], was " + d);
            }
            return Duration.ofSeconds(Math.round(d * 86_400));
        }

        private List<String> codeEnforcement(List<String> types) {
            if (types == null) {
                return List.of();
            }
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i) == null || types.get(i).isBlank()) {
                    throw problem("codeEnforcement[" + i + "] is empty");
                }
            }
            return types.stream().map(String::strip).toList();
        }

        private Optional<CityProfile.Tiles> tiles(ProfileFile.Tiles t) {
            if (t == null) {
                return Optional.empty();
            }
            String url = required("tiles.url", t.url());
            if (!(url.startsWith("https://") || url.startsWith("http://"))) {
                throw problem("tiles.url must be an http(s) URL template, was '" + url + "'");
            }
            return Optional.of(
                    new CityProfile.Tiles(url, t.attribution() == null ? "" : t.attribution()));
        }

        private CityProfile.Synthetic synthetic(ProfileFile.Synthetic s) {
            if (s == null) {
                return new CityProfile.Synthetic(Optional.empty(), 1);
            }
            double multiplier = orDefault(s.rateMultiplier(), 1.0);
            if (!(multiplier > 0 && multiplier <= 1000)) {
                throw problem(
                        "synthetic.rateMultiplier must be in (0, 1000], was " + number(multiplier));
            }
            return new CityProfile.Synthetic(
                    Optional.ofNullable(s.requestTypes()).map(folder::resolve), multiplier);
        }

        private String existing(String key, String name) {
            String location = folder.resolve(name);
            if (!Locations.exists(location)) {
                throw problem(key + ": " + location + ": no such file");
            }
            return location;
        }

        private <T> T required(String key, T value) {
            if (value == null) {
                throw problem("missing key '" + key + "'");
            }
            return value;
        }

        private static <T> T orDefault(T value, T fallback) {
            return value == null ? fallback : value;
        }

        private InvalidCityProfileException problem(String message) {
            return new InvalidCityProfileException(file + ": " + message);
        }

        private static double round(double degrees) {
            return Math.round(degrees * 1e5) / 1e5;
        }

        private static String number(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
