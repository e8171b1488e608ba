package org.zonestat.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.zonestat.jobs.JobConfig;
import org.zonestat.topics.Topics;

/**
 * A ZoneStat cluster made of separate JVMs on loopback: three Kafka brokers in KRaft mode (each a
 * combined broker and controller, static voters), a Flink standalone session cluster (one
 * JobManager, two TaskManagers) assembled from Flink's registry artifacts, the zone-tagging job
 * submitted as its unchanged job jar, and the ops console.
 *
 * <p>Everything lives under one folder: {@code conf/} (Flink's {@code config.yaml}, the brokers'
 * {@code serverN.properties}, log4j), {@code kafka-N/} (broker data), {@code checkpoints/} and
 * {@code savepoints/} (file:// URIs both TaskManagers and the JobManager read), {@code
 * logs/ROLE.log} and {@code cluster.properties}, the state file: each process's pid, role and port,
 * the bootstrap servers, the REST and console URLs and the job id, so {@link #load} in a new
 * process can report and stop it. Every JVM carries {@code -Dzonestat.cluster.dir=<folder>} and its
 * role on its command line; {@link #down} only stops processes whose command line still says so.
 *
 * <p>Not thread-safe: one command at a time per folder.
 */
public final class LocalCluster {
    /** The system property naming each JVM's role. */
    static final String ROLE_PROPERTY = "-Dzonestat.cluster.role";

    static final String DIR_PROPERTY = "-Dzonestat.cluster.dir";
    public static final String ENTRY_CLASS = "org.zonestat.jobs.ZoneTaggingJob";
    static final List<String> ADD_OPENS =
            List.of(
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED");
    static final int BROKERS = 3;
    static final int TASK_MANAGERS = 2;
    static final String STATE_FILE = "cluster.properties";

    /**
     * How to lay out and start a cluster.
     *
     * @param dir the cluster folder
     * @param jobJar stream-jobs' shaded job jar
     * @param appClasspath class path of the brokers and the console (Kafka, our modules)
     * @param flinkClasspath class path of the JobManager and TaskManagers (Flink only)
     * @param slotsPerTaskManager slots of each TaskManager; with the job's parallelism or more, the
     *     survivor can run the whole job when one TaskManager dies
     * @param parallelism the job's parallelism
     * @param partitions partitions of every stream topic
     * @param consolePort the console's HTTP port, 0 for a free one
     * @param jobArgs flags passed to the job besides {@code --bootstrap}
     */
    public record Settings(
            Path dir,
            Path jobJar,
            String appClasspath,
            String flinkClasspath,
            int slotsPerTaskManager,
            int parallelism,
            int partitions,
            int consolePort,
            List<String> jobArgs) {
        public Settings {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(jobJar, "jobJar");
            Objects.requireNonNull(appClasspath, "appClasspath");
            Objects.requireNonNull(flinkClasspath, "flinkClasspath");
            jobArgs = List.copyOf(jobArgs);
            if (slotsPerTaskManager < 1 || parallelism < 1 || partitions < 1) {
                throw new IllegalArgumentException(
                        "slots, parallelism and partitions must be >= 1, were "
                                + slotsPerTaskManager
                                + ", "
                                + parallelism
                                + ", "
                                + partitions);
            }
        }
    }

    private final Path dir;
    private final Properties state;

    private LocalCluster(Path dir, Properties state) {
        this.dir = dir;
        this.state = state;
    }

    /** The cluster whose state file is in the folder. */
    public static LocalCluster load(Path dir) {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException(
                    "no cluster in "
                            + dir.toAbsolutePath()
                            + ": "
                            + STATE_FILE
                            + " is missing (start one with ./zonestat cluster up)");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new LocalCluster(dir, p);
    }

    /**
     * Lays out the folder, starts the brokers, creates the topics (replication factor 3,
     * min.insync.replicas 2), starts the JobManager and TaskManagers, submits the job and starts
     * the console; waits for each to be ready. On failure stops what it started.
     */
    public static LocalCluster up(Settings s) throws InterruptedException {
        Path dir = s.dir().toAbsolutePath();
        if (Files.exists(dir.resolve(STATE_FILE))
                && load(dir).processes().stream().anyMatch(p -> p.alive(marker(dir)))) {
            throw new IllegalStateException(
                    "a cluster is already running in " + dir + " (./zonestat cluster status)");
        }
        if (!Files.isRegularFile(s.jobJar())) {
            throw new IllegalArgumentException(
                    "job jar " + s.jobJar() + " does not exist: build it with mvn package");
        }
        LocalCluster c = new LocalCluster(dir, new Properties());
        try {
            c.start(s);
            return c;
        } catch (RuntimeException | InterruptedException e) {
            c.down(Duration.ofSeconds(5));
            throw e;
        }
    }

    private void start(Settings s) throws InterruptedException {
        mkdirs(dir);
        try {
            // The brokers' logs hold tips and every feed's records: the owner's only.
            if (Files.getFileStore(dir)
                    .supportsFileAttributeView(
                            java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(
                        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + dir + " to its owner", e);
        }
        mkdirs(
                dir.resolve("conf"),
                dir.resolve("logs"),
                dir.resolve("checkpoints"),
                dir.resolve("savepoints"));
        copyResource("zonestat-cluster-log4j2.properties", dir.resolve("conf/log4j2.properties"));

        // Kafka: three combined broker+controller nodes with static voters.
        int[] clientPorts = new int[BROKERS];
        int[] controllerPorts = new int[BROKERS];
        for (int i = 0; i < BROKERS; i++) {
            clientPorts[i] = freePort();
            controllerPorts[i] = freePort();
        }
        String voters =
                java.util.stream.IntStream.range(0, BROKERS)
                        .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i])
                        .collect(Collectors.joining(","));
        String bootstrap =
                java.util.stream.IntStream.range(0, BROKERS)
                        .mapToObj(i -> "127.0.0.1:" + clientPorts[i])
                        .collect(Collectors.joining(","));
        state.setProperty("kafka.bootstrap", bootstrap);
        String clusterId = formatStorage(dir, BROKERS);
        for (int i = 0; i < BROKERS; i++) {
            int node = i + 1;
            Path data = dir.resolve("kafka-" + node);
            Path props = dir.resolve("conf/server" + node + ".properties");
            writeProperties(
                    props,
                    brokerProperties(node, clientPorts[i], controllerPorts[i], voters, data));
            launch(
                    "kafka-" + node,
                    clientPorts[i],
                    s.appClasspath(),
                    List.of("-Xmx512m"),
                    "kafka.Kafka",
                    List.of(props.toString()));
        }

        // Flink: JobManager, then TaskManagers with the memory flags Flink computes for them.
        int rpcPort = freePort();
        int restPort = freePort();
        writeString(dir.resolve("conf/config.yaml"), flinkConfig(s, rpcPort, restPort));
        state.setProperty("flink.rest", "http://127.0.0.1:" + restPort);
        launch(
                "jobmanager",
                restPort,
                s.flinkClasspath(),
                List.of("-Xmx768m"),
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                List.of("--configDir", dir.resolve("conf").toString()));
        TaskManagerParams tm = taskManagerParams(s.flinkClasspath());
        for (int i = 1; i <= TASK_MANAGERS; i++) {
            startTaskManager(i, s.flinkClasspath(), tm);
        }

        awaitBrokers(bootstrap, Duration.ofMinutes(2));
        createTopics(bootstrap, s.partitions());
        awaitTaskManagers(Duration.ofMinutes(2));

        // The console, its own JVM against the brokers.
        int consolePort = s.consolePort() == 0 ? freePort() : s.consolePort();
        ClusterProcess console =
                launch(
                        "console",
                        consolePort,
                        s.appClasspath(),
                        List.of("-Xmx512m"),
                        "org.zonestat.console.OpsConsoleMain",
                        List.of(
                                "--bootstrap",
                                bootstrap,
                                "--port",
                                String.valueOf(consolePort),
                                "--tokens",
                                dir.resolve("tokens.properties").toString(),
                                "--flink-rest",
                                state.getProperty("flink.rest")));
        state.setProperty("console.url", "http://127.0.0.1:" + consolePort + "/");
        save();

        submit(s.jobJar(), s.parallelism(), s.jobArgs(), null);
        awaitUntil(
                "the console's /api/health answers",
                Duration.ofMinutes(1),
                () -> {
                    requireAlive(console);
                    return consoleHealthy();
                });
    }

    /**
     * Throws, with the last unindented lines of its log, when {@code process} has exited: a process
     * that cannot start is said at once, not after a timeout.
     */
    private void requireAlive(ClusterProcess process) {
        if (ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        Path log = dir.resolve("logs/" + process.role() + ".log");
        String tail;
        try {
            // Messages and exceptions start a line; usage text and stack frames are indented.
            List<String> lines =
                    Files.readAllLines(log).stream()
                            .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                            .toList();
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            tail = "(its log " + log + " cannot be read: " + e + ")";
        }
        throw new IllegalStateException(
                "the " + process.role() + " exited; the end of " + log + ":\n" + tail);
    }

    /**
     * Uploads the job jar and runs it ({@code --bootstrap} set to this cluster's brokers),
     * restoring a savepoint if one is given; waits for every task to run and records the job id.
     */
    public String submit(Path jobJar, int parallelism, List<String> jobArgs, String savepointPath)
            throws InterruptedException {
        FlinkRest rest = rest();
        String jarId = rest.uploadJar(jobJar);
        List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrapServers()));
        args.addAll(jobArgs);
        String jobId = rest.runJar(jarId, ENTRY_CLASS, args, parallelism, savepointPath);
        state.setProperty("job.id", jobId);
        state.setProperty("job.parallelism", String.valueOf(parallelism));
        state.setProperty("job.args", String.join(" ", jobArgs));
        save();
        awaitUntil(
                "job " + jobId + " runs every task",
                Duration.ofMinutes(2),
                () -> rest.fullyRunning(jobId));
        return jobId;
    }

    /** Stops the running job with a savepoint under {@code savepoints/}; returns its path. */
    public String savepoint() throws InterruptedException {
        String jobId = jobId();
        String path =
                rest().stopWithSavepoint(
                                jobId,
                                dir.resolve("savepoints").toUri().toString(),
                                Duration.ofMinutes(2));
        state.setProperty("savepoint.latest", path);
        save();
        return path;
    }

    /**
     * Starts a stopped process again with the command line it was first started with (a broker
     * keeps its data; a TaskManager registers again under its resource id); returns it.
     */
    public ClusterProcess restart(String role) {
        ClusterProcess old = process(role);
        if (alive(old)) {
            throw new IllegalStateException(role + " (pid " + old.pid() + ") is still running");
        }
        Path file = dir.resolve("conf/" + role + ".command");
        List<String> cmd;
        try {
            cmd = Files.readAllLines(file).stream().filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the command line of " + role + " from " + file, e);
        }
        return start(role, old.port(), cmd, dir.resolve("logs/" + role + ".log"));
    }

    /** Waits until Flink sees both TaskManagers and Kafka all three brokers. */
    public void awaitWhole(Duration timeout) throws InterruptedException {
        awaitBrokers(bootstrapServers(), timeout);
        awaitTaskManagers(timeout);
    }

    /** Every process the state file names, in start order. */
    public List<ClusterProcess> processes() {
        List<ClusterProcess> out = new ArrayList<>();
        for (String role : state.getProperty("roles", "").split(",")) {
            if (!role.isEmpty()) {
                out.add(process(role));
            }
        }
        return out;
    }

    public ClusterProcess process(String role) {
        String pid = state.getProperty("process." + role + ".pid");
        if (pid == null) {
            throw new IllegalArgumentException("no process with role " + role + " in " + dir);
        }
        return new ClusterProcess(
                role,
                Long.parseLong(pid),
                Integer.parseInt(state.getProperty("process." + role + ".port", "0")));
    }

    /** Whether the process of that role is still the running JVM this cluster started. */
    public boolean alive(ClusterProcess p) {
        return p.alive(marker(dir));
    }

    /** Kills the process of a role at once (SIGKILL, as {@code kill -9}); returns it. */
    public ClusterProcess kill(String role) {
        ClusterProcess p = process(role);
        ProcessHandle h =
                p.handle(marker(dir))
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                role + " (pid " + p.pid() + ") is not running"));
        h.destroyForcibly();
        h.onExit().join();
        return p;
    }

    /**
     * Stops every process: console, TaskManagers, JobManager, brokers; each gets a graceful stop
     * first and is killed (with its descendants) if it is still running after the grace period.
     */
    public void down(Duration grace) {
        List<ClusterProcess> ps = new ArrayList<>(processes());
        java.util.Collections.reverse(ps);
        List<ProcessHandle> handles = new ArrayList<>();
        for (ClusterProcess p : ps) {
            p.handle(marker(dir))
                    .ifPresent(
                            h -> {
                                h.descendants().forEach(ProcessHandle::destroy);
                                h.destroy();
                                handles.add(h);
                            });
        }
        for (ProcessHandle h : handles) {
            try {
                h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception stillRunning) {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
                h.onExit().join();
            }
        }
    }

    public Path dir() {
        return dir;
    }

    public String bootstrapServers() {
        return required("kafka.bootstrap");
    }

    public FlinkRest rest() {
        return new FlinkRest(URI.create(required("flink.rest")));
    }

    public URI consoleUrl() {
        return URI.create(required("console.url"));
    }

    public String jobId() {
        return required("job.id");
    }

    /** A line per process (role, pid, port, running or not) and the job's state. */
    public String status() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-14s %8s %6s  %s%n", "role", "pid", "port", "state"));
        for (ClusterProcess p : processes()) {
            b.append(
                    String.format(
                            "%-14s %8d %6d  %s%n",
                            p.role(), p.pid(), p.port(), alive(p) ? "running" : "stopped"));
        }
        b.append("kafka bootstrap: ").append(bootstrapServers()).append('\n');
        b.append("flink REST:      ").append(required("flink.rest")).append('\n');
        b.append("console:         ").append(state.getProperty("console.url", "-")).append('\n');
        String job = state.getProperty("job.id");
        if (job != null) {
            String jobState =
                    alive(process("jobmanager"))
                            ? jobState(job)
                            : "unknown (the JobManager is stopped)";
            b.append("job:             ").append(job).append(' ').append(jobState).append('\n');
        }
        String sp = state.getProperty("savepoint.latest");
        if (sp != null) {
            b.append("last savepoint:  ").append(sp).append('\n');
        }
        return b.toString();
    }

    private String jobState(String jobId) {
        try {
            return rest().job(jobId).path("state").asText();
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Whether the console answers {@code GET /api/health} with 200. */
    public boolean consoleHealthy() {
        try {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(consoleUrl().resolve("/api/health"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Options every ZoneStat topic on this cluster gets on top of its own. */
    static Map<String, String> replicatedTopicConfig() {
        return Map.of("min.insync.replicas", "2");
    }

    private void createTopics(String bootstrap, int partitions) throws InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        for (NewTopic t : Topics.defaults().newTopics(partitions, (short) BROKERS)) {
            Map<String, String> configs = new HashMap<>(t.configs());
            configs.putAll(replicatedTopicConfig());
            topics.add(
                    new NewTopic(t.name(), t.numPartitions(), t.replicationFactor())
                            .configs(configs));
        }
        List<String> names = topics.stream().map(NewTopic::name).toList();
        try (Admin admin = admin(bootstrap)) {
            // After down and up again the topics are there with their data: create the missing.
            java.util.Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            admin.createTopics(topics.stream().filter(t -> !existing.contains(t.name())).toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
            awaitUntil(
                    "every partition of " + names + " has a leader and 3 in-sync replicas",
                    Duration.ofMinutes(1),
                    () -> {
                        try {
                            for (TopicDescription d :
                                    admin.describeTopics(names)
                                            .allTopicNames()
                                            .get(10, TimeUnit.SECONDS)
                                            .values()) {
                                if (d.partitions().stream()
                                        .anyMatch(
                                                p ->
                                                        p.leader() == null
                                                                || p.isr().size() < BROKERS)) {
                                    return false;
                                }
                            }
                            return true;
                        } catch (Exception notYet) {
                            return false;
                        }
                    });
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create the topics "
                            + names
                            + " on "
                            + bootstrap
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private void awaitBrokers(String bootstrap, Duration timeout) throws InterruptedException {
        try (Admin admin = admin(bootstrap)) {
            awaitUntil(
                    BROKERS + " Kafka brokers answer on " + bootstrap,
                    timeout,
                    () -> {
                        try {
                            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size()
                                    == BROKERS;
                        } catch (Exception notYet) {
                            return false;
                        }
                    });
        }
    }

    private void awaitTaskManagers(Duration timeout) throws InterruptedException {
        FlinkRest rest = rest();
        awaitUntil(
                "Flink's /overview shows " + TASK_MANAGERS + " TaskManagers",
                timeout,
                () -> {
                    try {
                        return rest.overview().path("taskmanagers").asInt() == TASK_MANAGERS;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
    }

    private ClusterProcess startTaskManager(int n, String flinkClasspath, TaskManagerParams tm) {
        String role = "taskmanager-" + n;
        Path tmp = dir.resolve("tmp/" + role);
        mkdirs(tmp);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--configDir",
                                dir.resolve("conf").toString(),
                                "-D",
                                "taskmanager.resource-id=" + role,
                                "-D",
                                "io.tmp.dirs=" + tmp));
        args.addAll(tm.dynamicConfig());
        ClusterProcess p =
                launch(
                        role,
                        0,
                        flinkClasspath,
                        tm.jvmFlags(),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        args);
        return p;
    }

    /**
     * The JVM flags and {@code -D} properties Flink derives from the TaskManager memory settings.
     */
    private record TaskManagerParams(List<String> jvmFlags, List<String> dynamicConfig) {}

    private TaskManagerParams taskManagerParams(String flinkClasspath) throws InterruptedException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                javaBin(),
                                "-Xmx128m",
                                "-cp",
                                flinkClasspath,
                                "-Dlog4j.configurationFile="
                                        + dir.resolve("conf/log4j2.properties"),
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                "GET_TM_RESOURCE_PARAMS",
                                "--configDir",
                                dir.resolve("conf").toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(
                        "Flink's BashJavaUtils could not size the TaskManagers: " + out);
            }
            List<String> results =
                    out.lines()
                            .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                            .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim())
                            .toList();
            if (results.size() < 2) {
                throw new IllegalStateException(
                        "Flink's BashJavaUtils printed no TaskManager parameters: " + out);
            }
            List<String> jvm = List.of(results.get(results.size() - 2).split("\\s+"));
            List<String> dynamic = List.of(results.get(results.size() - 1).split("\\s+"));
            return new TaskManagerParams(jvm, dynamic);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run Flink's BashJavaUtils", e);
        }
    }

    private ClusterProcess launch(
            String role,
            int port,
            String classpath,
            List<String> jvmFlags,
            String mainClass,
            List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.add(ROLE_PROPERTY + "=" + role);
        cmd.add(DIR_PROPERTY + "=" + dir);
        cmd.addAll(jvmFlags);
        cmd.addAll(ADD_OPENS);
        cmd.add("-Dlog4j.configurationFile=" + dir.resolve("conf/log4j2.properties"));
        cmd.add("-Dlog.file=" + dir.resolve("logs/" + role + ".log"));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        Path log = dir.resolve("logs/" + role + ".log");
        writeString(dir.resolve("conf/" + role + ".command"), String.join("\n", cmd) + "\n");
        return start(role, port, cmd, log);
    }

    private ClusterProcess start(String role, int port, List<String> cmd, Path log) {
        try {
            Process p =
                    new ProcessBuilder(cmd)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
            state.setProperty("process." + role + ".pid", String.valueOf(p.pid()));
            state.setProperty("process." + role + ".port", String.valueOf(port));
            List<String> roles =
                    new ArrayList<>(List.of(state.getProperty("roles", "").split(",")));
            roles.removeIf(String::isEmpty);
            if (!roles.contains(role)) {
                roles.add(role);
            }
            state.setProperty("roles", String.join(",", roles));
            save();
            return new ClusterProcess(role, p.pid(), port);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start " + role + " (" + cmd.get(cmd.size() - 1) + ")", e);
        }
    }

    private Map<String, String> brokerProperties(
            int node, int clientPort, int controllerPort, String voters, Path data) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(node));
        p.put("controller.quorum.voters", voters);
        p.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                        + clientPort
                        + ",CONTROLLER://127.0.0.1:"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", data.toString());
        p.put("num.partitions", "2");
        p.put("default.replication.factor", String.valueOf(BROKERS));
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", String.valueOf(BROKERS));
        p.put("transaction.state.log.replication.factor", String.valueOf(BROKERS));
        p.put("transaction.state.log.min.isr", "2");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A dead broker is fenced (and its partitions get new leaders) within seconds, not 9 s.
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        p.put("message.max.bytes", String.valueOf(JobConfig.ZONES_MAX_MESSAGE_BYTES + 1024 * 1024));
        p.put(
                "replica.fetch.max.bytes",
                String.valueOf(JobConfig.ZONES_MAX_MESSAGE_BYTES + 1024 * 1024));
        return p;
    }

    private String flinkConfig(Settings s, int rpcPort, int restPort) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", String.valueOf(rpcPort));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("jobmanager.memory.process.size", "1024m");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", String.valueOf(restPort));
        c.put("web.upload.dir", dir.resolve("flink-web").toString());
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.numberOfTaskSlots", String.valueOf(s.slotsPerTaskManager()));
        c.put("taskmanager.memory.process.size", "1600m");
        c.put("taskmanager.memory.managed.fraction", "0.1");
        // Spread the job's slots over both TaskManagers, so losing either one hits the job.
        c.put("taskmanager.load-balance.mode", "SLOTS");
        c.put("parallelism.default", String.valueOf(s.parallelism()));
        // A killed TaskManager is noticed within seconds: its heartbeat RPCs fail at once
        // (connection
        // refused; two failures mark it lost). The timeout itself only covers a hung TaskManager
        // and
        // stays long enough for one starved of CPU on a busy machine.
        c.put("heartbeat.interval", "2000");
        c.put("heartbeat.timeout", "20000");
        c.put("heartbeat.rpc-failure-threshold", "2");
        c.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        c.put(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("savepoints").toUri().toString());
        c.put(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        c.put("execution.checkpointing.num-retained", "3");
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", "10");
        c.put("restart-strategy.fixed-delay.delay", "2 s");
        c.put("pipeline.generic-types", "false");
        StringBuilder b =
                new StringBuilder(
                        "# Written by ZoneStat's LocalCluster; Flink 2 reads config.yaml.\n");
        c.forEach((k, v) -> b.append(k).append(": \"").append(v).append("\"\n"));
        return b.toString();
    }

    /**
     * Formats each broker's folder {@code kafka-N} under {@code dir} that is not formatted yet,
     * with the cluster id the formatted ones have (a new one when none is), so that {@code up}
     * after {@code down} resumes on the data it left. Returns the cluster id.
     */
    static String formatStorage(Path dir, int brokers) {
        String clusterId = null;
        for (int node = 1; node <= brokers; node++) {
            Path meta = dir.resolve("kafka-" + node).resolve("meta.properties");
            if (Files.isRegularFile(meta)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(meta)) {
                    p.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + meta, e);
                }
                String id = p.getProperty("cluster.id");
                if (clusterId != null && !clusterId.equals(id)) {
                    throw new IllegalStateException(
                            "the brokers' folders under "
                                    + dir
                                    + " belong to different Kafka clusters ("
                                    + clusterId
                                    + ", "
                                    + id
                                    + "): remove them to start afresh");
                }
                clusterId = id;
            }
        }
        if (clusterId == null) {
            clusterId = Uuid.randomUuid().toString();
        }
        for (int node = 1; node <= brokers; node++) {
            Path data = dir.resolve("kafka-" + node);
            if (!Files.isRegularFile(data.resolve("meta.properties"))) {
                format(node, clusterId, data);
            }
        }
        return clusterId;
    }

    private static void format(int node, String clusterId, Path data) {
        try {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(node)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(data.toString()))
                    .setMetadataLogDirectory(data.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setIgnoreFormatted(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot format Kafka storage of node " + node + " in " + data, e);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(p);
    }

    static void awaitUntil(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(250);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on loopback", e);
        }
    }

    private static String marker(Path dir) {
        return DIR_PROPERTY + "=" + dir.toAbsolutePath();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String required(String key) {
        String v = state.getProperty(key);
        if (v == null) {
            throw new IllegalStateException(STATE_FILE + " in " + dir + " has no " + key);
        }
        return v;
    }

    private void save() {
        Path file = dir.resolve(STATE_FILE);
        try (OutputStream out = Files.newOutputStream(file)) {
            state.store(out, "ZoneStat local cluster: processes and endpoints");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeProperties(Path file, Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        writeString(file, b.toString());
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = LocalCluster.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource " + name + " is missing from the class path");
            }
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static void mkdirs(Path... dirs) {
        for (Path d : dirs) {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + d, e);
            }
        }
    }
}
