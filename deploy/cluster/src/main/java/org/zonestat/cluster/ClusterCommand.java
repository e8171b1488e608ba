package org.zonestat.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.zonestat.config.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./zonestat cluster up|status|down|restart|savepoint|submit}: the local multi-process
 * cluster ({@link LocalCluster}) from the command line. Picocli commands that only parse flags and
 * call {@link LocalCluster}; a failure prints {@code zonestat cluster <command>: <reason>} and
 * exits with 1, bad flags exit with 2.
 */
@Command(
        name = "cluster",
        description =
                "A real cluster on this machine: 3 Kafka brokers (KRaft), a Flink JobManager and"
                        + " 2 TaskManagers, the job and the console.",
        subcommands = {
            ClusterCommand.Up.class,
            ClusterCommand.Status.class,
            ClusterCommand.Down.class,
            ClusterCommand.Restart.class,
            ClusterCommand.Savepoint.class,
            ClusterCommand.Submit.class
        })
public final class ClusterCommand {
    /** Exit code when the cluster could not do what was asked. */
    static final int FAILED = 1;

    public static void main(String[] args) {
        Cli.main(new ClusterCommand(), args);
    }

    /** {@code --dir}: every subcommand's cluster folder. */
    static final class DirOption {
        @Option(
                names = "--dir",
                paramLabel = "DIR",
                description = "The cluster's folder: its state, logs and data.")
        private Path dir = Path.of("var", "cluster");

        Path dir() {
            return dir.toAbsolutePath();
        }
    }

    /** {@code --job-jar}: the job jar to run. */
    static final class JobJarOption {
        @Option(
                names = "--job-jar",
                paramLabel = "FILE",
                description =
                        "The job jar (default: the one mvn package built in stream-jobs/target).")
        private Path jobJar;

        Path jobJar() {
            return jobJar != null ? jobJar : builtJobJar(Path.of("stream-jobs", "target"));
        }
    }

    /** The job's flags that {@code up} and {@code submit} take. */
    static final class JobOptions {
        @Option(names = "--parallelism", paramLabel = "N", description = "The job's parallelism.")
        private int parallelism = 2;

        @Option(
                names = "--checkpoint-interval-seconds",
                paramLabel = "N",
                description = "The job's checkpoint interval.")
        private long checkpointIntervalSeconds = 10;

        List<String> jobArgs() {
            return List.of(
                    "--checkpoint-interval-seconds", String.valueOf(checkpointIntervalSeconds));
        }
    }

    /** A subcommand's work; a runtime failure is reported in one line. */
    private abstract static class Step implements Callable<Integer> {
        @Spec private CommandSpec spec;

        @Override
        public final Integer call() throws InterruptedException {
            try {
                run();
                return 0;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                return FAILED;
            }
        }

        abstract void run() throws InterruptedException;
    }

    @Command(
            name = "up",
            description =
                    "Starts 3 Kafka brokers, a Flink JobManager and 2 TaskManagers, submits the"
                            + " job, starts the console; prints the status.")
    static final class Up extends Step {
        @Mixin private DirOption dir;
        @Mixin private JobJarOption jar;
        @Mixin private JobOptions job;

        @Option(
                names = "--app-classpath-file",
                paramLabel = "FILE",
                description = "Class path of the brokers and the console (mvn package writes it).")
        private String appClasspathFile = "deploy/cluster/target/classpath.txt";

        @Option(
                names = "--flink-classpath-file",
                paramLabel = "FILE",
                description =
                        "Class path of the JobManager and the TaskManagers (mvn package writes"
                                + " it).")
        private String flinkClasspathFile = "deploy/cluster/target/flink-classpath.txt";

        @Option(
                names = "--console-port",
                paramLabel = "N",
                description = "The console's HTTP port, 0 for a free one.")
        private int consolePort = 7070;

        @Option(names = "--slots", paramLabel = "N", description = "Slots per TaskManager.")
        private int slots = 2;

        @Override
        void run() throws InterruptedException {
            LocalCluster c =
                    LocalCluster.up(
                            new LocalCluster.Settings(
                                    dir.dir(),
                                    jar.jobJar(),
                                    readClasspath(appClasspathFile),
                                    readClasspath(flinkClasspathFile),
                                    slots,
                                    job.parallelism,
                                    2,
                                    consolePort,
                                    job.jobArgs()));
            System.out.print(c.status());
            System.out.println("console tokens: " + dir.dir().resolve("tokens.properties"));
            System.out.println("logs: " + dir.dir().resolve("logs"));
        }
    }

    @Command(
            name = "status",
            description = "Each process with its pid, role and port; the job's state.")
    static final class Status extends Step {
        @Mixin private DirOption dir;

        @Override
        void run() {
            System.out.print(LocalCluster.load(dir.dir()).status());
        }
    }

    @Command(
            name = "down",
            description = "Stops every process of the cluster (the data stays in the folder).")
    static final class Down extends Step {
        @Mixin private DirOption dir;

        @Override
        void run() {
            LocalCluster c = LocalCluster.load(dir.dir());
            c.down(Duration.ofSeconds(15));
            System.out.print(c.status());
        }
    }

    @Command(name = "restart", description = "Starts a stopped process again.")
    static final class Restart extends Step {
        @Mixin private DirOption dir;

        @Parameters(
                paramLabel = "ROLE",
                description =
                        "The process to start again: kafka-2, taskmanager-1, ... (see status).")
        private String role;

        @Override
        void run() {
            ClusterProcess p = LocalCluster.load(dir.dir()).restart(role);
            System.out.println(p.role() + " started again, pid " + p.pid());
        }
    }

    @Command(name = "savepoint", description = "Stops the job with a savepoint; prints its path.")
    static final class Savepoint extends Step {
        @Mixin private DirOption dir;

        @Override
        void run() throws InterruptedException {
            System.out.println(LocalCluster.load(dir.dir()).savepoint());
        }
    }

    @Command(
            name = "submit",
            description = "Uploads the (rebuilt) job jar and runs it, from a savepoint if given.")
    static final class Submit extends Step {
        @Mixin private DirOption dir;
        @Mixin private JobJarOption jar;
        @Mixin private JobOptions job;

        @Option(
                names = "--from-savepoint",
                paramLabel = "PATH",
                description = "The savepoint to restore the job's state from.")
        private String savepoint;

        @Override
        void run() throws InterruptedException {
            LocalCluster c = LocalCluster.load(dir.dir());
            String id = c.submit(jar.jobJar(), job.parallelism, job.jobArgs(), savepoint);
            System.out.println(
                    "job "
                            + id
                            + " running"
                            + (savepoint != null ? ", restored from " + savepoint : ""));
        }
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
}
