package org.zonestat.sim.knox;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.zonestat.config.Cli;
import org.zonestat.geo.stats.KnoxNearRepeatAnalysis;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.mapping.FeedMapping;
import org.zonestat.sim.mapping.InvalidInputException;
import org.zonestat.sim.mapping.RecordSink;
import org.zonestat.sim.mapping.Rejection;
import org.zonestat.topics.RawIncident;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./zonestat knox}: the Knox near-repeat test ({@link KnoxNearRepeatAnalysis}) on any
 * incident file read through a mapping, printed as a table of distance bands × time bands with the
 * observed pairs, the pairs expected when times are shuffled among the incidents (seeded Monte
 * Carlo), their ratio and the p-value, and the near-repeat radius and window the table supports: so
 * a city can choose its near-repeat settings from its own data.
 *
 * <p>Exit codes: 0 printed, 1 unreadable input or mapping, 2 bad flags. Not thread-safe: one
 * instance runs one command line.
 */
@Command(
        name = "knox",
        description =
                "Runs the Knox near-repeat test on an incident file and prints the table: distance"
                        + " bands x time bands, observed and expected pairs, ratio, Monte Carlo"
                        + " p-value.")
public final class KnoxCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int BAD_INPUT = 1;

    /** The default bands: 100 m to 1.6 km, and one to eight weeks. */
    public static final String DEFAULT_BANDS = "100,200,400,800,1600:7,14,21,28,56";

    @Spec private CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "The incident file (CSV, any layout a mapping describes).")
    private Path input;

    @Option(
            names = "--mapping",
            required = true,
            paramLabel = "FILE|NAME",
            description =
                    "An incidents mapping .properties file, or a shipped mapping's name (an"
                            + " unknown name is refused with the list).")
    private String mappingName;

    @Option(
            names = "--bands",
            paramLabel = "METERS:DAYS",
            description =
                    "Upper edges of the distance bands (meters) and time bands (days), e.g."
                            + " 100,200,400:7,14,28; bands are [0,e1), [e1,e2), ...")
    private String bands = DEFAULT_BANDS;

    @Option(
            names = "--kinds",
            paramLabel = "KIND[,KIND...]",
            split = ",",
            defaultValue = "SHOOTING,HOMICIDE",
            description = "The incident kinds tested.")
    private List<String> kinds;

    @Option(
            names = "--permutations",
            paramLabel = "N",
            description = "Monte Carlo permutations (99 gives p down to 0.01, 999 to 0.001).")
    private int permutations = 99;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the permutations: the same seed gives the same table.")
    private long seed = 1;

    @Option(
            names = "--alpha",
            paramLabel = "P",
            description = "Significance level for the near-repeat extent read off the table.")
    private double alpha = 0.05;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    public static void main(String[] args) {
        System.exit(new KnoxCommand().run(args, System.out, System.err));
    }

    /** Runs a command line with the given streams; returns its exit code. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        KnoxCommand command = new KnoxCommand();
        command.out = out;
        command.err = err;
        CommandLine cl = Cli.commandLine(command, System.getenv());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        Cli.requireNonBlank(spec);
        KnoxNearRepeatAnalysis.Bands edges;
        try {
            edges = KnoxNearRepeatAnalysis.Bands.parse(bands);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--bands': "
                            + e.getMessage()
                            + ", was '"
                            + bands
                            + "'");
        }
        if (permutations < 1 || permutations > 9999) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--permutations': 1..9999, was " + permutations);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "Invalid value for option '--alpha': (0, 1), was " + alpha);
        }
        FeedMapping mapping;
        try {
            mapping = FeedMapping.resolve(mappingName);
        } catch (InvalidInputException e) {
            err.println("knox: " + e.getMessage());
            return BAD_INPUT;
        }
        if (mapping.feed() != Feed.INCIDENTS) {
            err.println("knox: mapping " + mapping.name() + " is not an incidents mapping");
            return BAD_INPUT;
        }
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            err.println("knox: cannot read input file " + input);
            return BAD_INPUT;
        }
        Incidents incidents;
        try (InputStream in = Files.newInputStream(input)) {
            incidents =
                    Incidents.read(mapping, in, input.getFileName().toString(), Set.copyOf(kinds));
        } catch (InvalidInputException e) {
            err.println("knox: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("knox: cannot read input file " + input + ": " + e.getMessage());
            return BAD_INPUT;
        }
        if (incidents.size() < 2) {
            err.println(
                    "knox: fewer than 2 incidents of " + kinds + " with a location in " + input);
            return BAD_INPUT;
        }
        long started = System.nanoTime();
        KnoxNearRepeatAnalysis.Result result =
                new KnoxNearRepeatAnalysis(edges, permutations, seed)
                        .run(incidents.lons(), incidents.lats(), incidents.days());
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(
                Locale.ROOT,
                "Knox near-repeat test: %s (mapping %s), %,d incidents of %s from %s to %s%s%n",
                input.getFileName(),
                mapping.name(),
                incidents.size(),
                String.join(", ", kinds),
                incidents.first(mapping.zone()),
                incidents.last(mapping.zone()),
                incidents.skipped() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " (%,d rows left out: no location, another kind, unreadable)",
                                incidents.skipped()));
        out.print(KnoxTable.format(result, alpha));
        out.printf(
                Locale.ROOT, "(%d permutations, seed %d, %.1f s)%n", permutations, seed, seconds);
        return OK;
    }

    /** The incidents of the tested kinds with a location, as the test takes them. */
    record Incidents(
            double[] lons,
            double[] lats,
            double[] days,
            Instant firstAt,
            Instant lastAt,
            long skipped) {
        int size() {
            return lons.length;
        }

        LocalDate first(ZoneId zone) {
            return firstAt.atZone(zone).toLocalDate();
        }

        LocalDate last(ZoneId zone) {
            return lastAt.atZone(zone).toLocalDate();
        }

        static Incidents read(FeedMapping mapping, InputStream in, String name, Set<String> kinds) {
            List<RawIncident> kept = new ArrayList<>();
            long[] skipped = {0};
            mapping.adapter()
                    .read(
                            in,
                            name,
                            new RecordSink() {
                                @Override
                                public void accepted(List<RawEvent> records) {
                                    for (RawEvent r : records) {
                                        if (r.record() instanceof RawIncident i
                                                && i.lat() != null
                                                && i.lon() != null
                                                && !(i.lat() == 0 && i.lon() == 0)
                                                && kinds.contains(i.kind())) {
                                            kept.add(i);
                                        } else {
                                            skipped[0]++;
                                        }
                                    }
                                }

                                @Override
                                public void rejected(Rejection rejection) {
                                    skipped[0]++;
                                }
                            });
            int n = kept.size();
            double[] lons = new double[n];
            double[] lats = new double[n];
            double[] days = new double[n];
            Instant first = Instant.MAX;
            Instant last = Instant.MIN;
            for (int i = 0; i < n; i++) {
                RawIncident r = kept.get(i);
                lons[i] = r.lon();
                lats[i] = r.lat();
                days[i] = r.occurredAt().getEpochSecond() / 86_400.0;
                first = r.occurredAt().isBefore(first) ? r.occurredAt() : first;
                last = r.occurredAt().isAfter(last) ? r.occurredAt() : last;
            }
            return new Incidents(lons, lats, days, first, last, skipped[0]);
        }
    }
}
