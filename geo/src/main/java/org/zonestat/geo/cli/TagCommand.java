package org.zonestat.geo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.zonestat.config.Cli;
import org.zonestat.geo.BruteForceZoneLocator;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.GeoJsonZoneLayerReader.InvalidZoneLayerException;
import org.zonestat.geo.GridZoneLocator;
import org.zonestat.geo.StrTreeZoneLocator;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zonestat tag}: appends the zone of each row's point to a CSV file; see {@link
 * CsvZoneTagger} for what is written. A picocli command; {@code --help} lists the flags.
 *
 * <p>Exit status: 0 on success, 1 when a file cannot be read or written or the data are unusable
 * (unreadable zones, missing column), 2 on bad arguments (with the usage text on standard error).
 *
 * <p>{@link #main} is a thin wrapper around {@link #run}, which tests call with their own streams.
 * Not thread-safe: one instance runs one command line.
 */
@Command(
        name = "tag",
        description = {
            "Appends the zone of each row's point to a CSV file (RFC 4180, header row required).",
            "Every input row is written; a summary goes to standard error."
        })
public final class TagCommand implements Callable<Integer> {
    /** Exit status: success. */
    public static final int OK = 0;

    /** Exit status: a file or its data could not be used. */
    public static final int FAILED = 1;

    /** Cell side of the grid index the command builds, meters. */
    static final double BATCH_GRID_CELL_METERS = 64;

    /** Exit status: bad arguments. */
    public static final int USAGE = Cli.USAGE;

    @Spec private CommandSpec spec;

    @Option(
            names = "--zones",
            required = true,
            paramLabel = "FILE.geojson",
            description =
                    "GeoJSON FeatureCollection of Polygon/MultiPolygon zones (WGS84 lon/lat).")
    private Path zones;

    @Option(
            names = "--name-property",
            paramLabel = "P",
            defaultValue = "name",
            description = "Feature property holding the zone name.")
    private String nameProperty;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE.csv",
            description = "CSV file to tag (UTF-8, a byte-order mark is skipped).")
    private Path input;

    @Option(
            names = "--lat",
            required = true,
            paramLabel = "COLUMN",
            description = "Header name of the latitude column.")
    private String lat;

    @Option(
            names = "--lon",
            required = true,
            paramLabel = "COLUMN",
            description = "Header name of the longitude column.")
    private String lon;

    @Option(
            names = "--output",
            paramLabel = "FILE.csv",
            description = "Where to write the tagged CSV (standard output if not given).")
    private Path output;

    @Option(
            names = "--zone-column",
            paramLabel = "NAME",
            defaultValue = "zone",
            description = "Name of the appended zone column.")
    private String zoneColumn;

    @Option(
            names = "--reason-column",
            paramLabel = "NAME",
            defaultValue = "zone_reason",
            description =
                    "Name of the appended reason column: empty when tagged, else missing,"
                            + " not_a_number, out_of_range or no_zone.")
    private String reasonColumn;

    @Option(
            names = "--index",
            paramLabel = "grid|strtree|brute",
            defaultValue = "grid",
            description = "Lookup strategy; the result is the same, only speed differs.")
    private TagArguments.Index index;

    @Option(
            names = "--timings",
            description =
                    "Also write to standard error when each phase ended (zones read, index built,"
                            + " input read, output written), in ms since the JVM started.")
    private boolean timings;

    private final OutputStream stdout;
    private final PrintStream stderr;

    /** The command writing to this process's standard output and error. */
    public TagCommand() {
        this(System.out, System.err);
    }

    private TagCommand(OutputStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command.
     *
     * @param stdout receives the tagged CSV when {@code --output} is not given, and the help
     * @param stderr receives the summary, warnings and errors
     * @return the exit status
     */
    public static int run(String[] args, OutputStream stdout, PrintStream stderr) {
        CommandLine cl = Cli.commandLine(new TagCommand(stdout, stderr), System.getenv());
        cl.setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(stderr, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        TagTimings clock = TagTimings.of(timings);
        clock.mark(TagTimings.Mark.MAIN);
        Cli.requireNonBlank(spec);
        if (zoneColumn.equals(reasonColumn)) {
            throw new ParameterException(
                    spec.commandLine(), "--zone-column and --reason-column must differ");
        }
        TagArguments arguments =
                new TagArguments(
                        zones,
                        nameProperty,
                        input,
                        lat,
                        lon,
                        Optional.ofNullable(output),
                        zoneColumn,
                        reasonColumn,
                        index);
        // The zones are read and indexed on a second thread while this one reads the CSV.
        FutureTask<ZoneLayer> layerRead =
                new FutureTask<>(
                        () -> {
                            ZoneLayer layer = readLayer(arguments, stderr);
                            clock.mark(TagTimings.Mark.ZONES_READ);
                            return layer;
                        });
        FutureTask<ZoneLocator> index =
                new FutureTask<>(
                        () -> {
                            ZoneLocator locator =
                                    strategy(arguments.index()).apply(layerRead.get());
                            clock.mark(TagTimings.Mark.INDEX_BUILT);
                            return locator;
                        });
        Thread indexer =
                new Thread(
                        () -> {
                            layerRead.run();
                            index.run();
                        },
                        "zonestat-tag-index");
        indexer.setDaemon(true);
        indexer.start();
        try {
            CsvZoneTagger tagger =
                    new CsvZoneTagger(
                            index,
                            arguments.latColumn(),
                            arguments.lonColumn(),
                            arguments.zoneColumn(),
                            arguments.reasonColumn(),
                            clock);
            TagSummary summary;
            try (InputStream in = Files.newInputStream(arguments.input())) {
                if (arguments.output().isPresent()) {
                    try (OutputStream out = Files.newOutputStream(arguments.output().get())) {
                        summary = tagger.tag(in, out);
                    }
                } else {
                    summary = tagger.tag(in, stdout);
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
                            + layerRead.get().size()
                            + " zones from "
                            + arguments.zones()
                            + "; "
                            + summary.describe());
            clock.mark(TagTimings.Mark.DONE);
            if (timings) {
                stderr.println(clock.describe());
            }
            return OK;
        } catch (IOException | ExecutionException e) {
            // A zones file that cannot be used is the first thing to report, whatever the CSV.
            Throwable cause = zonesFailure(layerRead).orElse(e);
            if (cause instanceof ExecutionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (!(cause instanceof InvalidZoneLayerException || cause instanceof IOException)) {
                throw new IllegalStateException(cause);
            }
            stderr.println("zonestat tag: " + cause.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stderr.println("zonestat tag: interrupted");
            return FAILED;
        }
    }

    /** Why the zones could not be read, once the reading has ended; empty if it succeeded. */
    private static Optional<Throwable> zonesFailure(FutureTask<ZoneLayer> layerRead) {
        try {
            layerRead.get();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
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
            // Coarser cells than the job's: a batch pays for the index once per run. 64 m cells
            // need less than half the exact predicates of 32 m to build (89,000 against 201,000
            // on the 2010 neighborhoods) for the same answers, and the extra exact lookups in
            // their boundary cells cost less than that on a million rows.
            case GRID -> layer -> new GridZoneLocator(layer, BATCH_GRID_CELL_METERS);
            case STRTREE -> StrTreeZoneLocator::new;
            case BRUTE -> BruteForceZoneLocator::new;
        };
    }
}
