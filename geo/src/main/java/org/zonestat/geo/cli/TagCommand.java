package org.zonestat.geo.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.function.Function;
import org.zonestat.geo.BruteForceZoneLocator;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.GeoJsonZoneLayerReader.InvalidZoneLayerException;
import org.zonestat.geo.GridZoneLocator;
import org.zonestat.geo.StrTreeZoneLocator;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;

/**
 * {@code zonestat tag}: appends the zone of each row's point to a CSV file. See {@link
 * TagArguments#USAGE} for the options and {@link CsvZoneTagger} for what is written.
 *
 * <p>Exit status: 0 on success, 1 when a file cannot be read or written or the data are unusable
 * (unreadable zones, missing column), 2 on bad arguments (with the usage text on standard error).
 *
 * <p>{@link #main} is a thin wrapper around {@link #run}, which tests call with their own streams.
 * Stateless; thread-safe.
 */
public final class TagCommand {
    /** Exit status: success. */
    public static final int OK = 0;

    /** Exit status: a file or its data could not be used. */
    public static final int FAILED = 1;

    /** Exit status: bad arguments. */
    public static final int USAGE = 2;

    private TagCommand() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /**
     * Runs the command.
     *
     * @param stdout receives the tagged CSV when {@code --output} is not given
     * @param stderr receives the summary, warnings and errors
     * @return the exit status
     */
    public static int run(String[] args, OutputStream stdout, PrintStream stderr) {
        TagArguments arguments;
        try {
            arguments = TagArguments.parse(args);
        } catch (TagArguments.UsageException e) {
            if (e.getMessage() == null) {
                stderr.println(TagArguments.USAGE);
                return OK;
            }
            stderr.println("zonestat tag: " + e.getMessage());
            stderr.println(TagArguments.USAGE);
            return USAGE;
        }
        try {
            ZoneLayer layer = readLayer(arguments, stderr);
            ZoneLocator locator = strategy(arguments.index()).apply(layer);
            CsvZoneTagger tagger =
                    new CsvZoneTagger(
                            locator,
                            arguments.latColumn(),
                            arguments.lonColumn(),
                            arguments.zoneColumn(),
                            arguments.reasonColumn());
            TagSummary summary;
            try (Reader in = Files.newBufferedReader(arguments.input(), StandardCharsets.UTF_8)) {
                if (arguments.output().isPresent()) {
                    try (Writer out =
                            Files.newBufferedWriter(
                                    arguments.output().get(), StandardCharsets.UTF_8)) {
                        summary = tagger.tag(in, out);
                    }
                } else {
                    Writer out =
                            new BufferedWriter(
                                    new OutputStreamWriter(stdout, StandardCharsets.UTF_8),
                                    1 << 16);
                    summary = tagger.tag(in, out);
                }
            } catch (NoSuchFileException e) {
                throw new IOException("no such file: " + e.getFile(), e);
            } catch (IllegalArgumentException e) {
                throw new IOException(arguments.input() + ": " + e.getMessage(), e);
            } catch (IOException | UncheckedIOException e) {
                throw new IOException(arguments.input() + ": " + e.getMessage(), e);
            }
            stderr.println(
                    "zonestat tag: "
                            + layer.size()
                            + " zones from "
                            + arguments.zones()
                            + "; "
                            + summary.describe());
            return OK;
        } catch (InvalidZoneLayerException | IOException e) {
            stderr.println("zonestat tag: " + e.getMessage());
            return FAILED;
        }
    }

    private static ZoneLayer readLayer(TagArguments arguments, PrintStream stderr) {
        String file = arguments.zones().getFileName().toString();
        String id = file.replaceFirst("\\.[^.]*$", "").toLowerCase().replaceAll("[^a-z0-9]+", "-");
        // Warnings (repaired polygons) go to stderr whatever logging backend is on the class path.
        ZoneLayer layer =
                new GeoJsonZoneLayerReader(w -> stderr.println("zonestat tag: warning: " + w))
                        .read(
                                id.isEmpty() ? "zones" : id,
                                file,
                                arguments.zones(),
                                arguments.nameProperty());
        boolean named = false;
        for (Zone z : layer.zones()) {
            named |= z.properties().containsKey(arguments.nameProperty());
        }
        if (!named) {
            throw new InvalidZoneLayerException(
                    arguments.zones()
                            + ": no zone has the property '"
                            + arguments.nameProperty()
                            + "' (properties of the first zone: "
                            + layer.zone(0).properties().keySet()
                            + "); choose one with --name-property");
        }
        return layer;
    }

    private static Function<ZoneLayer, ZoneLocator> strategy(TagArguments.Index index) {
        return switch (index) {
            case GRID -> GridZoneLocator::new;
            case STRTREE -> StrTreeZoneLocator::new;
            case BRUTE -> BruteForceZoneLocator::new;
        };
    }
}
