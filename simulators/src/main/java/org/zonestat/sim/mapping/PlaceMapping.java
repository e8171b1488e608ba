package org.zonestat.sim.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.zonestat.sim.csv.CsvTable;
import org.zonestat.topics.PlaceMessage;

/**
 * How one CSV of places (business licenses, liquor licenses, vacant building notices, recreation
 * centers) becomes {@code places} messages: a small properties file naming the id, name, category,
 * address, location, opening-date and status columns, like the feeds' mappings ({@link
 * FeedMapping}). Another city's list loads with a new mapping file and no code change.
 *
 * <pre>
 * source=city-vacant-notices-2019           # required: the constant source of every place
 * id.column=referenceid                     # required; id.prefix is put in front
 * id.prefix=vacant/
 * name.column=buildingaddress               # required
 * category.constant=vacant-building         # or category.column with category.values/contains/default
 * address.column=buildingaddress
 * point.column=location                     # or lat.column and lon.column
 * since.column=noticedate                   # when it opened; since.formats (default iso)
 * status.column=LicenseStatus               # optional; status.closed=CLOSED; EXPIRED; ...
 * time.zone=America/New_York                # zone of dates without an offset (default UTC)
 * </pre>
 *
 * A category becomes a slug ({@code Liquor License} → {@code liquor-license}). A row without a
 * usable location or without an id or name is rejected with its line and the reason; columns about
 * people ({@link FeedMapping#PERSON_COLUMNS}, e.g. a licensee's name) may not be mapped.
 *
 * <p>Built once and validated eagerly (unknown keys, missing keys, bad patterns are errors);
 * immutable and thread-safe.
 */
public final class PlaceMapping {
    /**
     * The shipped place mappings' short names (files in {@value FeedMapping#SHIPPED_FOLDER}), as
     * its {@code place-mappings.txt} lists them.
     */
    public static final List<String> SHIPPED = ShippedNames.read("place-mappings.txt");

    private final String name;
    private final String source;
    private final String idColumn;
    private final String idPrefix;
    private final String nameColumn;
    private final ValueMapping category;
    private final Optional<String> addressColumn;
    private final Optional<String> latColumn;
    private final Optional<String> lonColumn;
    private final Optional<String> pointColumn;
    private final Optional<String> sinceColumn;
    private final TimeFormats sinceFormats;
    private final Optional<String> statusColumn;
    private final Set<String> closedStatuses;
    private final ZoneId zone;

    private PlaceMapping(String name, Properties properties) {
        this.name = name;
        MappingKeys k = new MappingKeys(name, properties);
        this.source = k.required("source", "the constant source name of every place");
        this.idColumn = k.required("id.column", "the place's id");
        this.idPrefix = k.optional("id.prefix").orElse("");
        this.nameColumn = k.required("name.column", "what people call the place");
        this.category = ValueMapping.fromKeys("category", k);
        this.addressColumn = k.optional("address.column");
        this.latColumn = k.optional("lat.column");
        this.lonColumn = k.optional("lon.column");
        this.pointColumn = k.optional("point.column");
        if (latColumn.isPresent() != lonColumn.isPresent()) {
            throw new InvalidInputException(
                    "mapping " + name + ": give both lat.column and lon.column, or neither");
        }
        if (latColumn.isEmpty() && pointColumn.isEmpty()) {
            throw new InvalidInputException(
                    "mapping "
                            + name
                            + ": a place needs lat.column and lon.column, or point.column");
        }
        this.sinceColumn = k.optional("since.column");
        this.sinceFormats = TimeFormats.parse(k.optional("since.formats").orElse("iso"));
        this.statusColumn = k.optional("status.column");
        this.closedStatuses =
                k.optional("status.closed")
                        .map(
                                v ->
                                        Set.copyOf(
                                                java.util.Arrays.stream(v.split(";"))
                                                        .map(
                                                                s ->
                                                                        s.strip()
                                                                                .toUpperCase(
                                                                                        Locale
                                                                                                .ROOT))
                                                        .filter(s -> !s.isEmpty())
                                                        .toList()))
                        .orElse(Set.of());
        String zoneText = k.optional("time.zone").orElse("UTC");
        try {
            this.zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    "mapping " + name + ": time.zone '" + zoneText + "' is not a time zone");
        }
        for (String column : columns()) {
            if (FeedMapping.PERSON_COLUMNS.contains(
                    column.toUpperCase(Locale.ROOT).replace(" ", ""))) {
                throw new InvalidInputException(
                        "mapping "
                                + name
                                + ": column '"
                                + column
                                + "' describes a person; places carry no person-level fields");
            }
        }
        k.requireAllUsed();
    }

    /** Builds a mapping from properties; {@code name} is used in messages. */
    public static PlaceMapping fromProperties(String name, Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return new PlaceMapping(name, copy);
    }

    /** A mapping file if {@code fileOrName} is a file, else a shipped place mapping. */
    public static PlaceMapping resolve(String fileOrName) {
        Path p = Path.of(fileOrName);
        if (Files.isRegularFile(p)) {
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                Properties props = new Properties();
                props.load(r);
                return fromProperties(p.getFileName().toString(), props);
            } catch (IOException e) {
                throw new InvalidInputException(
                        "cannot read mapping file " + p + ": " + e.getMessage(), e);
            }
        }
        if (!SHIPPED.contains(fileOrName)) {
            throw new InvalidInputException(
                    "no place mapping file or shipped place mapping '"
                            + fileOrName
                            + "' (shipped: "
                            + SHIPPED
                            + ")");
        }
        String resource = FeedMapping.SHIPPED_FOLDER + fileOrName + ".properties";
        try (InputStream in = PlaceMapping.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidInputException("shipped mapping " + resource + " is missing");
            }
            Properties props = new Properties();
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return fromProperties(fileOrName, props);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read shipped mapping " + resource, e);
        }
    }

    /** Every CSV column this mapping reads. */
    public List<String> columns() {
        List<String> c = new java.util.ArrayList<>(List.of(idColumn, nameColumn));
        category.column().ifPresent(c::add);
        addressColumn.ifPresent(c::add);
        latColumn.ifPresent(c::add);
        lonColumn.ifPresent(c::add);
        pointColumn.ifPresent(c::add);
        sinceColumn.ifPresent(c::add);
        statusColumn.ifPresent(c::add);
        return c.stream().distinct().toList();
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    /**
     * Reads a CSV of places: each usable row to {@code places}, each other to {@code rejected} as
     * {@code file:line: reason}.
     *
     * @param updatedAt the {@code updatedAt} of every message (when the list is loaded)
     * @throws InvalidInputException if the header lacks a mapped column, naming them
     */
    public void read(
            InputStream in,
            String fileName,
            Instant updatedAt,
            Consumer<PlaceMessage> places,
            Consumer<Rejection> rejected) {
        boolean[] checked = {false};
        CsvTable.forEachRow(
                in,
                fileName,
                row -> {
                    if (!checked[0]) {
                        List<String> missing =
                                columns().stream()
                                        .filter(c -> !row.header().containsKey(c))
                                        .toList();
                        if (!missing.isEmpty()) {
                            throw new InvalidInputException(
                                    fileName
                                            + ": mapping "
                                            + name
                                            + " names columns "
                                            + missing
                                            + " that the header does not have");
                        }
                        checked[0] = true;
                    }
                    try {
                        places.accept(place(row, updatedAt));
                    } catch (IllegalArgumentException | DateTimeException e) {
                        rejected.accept(new Rejection(fileName, row.line(), e.getMessage()));
                    }
                });
    }

    private PlaceMessage place(CsvTable.Row row, Instant updatedAt) {
        String id = idPrefix + require(row, idColumn);
        String placeName = require(row, nameColumn);
        String cat = PlaceMessage.category(category.map(category.column().flatMap(row::get)));
        double[] latLon = location(row);
        LocalDate since =
                sinceColumn
                        .flatMap(row::get)
                        .map(v -> sinceFormats.instant(v, zone).atZone(zone).toLocalDate())
                        .orElse(null);
        boolean closed =
                statusColumn
                        .flatMap(row::get)
                        .map(v -> closedStatuses.contains(v.strip().toUpperCase(Locale.ROOT)))
                        .orElse(false);
        return new PlaceMessage(
                id,
                placeName,
                cat,
                addressColumn.map(row::getOrNull).orElse(null),
                latLon[1],
                latLon[0],
                closed ? PlaceMessage.CLOSED : PlaceMessage.OPEN,
                since,
                null,
                source,
                updatedAt);
    }

    /** {lat, lon}; throws naming the column when there is none or it is not a number. */
    private double[] location(CsvTable.Row row) {
        if (latColumn.isPresent()) {
            Optional<String> lat = latColumn.flatMap(row::get);
            Optional<String> lon = lonColumn.flatMap(row::get);
            if (lat.isPresent() && lon.isPresent()) {
                try {
                    return check(Double.parseDouble(lat.get()), Double.parseDouble(lon.get()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "columns '"
                                    + latColumn.get()
                                    + "', '"
                                    + lonColumn.get()
                                    + "' are not numbers: '"
                                    + lat.get()
                                    + "', '"
                                    + lon.get()
                                    + "'");
                }
            }
        }
        if (pointColumn.isPresent()) {
            Optional<double[]> point =
                    pointColumn.flatMap(row::get).flatMap(MappedCsvAdapter::point);
            if (point.isPresent()) {
                return check(point.get()[0], point.get()[1]);
            }
        }
        throw new IllegalArgumentException("the place has no location");
    }

    private static double[] check(double lat, double lon) {
        if (lat == 0 && lon == 0) {
            throw new IllegalArgumentException("the location is 0,0 (a missing geocode)");
        }
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException(
                    "the location lat=" + lat + " lon=" + lon + " is out of range");
        }
        return new double[] {lat, lon};
    }

    private static String require(CsvTable.Row row, String column) {
        return row.get(column)
                .orElseThrow(
                        () -> new IllegalArgumentException("column '" + column + "' is empty"));
    }

    @Override
    public String toString() {
        return "PlaceMapping[" + name + "]";
    }
}
