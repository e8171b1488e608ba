package org.zonestat.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./zonestat cluster up|status|down|savepoint|submit}: the local multi-process cluster
 * ({@link LocalCluster}) from the command line. Only parses flags and calls {@link LocalCluster}.
 */
public final class ClusterCommand {
    static final String USAGE =
            String.join(
                    "\n",
                    "usage: ./zonestat cluster <up|status|down|restart ROLE|savepoint|submit> [flags]",
                    "  up         start 3 Kafka brokers (KRaft), a Flink JobManager and 2 TaskManagers, submit the",
                    "             job, start the console; prints the status",
                    "             --console-port N (default 7070) --checkpoint-interval-seconds N (default 10)",
                    "             --slots N slots per TaskManager (default 2) --parallelism N (default 2)",
                    "  status     each process with its pid, role and port; the job's state",
                    "  down       stop every process of the cluster (data stays in the folder)",
                    "  restart ROLE  start a stopped process again (kafka-2, taskmanager-1, ...; see status)",
                    "  savepoint  stop the job with a savepoint; prints its path",
                    "  submit     upload the (rebuilt) job jar and run it: --from-savepoint PATH restores state",
                    "  every command: --dir DIR (default var/cluster), --job-jar FILE, --app-classpath-file FILE,",
                    "  --flink-classpath-file FILE (defaults: this checkout's build outputs)");
    private static final Set<String> VALUE_FLAGS =
            Set.of(
                    "--dir",
                    "--job-jar",
                    "--app-classpath-file",
                    "--flink-classpath-file",
                    "--console-port",
                    "--checkpoint-interval-seconds",
                    "--slots",
                    "--parallelism",
                    "--from-savepoint");

    private ClusterCommand() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.println(USAGE);
            return;
        }
        Map<String, String> flags;
        try {
            flags = parseFlags(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path dir = Path.of(flags.getOrDefault("--dir", "var/cluster")).toAbsolutePath();
        try {
            switch (args[0]) {
                case "up" -> {
                    LocalCluster c = LocalCluster.up(settings(dir, flags));
                    System.out.print(c.status());
                    System.out.println("console tokens: " + dir.resolve("tokens.properties"));
                    System.out.println("logs: " + dir.resolve("logs"));
                }
                case "status" -> System.out.print(LocalCluster.load(dir).status());
                case "down" -> {
                    LocalCluster c = LocalCluster.load(dir);
                    c.down(Duration.ofSeconds(15));
                    System.out.print(c.status());
                }
                case "restart" -> {
                    ClusterProcess p = LocalCluster.load(dir).restart(flags.get("role"));
                    System.out.println(p.role() + " started again, pid " + p.pid());
                }
                case "savepoint" -> System.out.println(LocalCluster.load(dir).savepoint());
                case "submit" -> {
                    LocalCluster c = LocalCluster.load(dir);
                    LocalCluster.Settings s = settings(dir, flags);
                    String job =
                            c.submit(
                                    s.jobJar(),
                                    s.parallelism(),
                                    s.jobArgs(),
                                    flags.get("--from-savepoint"));
                    System.out.println(
                            "job "
                                    + job
                                    + " running"
                                    + (flags.containsKey("--from-savepoint")
                                            ? ", restored from " + flags.get("--from-savepoint")
                                            : ""));
                }
                default -> {
                    System.err.println("error: unknown cluster command '" + args[0] + "'");
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("zonestat cluster " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static LocalCluster.Settings settings(Path dir, Map<String, String> f) {
        List<String> jobArgs =
                new ArrayList<>(
                        List.of(
                                "--checkpoint-interval-seconds",
                                f.getOrDefault("--checkpoint-interval-seconds", "10")));
        return new LocalCluster.Settings(
                dir,
                f.containsKey("--job-jar")
                        ? Path.of(f.get("--job-jar"))
                        : builtJobJar(Path.of("stream-jobs/target")),
                readClasspath(
                        f.getOrDefault(
                                "--app-classpath-file", "deploy/cluster/target/classpath.txt")),
                readClasspath(
                        f.getOrDefault(
                                "--flink-classpath-file",
                                "deploy/cluster/target/flink-classpath.txt")),
                intFlag(f, "--slots", 2),
                intFlag(f, "--parallelism", 2),
                2,
                intFlag(f, "--console-port", 7070),
                jobArgs);
    }

    /**
     * The job jar {@code mvn package} built in the folder ({@code
     * zonestat-stream-jobs-VERSION-job.jar}).
     */
    static Path builtJobJar(Path target) {
        try (java.util.stream.Stream<Path> files = Files.list(target)) {
            List<Path> jars =
                    files.filter(
                                    p ->
                                            p.getFileName()
                                                    .toString()
                                                    .matches("zonestat-stream-jobs-.*-job\\.jar"))
                            .toList();
            if (jars.size() != 1) {
                throw new IllegalStateException(
                        "expected one zonestat-stream-jobs-*-job.jar in "
                                + target.toAbsolutePath()
                                + ", found "
                                + jars
                                + "; build it with mvn package or pass --job-jar");
            }
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot list "
                            + target.toAbsolutePath()
                            + " for the job jar (build it with mvn package or pass --job-jar)",
                    e);
        }
    }

    /** Reads a class path file that Maven's {@code dependency:build-classpath} wrote. */
    static String readClasspath(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the class path file "
                            + file
                            + " (mvn -pl deploy/cluster -am package writes it)",
                    e);
        }
    }

    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        int first = 1;
        if (args[0].equals("restart")) {
            if (args.length < 2 || args[1].startsWith("--")) {
                throw new IllegalArgumentException(
                        "restart needs a role, e.g. restart taskmanager-1");
            }
            flags.put("role", args[1]);
            first = 2;
        }
        for (int i = first; i < args.length; i++) {
            if (!VALUE_FLAGS.contains(args[i])) {
                throw new IllegalArgumentException("unknown flag " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            flags.put(args[i], args[++i]);
        }
        return flags;
    }

    private static int intFlag(Map<String, String> f, String name, int fallback) {
        String v = f.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got '" + v + "'");
        }
    }
}
