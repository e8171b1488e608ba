package org.zonestat.geo.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The parsed arguments of the {@code tag} command.
 *
 * <pre>
 * tag --zones FILE.geojson [--name-property P] --input FILE.csv --lat COL --lon COL
 *     [--output FILE.csv] [--zone-column NAME] [--reason-column NAME] [--index grid|strtree|brute]
 * </pre>
 *
 * <p>Immutable value; {@link #parse(String...)} fails with a {@link UsageException} naming the
 * problem.
 */
public record TagArguments(
        Path zones,
        String nameProperty,
        Path input,
        String latColumn,
        String lonColumn,
        Optional<Path> output,
        String zoneColumn,
        String reasonColumn,
        Index index) {

    /**
     * Which {@link org.zonestat.geo.ZoneLocator} to use; the result is the same, only speed
     * differs.
     */
    public enum Index {
        GRID,
        STRTREE,
        BRUTE
    }

    public static final String USAGE =
            String.join(
                    "\n",
                    "usage: zonestat tag --zones FILE.geojson [--name-property P] --input FILE.csv",
                    "                    --lat COLUMN --lon COLUMN [--output FILE.csv]",
                    "                    [--zone-column NAME] [--reason-column NAME] [--index grid|strtree|brute]",
                    "",
                    "Appends the zone of each row's point to a CSV file (RFC 4180, header row required).",
                    "  --zones          GeoJSON FeatureCollection of Polygon/MultiPolygon zones (WGS84 lon/lat)",
                    "  --name-property  feature property holding the zone name (default: name)",
                    "  --input          CSV file to tag (UTF-8, a byte-order mark is skipped)",
                    "  --lat, --lon     header names of the latitude and longitude columns",
                    "  --output         where to write the tagged CSV (default: standard output)",
                    "  --zone-column    name of the appended zone column (default: zone)",
                    "  --reason-column  name of the appended reason column (default: zone_reason); empty when",
                    "                   tagged, else missing, not_a_number, out_of_range or no_zone",
                    "  --index          lookup strategy (default: grid)",
                    "Every input row is written; a summary goes to standard error.");

    public TagArguments {
        Objects.requireNonNull(zones, "zones");
        Objects.requireNonNull(nameProperty, "nameProperty");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(latColumn, "latColumn");
        Objects.requireNonNull(lonColumn, "lonColumn");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(zoneColumn, "zoneColumn");
        Objects.requireNonNull(reasonColumn, "reasonColumn");
        Objects.requireNonNull(index, "index");
    }

    /** Parses command-line arguments; {@code --opt value} and {@code --opt=value} are accepted. */
    public static TagArguments parse(String... args) {
        Path zones = null;
        String nameProperty = "name";
        Path input = null;
        String lat = null;
        String lon = null;
        Path output = null;
        String zoneColumn = "zone";
        String reasonColumn = "zone_reason";
        Index index = Index.GRID;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            } else if (arg.equals("-h") || arg.equals("--help")) {
                throw new UsageException(null);
            } else {
                if (!arg.startsWith("--")) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + arg + " needs a value");
                }
                value = args[++i];
            }
            if (value.isBlank()) {
                throw new UsageException("option " + arg + " needs a non-empty value");
            }
            switch (arg) {
                case "--zones" -> zones = Path.of(value);
                case "--name-property" -> nameProperty = value;
                case "--input" -> input = Path.of(value);
                case "--lat" -> lat = value;
                case "--lon" -> lon = value;
                case "--output" -> output = Path.of(value);
                case "--zone-column" -> zoneColumn = value;
                case "--reason-column" -> reasonColumn = value;
                case "--index" -> index = parseIndex(value);
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        if (zones == null) {
            throw new UsageException("missing --zones");
        }
        if (input == null) {
            throw new UsageException("missing --input");
        }
        if (lat == null || lon == null) {
            throw new UsageException("missing " + (lat == null ? "--lat" : "--lon"));
        }
        if (zoneColumn.equals(reasonColumn)) {
            throw new UsageException("--zone-column and --reason-column must differ");
        }
        return new TagArguments(
                zones,
                nameProperty,
                input,
                lat,
                lon,
                Optional.ofNullable(output),
                zoneColumn,
                reasonColumn,
                index);
    }

    private static Index parseIndex(String value) {
        try {
            return Index.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--index must be grid, strtree or brute, was '" + value + "'");
        }
    }

    /** Bad command-line arguments; the message says what is wrong ({@code null} for --help). */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
