package org.zonestat.sim.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.zonestat.city.CityProfile;
import org.zonestat.city.CityProfiles;
import org.zonestat.city.Locations;
import org.zonestat.sim.Feed;
import org.zonestat.topics.ActivityKind;
import org.zonestat.topics.ContactTokens;
import org.zonestat.topics.Topics;

/**
 * How one export layout becomes raw-topic records: a small properties file naming the id, time,
 * kind, location, status and other columns, the time formats and zone, a constant source name and
 * the feed (see simulators/README.md for every key and a full example). Another city's export loads
 * with a new mapping file and no code change.
 *
 * <p>Shipped mappings live on the class path under {@value #SHIPPED_FOLDER} and are found by their
 * short name ({@link #shipped}, {@link #resolve}).
 *
 * <p>Built once and validated eagerly (unknown keys, missing required keys, bad patterns, kind
 * codes outside the contract, and person-level columns are errors); immutable and thread-safe.
 */
public final class FeedMapping {
    /** Class-path folder of the shipped mappings. */
    public static final String SHIPPED_FOLDER = "zonestat/mappings/";

    /** The shipped mappings' short names, as the folder's {@code feed-mappings.txt} lists them. */
    public static final List<String> SHIPPED = ShippedNames.read("feed-mappings.txt");

    /** The incident kinds of the {@code incidents.raw} contract, most severe first. */
    public static final List<String> INCIDENT_KINDS_BY_SEVERITY =
            List.of(
                    "HOMICIDE",
                    "SHOOTING",
                    "AGGRAVATED_ASSAULT",
                    "ROBBERY",
                    "OTHER_VIOLENT",
                    "OTHER");

    /** The incident kinds of the {@code incidents.raw} contract. */
    public static final Set<String> INCIDENT_KINDS = Set.copyOf(INCIDENT_KINDS_BY_SEVERITY);

    /**
     * Columns about people (victims, suspects, tipsters) that a mapping may never copy: records
     * describe places and times, not persons.
     */
    public static final Set<String> PERSON_COLUMNS =
            Set.of(
                    "GENDER",
                    "SEX",
                    "AGE",
                    "RACE",
                    "ETHNICITY",
                    "DOB",
                    "DATEOFBIRTH",
                    "DATE_OF_BIRTH",
                    "NAME",
                    "FIRSTNAME",
                    "FIRST_NAME",
                    "LASTNAME",
                    "LAST_NAME",
                    "PHONE",
                    "PHONENUMBER",
                    "EMAIL",
                    "TIPSTER",
                    "CALLER",
                    "CALLERNAME",
                    "CALLER_NAME",
                    "AGE_AT_CASE",
                    "PERSON_UID");

    /** The input formats a mapping can describe. */
    public enum Format {
        CSV,
        OPEN311_JSON;

        static Format parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "open311-json" -> OPEN311_JSON;
                default ->
                        throw new InvalidInputException(
                                "format '" + text + "' is not csv or open311-json");
            };
        }
    }

    /**
     * Where the event time comes from: one column, or a date column plus an optional time-of-day
     * column (with a default time when the latter is empty).
     */
    public record TimeSpec(
            Optional<String> column,
            Optional<String> dateColumn,
            TimeFormats dateFormats,
            Optional<String> timeColumn,
            TimeFormats timeFormats,
            LocalTime defaultTime) {}

    /**
     * The 311 lifecycle expansion: a record with {@code createdStatus} at the created column's
     * time, then, if the row's status is another, a record with that status at the closed column's
     * time (statuses starting with "closed") or the status column's time, never before creation.
     */
    public record Lifecycle(
            String createdColumn,
            Optional<String> closedColumn,
            Optional<String> statusColumn,
            String createdStatus,
            Set<String> updateOnlyFields) {}

    private final String name;
    private final Properties properties;
    private final Feed feed;
    private final String topic;
    private final Format format;
    private final String source;
    private final ZoneId zone;
    private final TimeFormats timeFormats;
    private final Optional<TimeSpec> time;
    private final Optional<String> idColumn;
    private final String idPrefix;
    private final Optional<ValueMapping> kind;
    private final Optional<ValueMapping> category;
    private final Optional<String> latColumn;
    private final Optional<String> lonColumn;
    private final Optional<String> pointColumn;
    private final Map<String, Optional<String>> optionalColumns;
    private final List<FieldSpec> fields;
    private final Optional<Lifecycle> lifecycle;
    private final Optional<ValueMapping> agency;
    private final ContactTokens contactTokens;
    private final Optional<Merge> merge;

    /**
     * Rows that share an id are one record ({@code id.repeats=merge}), as in victim-level exports
     * where an incident with three victims has three rows: the record is the first row's, with the
     * most severe kind of all the rows ({@link #INCIDENT_KINDS_BY_SEVERITY}) and, if {@code
     * countField} is set, the number of rows in that field.
     */
    public record Merge(Optional<String> countField) {}

    private FeedMapping(String name, Properties properties) {
        this(name, properties, null);
    }

    private FeedMapping(String name, Properties properties, ContactTokens contactTokens) {
        this.name = name;
        this.properties = properties;
        this.contactTokens = contactTokens;
        MappingKeys k = new MappingKeys(name, properties);
        this.feed = parseFeed(k.required("feed", "incidents, requests311, tips or activities"));
        this.topic = k.optional("topic").orElse(feed.topic(Topics.defaults()));
        this.format = Format.parse(k.optional("format").orElse("csv"));
        this.source = k.required("source", "the constant source name of every record");
        String zoneText = k.optional("time.zone").orElse("UTC");
        try {
            this.zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    "mapping " + name + ": time.zone '" + zoneText + "' is not a time zone");
        }
        this.timeFormats = TimeFormats.parse(k.optional("time.formats").orElse("iso"));
        if (format == Format.OPEN311_JSON) {
            if (feed != Feed.REQUESTS311) {
                throw new InvalidInputException(
                        "mapping " + name + ": format open311-json is for feed requests311");
            }
            this.time = Optional.empty();
            this.idColumn = Optional.empty();
            this.idPrefix = "";
            this.kind = Optional.empty();
            this.category = Optional.empty();
            this.latColumn = Optional.empty();
            this.lonColumn = Optional.empty();
            this.pointColumn = Optional.empty();
            this.optionalColumns = Map.of();
            this.fields = List.of();
            this.lifecycle = Optional.empty();
            this.agency = Optional.empty();
            this.merge = Optional.empty();
            k.requireAllUsed();
            return;
        }
        this.idColumn = k.optional("id.column");
        this.idPrefix = k.optional("id.prefix").orElse(idColumn.isPresent() ? "" : "L");
        this.lifecycle = k.optional("lifecycle").map(v -> parseLifecycle(name, v, k));
        if (lifecycle.isPresent() && feed != Feed.REQUESTS311) {
            throw new InvalidInputException(
                    "mapping " + name + ": lifecycle is only for feed requests311");
        }
        this.time = parseTime(name, k, lifecycle.isPresent());
        this.kind =
                feed == Feed.INCIDENTS || feed == Feed.ACTIVITIES
                        ? Optional.of(ValueMapping.fromKeys("kind", k))
                        : Optional.empty();
        this.agency =
                feed == Feed.ACTIVITIES
                        ? Optional.of(ValueMapping.fromKeys("agency", k))
                        : Optional.empty();
        this.category =
                feed == Feed.TIPS
                        ? Optional.of(ValueMapping.fromKeys("category", k))
                        : Optional.empty();
        kind.ifPresent(
                m ->
                        m.targets()
                                .forEach(
                                        t -> {
                                            Set<String> kinds =
                                                    feed == Feed.ACTIVITIES
                                                            ? ACTIVITY_KINDS
                                                            : INCIDENT_KINDS;
                                            if (!kinds.contains(t)) {
                                                throw new InvalidInputException(
                                                        "mapping "
                                                                + name
                                                                + ": kind '"
                                                                + t
                                                                + "' is not one of "
                                                                + kinds);
                                            }
                                        }));
        this.latColumn = k.optional("lat.column");
        this.lonColumn = k.optional("lon.column");
        this.pointColumn = k.optional("point.column");
        if (latColumn.isPresent() != lonColumn.isPresent()) {
            throw new InvalidInputException(
                    "mapping " + name + ": give both lat.column and lon.column, or neither");
        }
        Map<String, Optional<String>> cols = new LinkedHashMap<>();
        for (String role : ROLES) {
            cols.put(role, k.optional(role + ".column"));
        }
        this.optionalColumns = Map.copyOf(cols);
        if (feed == Feed.REQUESTS311) {
            if (cols.get("type").isEmpty() || cols.get("status").isEmpty()) {
                throw new InvalidInputException(
                        "mapping "
                                + name
                                + ": a requests311 mapping needs type.column and "
                                + "status.column");
            }
        }
        this.fields = parseFields(name, k, feed);
        this.merge = parseMerge(name, k, feed, idColumn.isPresent(), fields);
        lifecycle.ifPresent(
                l ->
                        l.updateOnlyFields()
                                .forEach(
                                        f -> {
                                            if (fields.stream()
                                                    .noneMatch(s -> s.name().equals(f))) {
                                                throw new InvalidInputException(
                                                        "mapping "
                                                                + name
                                                                + ": lifecycle.update-fields names '"
                                                                + f
                                                                + "', which is no field.* of this mapping");
                                            }
                                        }));
        Optional<String> contact = cols.get("contact");
        if (contact.isPresent() && feed != Feed.ACTIVITIES) {
            throw new InvalidInputException(
                    "mapping " + name + ": contact.column is for feed activities");
        }
        for (String column : columns()) {
            // The contact column of an outreach log is hashed into a weekly token, never copied.
            if (contact.isPresent() && contact.get().equals(column)) {
                continue;
            }
            if (PERSON_COLUMNS.contains(column.toUpperCase(Locale.ROOT).replace(" ", ""))) {
                throw new InvalidInputException(
                        "mapping "
                                + name
                                + ": column '"
                                + column
                                + "' describes a person; "
                                + "ZoneStat records never carry person-level fields");
            }
        }
        k.requireAllUsed();
    }

    /** The optional column roles ({@code <role>.column}). */
    private static final List<String> ROLES =
            List.of(
                    "type", "status", "due", "address", "text", "place", "count", "outcome",
                    "contact");

    /** The activity kinds of the {@code activities.raw} contract. */
    public static final Set<String> ACTIVITY_KINDS =
            Arrays.stream(ActivityKind.values())
                    .map(Enum::name)
                    .collect(Collectors.toUnmodifiableSet());

    /**
     * This mapping with the key its {@code contact.column} is hashed with into weekly tokens
     * ({@link ContactTokens}); the contact itself never leaves the adapter.
     */
    public FeedMapping withContactTokens(ContactTokens tokens) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return new FeedMapping(name, copy, Objects.requireNonNull(tokens, "tokens"));
    }

    /** The key contacts are hashed with, if given ({@link #withContactTokens}). */
    public Optional<ContactTokens> contactTokens() {
        return Optional.ofNullable(contactTokens);
    }

    /** Builds a mapping from properties; {@code name} is used in messages. */
    public static FeedMapping fromProperties(String name, Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return new FeedMapping(name, copy);
    }

    /**
     * This mapping with another constant source name (e.g. for another extract of the same layout).
     */
    public FeedMapping withSource(String newSource) {
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.setProperty("source", newSource);
        return new FeedMapping(name, copy, contactTokens);
    }

    /** Reads a mapping file. */
    public static FeedMapping load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            return fromProperties(file.getFileName().toString(), p);
        } catch (IOException e) {
            throw new InvalidInputException(
                    "cannot read mapping file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A shipped mapping by short name: one of {@link #SHIPPED} (e.g. {@code open311-georeport-v2})
     * or the mapping of a shipped city's feed, by its file name without {@code .properties} (e.g.
     * {@code nyc-shootings}, which {@code zonestat/cities/nyc/city.yaml} names), so any shipped
     * city's history can be backfilled into a running system without copying its mapping out.
     */
    public static FeedMapping shipped(String shortName) {
        String resource = shippedResource(shortName);
        try (InputStream in = FeedMapping.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidInputException(
                        "no shipped mapping named '"
                                + shortName
                                + "' (shipped: "
                                + SHIPPED
                                + ", or a shipped city's: "
                                + cityMappingNames()
                                + ")");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return fromProperties(shortName, p);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read shipped mapping " + resource, e);
        }
    }

    /**
     * The class-path resource of a shipped mapping: the mappings folder first, then the cities'.
     */
    private static String shippedResource(String shortName) {
        String own = SHIPPED_FOLDER + shortName + ".properties";
        if (SHIPPED.contains(shortName)) {
            return own;
        }
        ClassLoader loader = FeedMapping.class.getClassLoader();
        for (String city : CityProfiles.shippedNames()) {
            String resource = CityProfiles.SHIPPED_FOLDER + city + "/" + shortName + ".properties";
            if (loader.getResource(resource) != null) {
                return resource;
            }
        }
        return own;
    }

    /** The short names of the mappings the shipped cities' feeds name. */
    private static List<String> cityMappingNames() {
        List<String> names = new ArrayList<>();
        for (String city : CityProfiles.shippedNames()) {
            for (CityProfile.FeedSpec feed : CityProfiles.shipped(city).feeds()) {
                names.add(Locations.fileName(feed.mapping()).replaceFirst("\\.properties$", ""));
            }
        }
        return names;
    }

    /**
     * A mapping file if {@code fileOrName} is a file, else a shipped mapping of that short name
     * ({@link #shipped}).
     */
    public static FeedMapping resolve(String fileOrName) {
        Path p = Path.of(fileOrName);
        if (Files.isRegularFile(p)) {
            return load(p);
        }
        if (fileOrName.contains("/") || fileOrName.endsWith(".properties")) {
            throw new InvalidInputException(
                    "mapping file "
                            + fileOrName
                            + " does not exist (or name a shipped "
                            + "mapping: "
                            + SHIPPED
                            + ")");
        }
        return shipped(fileOrName);
    }

    /** The adapter that reads this mapping's input format. */
    public RecordAdapter adapter() {
        return format == Format.OPEN311_JSON
                ? new Open311JsonAdapter(this)
                : new MappedCsvAdapter(this);
    }

    /** Every CSV column this mapping reads. */
    public List<String> columns() {
        List<String> c = new ArrayList<>();
        idColumn.ifPresent(c::add);
        time.ifPresent(
                t -> {
                    t.column().ifPresent(c::add);
                    t.dateColumn().ifPresent(c::add);
                    t.timeColumn().ifPresent(c::add);
                });
        kind.flatMap(ValueMapping::column).ifPresent(c::add);
        agency.flatMap(ValueMapping::column).ifPresent(c::add);
        category.flatMap(ValueMapping::column).ifPresent(c::add);
        latColumn.ifPresent(c::add);
        lonColumn.ifPresent(c::add);
        pointColumn.ifPresent(c::add);
        optionalColumns.values().forEach(o -> o.ifPresent(c::add));
        fields.forEach(f -> c.add(f.column()));
        lifecycle.ifPresent(
                l -> {
                    c.add(l.createdColumn());
                    l.closedColumn().ifPresent(c::add);
                    l.statusColumn().ifPresent(c::add);
                });
        return c.stream().distinct().toList();
    }

    public String name() {
        return name;
    }

    public Feed feed() {
        return feed;
    }

    public String topic() {
        return topic;
    }

    public Format format() {
        return format;
    }

    public String source() {
        return source;
    }

    public ZoneId zone() {
        return zone;
    }

    public TimeFormats timeFormats() {
        return timeFormats;
    }

    public Optional<TimeSpec> time() {
        return time;
    }

    public Optional<String> idColumn() {
        return idColumn;
    }

    public String idPrefix() {
        return idPrefix;
    }

    Optional<ValueMapping> kind() {
        return kind;
    }

    Optional<ValueMapping> category() {
        return category;
    }

    Optional<ValueMapping> agency() {
        return agency;
    }

    public Optional<String> latColumn() {
        return latColumn;
    }

    public Optional<String> lonColumn() {
        return lonColumn;
    }

    public Optional<String> pointColumn() {
        return pointColumn;
    }

    /**
     * The column of a role: {@code type}, {@code status}, {@code due}, {@code address}, {@code
     * text}, or, for activities, {@code place}, {@code count}, {@code outcome}, {@code contact}.
     */
    public Optional<String> column(String role) {
        Optional<String> c = optionalColumns.get(role);
        if (c == null) {
            throw new IllegalArgumentException("no column role " + role);
        }
        return c;
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    public Optional<Lifecycle> lifecycle() {
        return lifecycle;
    }

    /** How rows sharing an id become one record, or empty when each row is its own record. */
    public Optional<Merge> merge() {
        return merge;
    }

    private static Optional<Merge> parseMerge(
            String name, MappingKeys k, Feed feed, boolean hasIdColumn, List<FieldSpec> fields) {
        String repeats = k.optional("id.repeats").orElse("keep");
        Optional<String> countField = k.optional("id.repeats.count-field");
        switch (repeats) {
            case "keep" -> {
                if (countField.isPresent()) {
                    throw new InvalidInputException(
                            "mapping " + name + ": id.repeats.count-field needs id.repeats=merge");
                }
                return Optional.empty();
            }
            case "merge" -> {
                if (!hasIdColumn) {
                    throw new InvalidInputException(
                            "mapping " + name + ": id.repeats=merge needs id.column");
                }
                if (feed != Feed.INCIDENTS) {
                    throw new InvalidInputException(
                            "mapping " + name + ": id.repeats=merge is for feed incidents");
                }
                countField.ifPresent(
                        f -> {
                            if (RESERVED_FIELDS.contains(f)
                                    || fields.stream().anyMatch(s -> s.name().equals(f))) {
                                throw new InvalidInputException(
                                        "mapping "
                                                + name
                                                + ": id.repeats.count-field '"
                                                + f
                                                + "' is already a field of the record");
                            }
                        });
                return Optional.of(new Merge(countField));
            }
            default ->
                    throw new InvalidInputException(
                            "mapping "
                                    + name
                                    + ": id.repeats must be keep or merge, was '"
                                    + repeats
                                    + "'");
        }
    }

    private static Feed parseFeed(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(".raw", "");
        for (Feed f : Feed.values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(t)) {
                return f;
            }
        }
        throw new InvalidInputException(
                "feed '" + text + "' is not incidents, requests311, tips or activities");
    }

    private static Optional<TimeSpec> parseTime(String name, MappingKeys k, boolean lifecycle) {
        Optional<String> column = k.optional("time.column");
        Optional<String> dateColumn = k.optional("time.date.column");
        Optional<String> timeColumn = k.optional("time.time.column");
        TimeFormats dateFormats = TimeFormats.parse(k.optional("time.date.formats").orElse("iso"));
        TimeFormats timeFormats =
                TimeFormats.parse(k.optional("time.time.formats").orElse("HH:mm[:ss]"));
        String defaultText = k.optional("time.time.default").orElse("00:00");
        LocalTime defaultTime;
        try {
            defaultTime =
                    LocalTime.parse(defaultText.length() == 5 ? defaultText + ":00" : defaultText);
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    "mapping "
                            + name
                            + ": time.time.default '"
                            + defaultText
                            + "' is not HH:mm[:ss]");
        }
        if (column.isPresent() && dateColumn.isPresent()) {
            throw new InvalidInputException(
                    "mapping " + name + ": give time.column or time.date.column, not both");
        }
        if (timeColumn.isPresent() && dateColumn.isEmpty()) {
            throw new InvalidInputException(
                    "mapping " + name + ": time.time.column needs time.date.column");
        }
        if (column.isEmpty() && dateColumn.isEmpty()) {
            if (lifecycle) {
                return Optional.empty();
            }
            throw new InvalidInputException(
                    "mapping "
                            + name
                            + ": key 'time.column' (or 'time.date.column') is "
                            + "required (when each record happened)");
        }
        if (lifecycle) {
            throw new InvalidInputException(
                    "mapping "
                            + name
                            + ": with lifecycle, the times come from the lifecycle "
                            + "columns; remove time.column / time.date.column");
        }
        return Optional.of(
                new TimeSpec(
                        column, dateColumn, dateFormats, timeColumn, timeFormats, defaultTime));
    }

    private static List<FieldSpec> parseFields(String name, MappingKeys k, Feed feed) {
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> keys = k.withPrefix("field.");
        for (String key : keys) {
            if (key.endsWith(".type")) {
                String base = key.substring(0, key.length() - ".type".length());
                if (!keys.contains(base)) {
                    throw new InvalidInputException(
                            "mapping " + name + ": " + key + " without " + base);
                }
                continue;
            }
            String fieldName = key.substring("field.".length());
            if (RESERVED_FIELDS.contains(fieldName)
                    || (feed == Feed.ACTIVITIES && ACTIVITY_FIELDS.contains(fieldName))) {
                throw new InvalidInputException(
                        "mapping "
                                + name
                                + ": "
                                + key
                                + " would overwrite the contract field '"
                                + fieldName
                                + "'; use its own key instead");
            }
            String column = k.required(key, "the column to copy");
            FieldSpec.Type type =
                    k.optional(key + ".type")
                            .map(t -> FieldSpec.Type.parse(key + ".type", t))
                            .orElse(FieldSpec.Type.STRING);
            fields.add(new FieldSpec(fieldName, column, type));
        }
        return List.copyOf(fields);
    }

    private static final Set<String> RESERVED_FIELDS =
            Set.of(
                    "id",
                    "source",
                    "kind",
                    "category",
                    "type",
                    "status",
                    "occurredAt",
                    "lat",
                    "lon",
                    "address",
                    "text",
                    "createdAt",
                    "dueAt",
                    "closedAt");

    /** The fields an activity declares besides the others (other feeds may copy such columns). */
    private static final Set<String> ACTIVITY_FIELDS =
            Set.of("agency", "placeId", "count", "outcome", "contactToken");

    private static Lifecycle parseLifecycle(String name, String text, MappingKeys k) {
        Map<String, String> roles = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new InvalidInputException(
                        "mapping "
                                + name
                                + ": lifecycle item '"
                                + item.strip()
                                + "' is not role:Column");
            }
            String role = item.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!Set.of("created", "closed", "status").contains(role)) {
                throw new InvalidInputException(
                        "mapping "
                                + name
                                + ": lifecycle role '"
                                + role
                                + "' is not created, closed or status");
            }
            roles.put(role, item.substring(colon + 1).strip());
        }
        if (!roles.containsKey("created")) {
            throw new InvalidInputException("mapping " + name + ": lifecycle needs created:Column");
        }
        Set<String> updateOnly = new java.util.LinkedHashSet<>();
        k.optional("lifecycle.update-fields")
                .ifPresent(
                        v -> {
                            for (String f : v.split(",")) {
                                if (!f.isBlank()) {
                                    updateOnly.add(f.strip());
                                }
                            }
                        });
        return new Lifecycle(
                roles.get("created"),
                Optional.ofNullable(roles.get("closed")),
                Optional.ofNullable(roles.get("status")),
                k.optional("lifecycle.created-status").orElse("New"),
                Set.copyOf(updateOnly));
    }

    @Override
    public String toString() {
        return "FeedMapping[" + name + ", " + feed + " -> " + topic + ", " + format + "]";
    }
}
