package org.zonestat.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.zonestat.config.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The batch tagger against PostGIS, on the same points in the same run: {@code ./zonestat tag} (its
 * launcher {@code geo/bin/tag} with {@code --timings}: a fresh JVM each time, JVM start, reading
 * the zones and building the index included, and where the time went) on a CSV of points resampled
 * with a seed from the real event locations ({@link EventPoints}), tagged with the 278 Baltimore
 * neighborhoods of 2010; then PostgreSQL with PostGIS on the same file and zones: the points copied
 * in, and an {@code ST_Contains} join on a GiST index, one worker, written out as CSV. Writes
 * {@code results/tag.md}.
 *
 * <pre>
 * ./zonestat bench tag [--rows N] [--small-rows N] [--repeats N] [--seed S] [--output FILE]
 * </pre>
 *
 * <p>Not JMH: each measurement is a separate process, as a user runs it.
 */
@Command(
        name = "tag",
        description =
                "./zonestat tag on a million points against PostGIS on the same points;"
                        + " writes a markdown results file.")
public final class TagBenchmark implements Callable<Integer> {
    static final double GOAL_SECONDS = 2.0;
    static final String ZONES =
            "geo/src/main/resources/zonestat/zones/baltimore/baltimore_neighborhoods_2010.geojson";

    /** The launcher {@code ./zonestat tag} runs (JVM options, class-data archive). */
    static final String TAG_LAUNCHER = "geo/bin/tag";

    /** The phases {@code tag --timings} reports, in its words. */
    static final List<String> PHASES =
            List.of(
                    "main entered",
                    "zones read",
                    "index built",
                    "input read and parsed",
                    "writer had the index",
                    "output written",
                    "done");

    @Spec private CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", description = "Rows of the main file.")
    private int rows = 1_000_000;

    @Option(
            names = "--small-rows",
            paramLabel = "N",
            description = "Rows of the second file (peak memory against row count).")
    private int smallRows = 100_000;

    @Option(names = "--repeats", paramLabel = "N", description = "Runs of each tool.")
    private int repeats = 5;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the resampling.")
    private long seed = EventPoints.DEFAULT_SEED;

    @Option(names = "--output", paramLabel = "FILE", description = "The results file.")
    private Path output = Path.of("benchmarks", "results", "tag.md");

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date in the results.")
    private LocalDate date;

    /**
     * One run of a tool: wall seconds, peak resident memory in KiB (0 when unknown), and for
     * ZoneStat the end of each phase in ms since its JVM started ({@code --timings}; -1 if absent).
     */
    record Run(double seconds, long peakKib, long[] phases) {}

    public static void main(String[] args) {
        Cli.main(new TagBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (rows < 1000 || smallRows < 1000 || repeats < 1) {
            throw Cli.invalid(spec, "--rows/--small-rows/--repeats", rows, "at least 1000/1000/1");
        }
        StringBuilder md = new StringBuilder();
        String loadStart = MachineDescription.loadAverage();
        Path work = Files.createTempDirectory("zonestat-tag-bench-");
        PostGis.openToAll(work);
        try {
            Path big = work.resolve("points.csv");
            Path small = work.resolve("points-small.csv");
            writePoints(big, rows);
            writePoints(small, smallRows);
            PostGis.openToAll(work);
            big.toFile().setReadable(true, false);

            // Not timed: the first run after a build makes the launcher's class-data archive.
            tag(small, work.resolve("tagged-small.csv"));
            List<Run> zonestat = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                zonestat.add(tag(big, work.resolve("tagged.csv")));
            }
            Run smallRun = tag(small, work.resolve("tagged-small.csv"));
            String loadAfterZonestat = MachineDescription.loadAverage();

            List<double[]> postgis = new ArrayList<>();
            String version;
            long agree;
            try (PostGis pg = PostGis.start(work)) {
                version = pg.version();
                pg.sql("CREATE EXTENSION postgis");
                pg.sql(
                        "CREATE TABLE zones (idx int, name text, geom geometry(MultiPolygon, 4326))");
                Path inserts = work.resolve("zones.sql");
                Files.writeString(inserts, PostGis.zoneInserts(Path.of(ZONES), "name"));
                inserts.toFile().setReadable(true, false);
                pg.sql("\\i " + inserts);
                pg.sql("CREATE INDEX zones_geom ON zones USING gist (geom); ANALYZE zones");
                for (int i = 0; i < repeats; i++) {
                    Path out = work.resolve("postgis.csv");
                    Files.deleteIfExists(out);
                    double load =
                            pg.sql(
                                            "DROP TABLE IF EXISTS points; CREATE TABLE points (id bigint,"
                                                    + " lat double precision, lon double precision)")
                                    + pg.sql("\\copy points FROM '" + big + "' CSV HEADER");
                    double join =
                            pg.sql(
                                    "\\copy (SELECT p.id, p.lat, p.lon, z.name FROM points p LEFT"
                                            + " JOIN LATERAL (SELECT name FROM zones z WHERE"
                                            + " ST_Contains(z.geom, ST_SetSRID(ST_MakePoint(p.lon,"
                                            + " p.lat), 4326)) ORDER BY z.idx LIMIT 1) z ON true)"
                                            + " TO '"
                                            + out
                                            + "' CSV HEADER");
                    postgis.add(new double[] {load, join});
                }
                agree = agreement(work.resolve("tagged.csv"), work.resolve("postgis.csv"));
            }
            String loadEnd = MachineDescription.loadAverage();
            render(
                    md,
                    zonestat,
                    smallRun,
                    postgis,
                    version,
                    agree,
                    loadStart,
                    loadAfterZonestat,
                    loadEnd);
        } finally {
            PipelineBenchmark.deleteRecursively(work);
        }
        ResultsFile.write(output, md.toString());
        return 0;
    }

    private void writePoints(Path file, int n) throws IOException {
        EventPoints points = EventPoints.sample(EventPoints.dataDir(), n, seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,lat,lon\n");
            for (int i = 0; i < n; i++) {
                w.write(i + "," + points.lats()[i] + "," + points.lons()[i] + "\n");
            }
        }
    }

    /** Runs {@code ./zonestat tag}'s launcher on {@code in}; wall time, peak memory, phases. */
    private static Run tag(Path in, Path out) throws IOException, InterruptedException {
        List<String> cmd =
                List.of(
                        TAG_LAUNCHER,
                        "--zones",
                        ZONES,
                        "--input",
                        in.toString(),
                        "--lat",
                        "lat",
                        "--lon",
                        "lon",
                        "--output",
                        out.toString(),
                        "--timings");
        Path err = Files.createTempFile("zonestat-tag-", ".err");
        long t0 = System.nanoTime();
        // The launcher ends in exec: the pid is the tagging JVM's.
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        long peak = 0;
        Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
        while (!p.waitFor(10, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, peakKib(status));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("zonestat tag failed: " + stderr);
        }
        return new Run(seconds, peak, phases(stderr));
    }

    /** The moments of {@link #PHASES} in a {@code --timings} line; -1 where absent. */
    static long[] phases(String stderr) {
        long[] at = new long[PHASES.size()];
        Arrays.fill(at, -1);
        for (String line : stderr.split("\n")) {
            int colon = line.indexOf("):");
            if (!line.startsWith("zonestat tag: timings") || colon < 0) {
                continue;
            }
            for (String part : line.substring(colon + 2).split(",")) {
                String p = part.trim();
                int space = p.lastIndexOf(' ');
                int k = space < 0 ? -1 : PHASES.indexOf(p.substring(0, space));
                if (k >= 0) {
                    at[k] = Long.parseLong(p.substring(space + 1));
                }
            }
        }
        return at;
    }

    private static long peakKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just ended
        }
        return 0;
    }

    /** Rows where both name the same zone (or none), by id. */
    private static long agreement(Path zonestat, Path postgis) throws IOException {
        List<String> byId = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(zonestat)) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                List<String> f = split(line);
                byId.add(f.get(3));
            }
        }
        long same = 0;
        try (BufferedReader r = Files.newBufferedReader(postgis)) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                List<String> f = split(line);
                int id = Integer.parseInt(f.get(0));
                same += f.size() > 3 && byId.get(id).equals(f.get(3)) ? 1 : 0;
            }
        }
        return same;
    }

    /** Fields of a line with at most simple quoting (zone names with a comma). */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    private void render(
            StringBuilder md,
            List<Run> zonestat,
            Run smallRun,
            List<double[]> postgis,
            String version,
            long agree,
            String loadStart,
            String loadMid,
            String loadEnd) {
        double[] z = zonestat.stream().mapToDouble(Run::seconds).sorted().toArray();
        double[] pgTotal = postgis.stream().mapToDouble(x -> x[0] + x[1]).sorted().toArray();
        double[] pgJoin = postgis.stream().mapToDouble(x -> x[1]).sorted().toArray();
        long peak = zonestat.stream().mapToLong(Run::peakKib).max().orElse(0);
        MachineDescription m = MachineDescription.current();
        md.append("# Tag benchmark: `./zonestat tag` against PostGIS on the same points\n\n");
        md.append("Written by `org.zonestat.benchmarks.TagBenchmark` (`./zonestat bench tag`) on ")
                .append(date != null ? date : LocalDate.now())
                .append(". Explained in `benchmarks/README.md`.\n\n");
        md.append("| measure | goal | measured | |\n|---|---|---|---|\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "| `./zonestat tag`, %,d rows, wall (JVM start and index build included), best of %d"
                                + " | < %.0f s | %.2f s | %s |\n",
                        rows,
                        repeats,
                        GOAL_SECONDS,
                        z[0],
                        z[0] < GOAL_SECONDS ? "**met**" : "**NOT met**"));
        double median = z[z.length / 2];
        md.append(
                String.format(
                        Locale.ROOT,
                        "| the same, median of %d | < %.0f s | %.2f s | %s |\n",
                        repeats,
                        GOAL_SECONDS,
                        median,
                        median < GOAL_SECONDS ? "**met**" : "**NOT met**"));
        md.append(
                String.format(
                        Locale.ROOT,
                        "| peak resident memory, %,d rows against %,d rows | flat | %,d MiB against %,d MiB | %s |\n\n",
                        rows,
                        smallRows,
                        peak / 1024,
                        smallRun.peakKib() / 1024,
                        peak < smallRun.peakKib() * 1.3 ? "**met**" : "**NOT met**"));
        md.append("| tool | runs (s, sorted) | best | rows/s (best) | / ZoneStat |\n");
        md.append("|---|---|---:|---:|---:|\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "| `./zonestat tag` (fresh JVM: start, zones read, grid index built, CSV read, tagged and written) | %s | %.2f s | %,.0f | 1 |\n",
                        list(z),
                        z[0],
                        rows / z[0]));
        md.append(
                String.format(
                        Locale.ROOT,
                        "| PostGIS: copy in + `ST_Contains` join (GiST, one worker) written as CSV | %s | %.2f s | %,.0f | %.1f |\n",
                        list(pgTotal),
                        pgTotal[0],
                        rows / pgTotal[0],
                        pgTotal[0] / z[0]));
        md.append(
                String.format(
                        Locale.ROOT,
                        "| PostGIS: the join alone (points already in a table) | %s | %.2f s | %,.0f | %.1f |\n\n",
                        list(pgJoin),
                        pgJoin[0],
                        rows / pgJoin[0],
                        pgJoin[0] / z[0]));
        phaseTable(md, zonestat);
        md.append(
                String.format(
                        Locale.ROOT,
                        "Rows where both name the same neighborhood (or none): %,d of %,d (%.3f %%);"
                                + " ZoneStat counts a point on a boundary in the first zone that touches it,"
                                + " `ST_Contains` in none.\n\n",
                        agree,
                        rows,
                        100.0 * agree / rows));
        PipelineResultsReport.machine(md, m);
        md.append("| PostgreSQL | ").append(version).append(", PostGIS from Debian |\n");
        md.append("| load average at start, after ZoneStat, at the end | ")
                .append(loadStart)
                .append("; ")
                .append(loadMid)
                .append("; ")
                .append(loadEnd)
                .append(" |\n\n");
        md.append("## Settings\n\n| | |\n|---|---|\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "| points | %,d rows `id,lat,lon`, resampled with seed %d from the real event locations"
                                + " of the three shipped event files; a %,d-row file for the memory row |\n",
                        rows,
                        seed,
                        smallRows));
        md.append("| zones | `").append(ZONES).append("` (278 neighborhoods) |\n");
        md.append("| ZoneStat | `")
                .append(TAG_LAUNCHER)
                .append(" ... --timings`, the launcher `./zonestat tag` runs (`java -Xmx128m")
                .append(" -XX:+UseSerialGC -XX:TieredStopAtLevel=1` with its class-data archive,")
                .append(
                        " made by one untimed run before the timed ones); peak memory is VmHWM |\n");
        md.append(
                "| PostGIS | fresh cluster, fsync off, `max_parallel_workers_per_gather=0`, shared_buffers 256MB;"
                        + " zones repaired with `ST_MakeValid`, GiST index built before timing; lowest zone"
                        + " index wins, as in ZoneStat |\n");
    }

    /**
     * Where each ZoneStat run's time went: the end of each phase in ms since its JVM started, as
     * {@code --timings} reports it; the zones are read and indexed on one thread while the CSV is
     * read on another and written on a third.
     */
    private static void phaseTable(StringBuilder md, List<Run> runs) {
        md.append(
                        "Where the time of each `./zonestat tag` run went (`--timings`: the moment each phase")
                .append(
                        " ended, ms since the JVM started; the zones are read and indexed on one thread")
                .append(
                        " while the CSV is read on a second and tagged and written on a third):\n\n");
        md.append("| run | wall (s) | ").append(String.join(" | ", PHASES)).append(" |\n");
        md.append("|---|---:|").append("---:|".repeat(PHASES.size())).append("\n");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            md.append(String.format(Locale.ROOT, "| %d | %.2f |", i + 1, r.seconds()));
            for (long at : r.phases()) {
                md.append(at < 0 ? " |" : String.format(Locale.ROOT, " %,d |", at));
            }
            md.append("\n");
        }
        md.append("\n");
    }

    private static String list(double[] seconds) {
        return String.join(
                ", ",
                Arrays.stream(seconds)
                        .mapToObj(s -> String.format(Locale.ROOT, "%.2f", s))
                        .toList());
    }
}
