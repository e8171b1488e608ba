package org.zonestat.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server with PostGIS for the tag benchmark: a fresh cluster under a work
 * folder (no fsync, one worker per query, Unix socket only, no TCP), driven through {@code psql}.
 * Run as root it runs the server as the {@code postgres} user, as Debian's packages set it up.
 * Needs Debian's {@code postgresql} and {@code postgis} packages ({@code ./zonestat bench tag}
 * installs them when missing).
 *
 * <p>Not thread-safe; {@link #close} stops the server.
 */
final class PostGis implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final Path socket;
    private final int port;
    private final boolean asPostgresUser;

    private PostGis(Path bin, Path data, Path socket, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.socket = socket;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates and starts a cluster under {@code work} (which every user may write). */
    static PostGis start(Path work) throws IOException, InterruptedException {
        Path bin = serverBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = work.resolve("pgdata");
        Path socket = work.resolve("pgsocket");
        Files.createDirectories(socket);
        openToAll(socket);
        int port = PipelineSetup.freePort();
        PostGis pg = new PostGis(bin, data, socket, port, root);
        pg.run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        "postgres",
                        "--auth=trust",
                        "-E",
                        "UTF8"));
        pg.run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-w",
                        "-l",
                        work.resolve("postgres.log").toString(),
                        "-o",
                        "-p "
                                + port
                                + " -k "
                                + socket
                                + " -c listen_addresses='' -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off"
                                + " -c max_parallel_workers_per_gather=0"
                                + " -c shared_buffers=256MB -c work_mem=64MB",
                        "start"));
        return pg;
    }

    /** Runs SQL (statements or psql meta-commands) and returns its wall time in seconds. */
    double sql(String script) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        run(
                List.of(
                        bin.resolve("psql").toString(),
                        "-X",
                        "-q",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-h",
                        socket.toString(),
                        "-p",
                        String.valueOf(port),
                        "-U",
                        "postgres",
                        "-d",
                        "postgres",
                        "-c",
                        script));
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The server's version line. */
    String version() throws IOException, InterruptedException {
        return runForOutput(List.of(bin.resolve("postgres").toString(), "--version")).trim();
    }

    /**
     * {@code INSERT} statements for the features of a GeoJSON FeatureCollection into {@code
     * zones(idx, name, geom)}, in file order, each geometry repaired as ZoneStat repairs it.
     */
    static String zoneInserts(Path geojson, String nameProperty) throws IOException {
        JsonNode features = new ObjectMapper().readTree(geojson.toFile()).get("features");
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            sql.append("INSERT INTO zones VALUES (")
                    .append(i)
                    .append(", ")
                    .append(quote(f.path("properties").path(nameProperty).asText()))
                    .append(", ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(")
                    .append("ST_GeomFromGeoJSON(")
                    .append(quote(f.get("geometry").toString()))
                    .append("), 4326)), 3)));\n");
        }
        return sql.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-m",
                        "fast",
                        "-w",
                        "stop"));
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        runForOutput(command);
    }

    private String runForOutput(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = Files.createTempFile("zonestat-psql-", ".log");
        try {
            Process p =
                    new ProcessBuilder(full)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(
                        String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Debian's server binaries, newest version first. */
    private static Path serverBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path found =
                        versions.map(v -> v.resolve("bin"))
                                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                                .max(
                                        Comparator.comparingInt(
                                                b -> versionOf(b.getParent().getFileName())))
                                .orElse(null);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new IOException(
                "PostgreSQL is not installed (Debian: apt-get install postgresql postgis);"
                        + " ./zonestat bench tag installs it");
    }

    private static int versionOf(Path name) {
        try {
            return Integer.parseInt(name.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void openToAll(Path dir) throws IOException {
        Files.setPosixFilePermissions(
                dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    }
}
