package org.zonestat.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker in KRaft mode (combined broker and controller) running
 * inside this JVM, with its log under a data folder. Used by the one-process demo and by the tests:
 * it is the same broker code as a production node, not a mock.
 *
 * <p>The data folder is formatted on first start and reused afterwards, so a restarted broker keeps
 * its topics and records. Time-based retention is off by default ({@code log.retention.ms=-1}):
 * ZoneStat's records carry their original event times, which may be years old.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} may be called from any thread; {@link
 * #close()} is idempotent.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath();
        this.port = b.port == 0 ? freePort() : b.port;
        this.controllerPort = freePort();
        this.overrides = Map.copyOf(b.overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the data folder if it is new, starts the node and waits until it answers. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("broker already started");
        }
        Path logDir = dataDir.resolve("kafka");
        try {
            Files.createDirectories(logDir);
            ownerOnly(dataDir);
            ownerOnly(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data folder " + logDir, e);
        }
        Properties props = config(logDir);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        formatIfNew(logDir);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
        LOG.info(
                "Kafka broker (KRaft) listening on {} with data in {}", bootstrapServers(), logDir);
        return this;
    }

    /**
     * Makes a folder readable and writable by its owner only ({@code rwx------}): the broker's log
     * holds tips and every feed's records, and nothing else on the machine may read them.
     */
    static void ownerOnly(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private Properties config(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "2");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Flink's exactly-once sink uses transactions up to an hour long.
        p.put("transaction.max.timeout.ms", "3600000");
        // Records carry their original event time; never delete them for being old.
        p.put("log.retention.ms", "-1");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.putAll(overrides);
        return p;
    }

    private void formatIfNew(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(
                            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    int nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "Kafka broker did not become ready within " + timeout, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin admin() {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(conf);
    }

    /**
     * Creates a topic unless it exists already.
     *
     * @param configs topic-level configuration, e.g. {@code cleanup.policy=compact}
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
    }

    /**
     * Creates topics, leaving any that exist already as they are, and returns once every partition
     * of them is served by its leader: a producer that writes to a partition before its leader is
     * in place can see {@code NOT_LEADER_OR_FOLLOWER} and, being idempotent, fail whole batches on
     * out-of-order sequences. The metadata names a leader a moment before that leader's replica
     * manager serves the partition, so readiness is a {@code ListOffsets} answer from every
     * partition, which only the serving leader gives.
     */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            List<String> names = topics.stream().map(NewTopic::name).toList();
            awaitLeaders(admin, names, Duration.ofSeconds(30));
            awaitServed(admin, names, Duration.ofSeconds(30));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + topics, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> names, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean ready;
            try {
                ready =
                        admin
                                .describeTopics(names)
                                .allTopicNames()
                                .get(10, TimeUnit.SECONDS)
                                .values()
                                .stream()
                                .allMatch(
                                        d ->
                                                d.partitions().stream()
                                                        .allMatch(
                                                                p ->
                                                                        p.leader() != null
                                                                                && !p.leader()
                                                                                        .isEmpty()));
            } catch (ExecutionException e) {
                ready = false; // metadata not propagated yet (UnknownTopicOrPartition)
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "partitions of " + names + " have no leader after " + timeout);
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitServed(Admin admin, List<String> names, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        admin.describeTopics(names)
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .forEach(
                        (name, d) ->
                                d.partitions()
                                        .forEach(
                                                p ->
                                                        request.put(
                                                                new TopicPartition(
                                                                        name, p.partition()),
                                                                OffsetSpec.latest())));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(
                            "partitions of "
                                    + names
                                    + " are not served after "
                                    + timeout
                                    + ": "
                                    + e.getMessage());
                }
            }
            Thread.sleep(20);
        }
    }

    /** Stops the node and waits for it; the data folder is kept. */
    @Override
    public synchronized void close() {
        if (closed || server == null) {
            closed = true;
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /** Builds an {@link EmbeddedKafkaBroker}; fails fast on a missing data folder. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {}

        /** Where the broker keeps its log (under {@code <dataDir>/kafka}). Required. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The client port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Overrides one broker setting. */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required");
            }
            return new EmbeddedKafkaBroker(this);
        }
    }
}
