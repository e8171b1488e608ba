package org.zonestat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.zonestat.kafka.TopicContents;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.topics.Topics;

/**
 * The local multi-process cluster (3 KRaft brokers, a Flink JobManager and 2 TaskManagers, the
 * console, each its own JVM) loses a TaskManager and a broker to {@code kill -9} while events flow;
 * the job restarts from its checkpoint on the surviving TaskManager and the committed outputs
 * reconcile, and the killed nodes are started again. Then the job is stopped with a savepoint and
 * restored into a freshly uploaded jar.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = Topics.defaults();
    private static final int BAD_RECORDS = 600;

    /**
     * Checkpoints every 2 s; and a lateness of ten years: the feed replays six years of cases in
     * about a minute, so while the killed broker's partition is without a leader (and idle) the
     * other partition moves event time on by months, and its records would come back "late".
     */
    private static final List<String> JOB_FLAGS =
            List.of(
                    "--checkpoint-interval-seconds",
                    "2",
                    "--allowed-lateness-hours",
                    String.valueOf(24 * 3653));

    private static Path dir;
    private static LocalCluster cluster;
    private static volatile boolean failed;

    /** Keeps the cluster folder (logs, checkpoints) of a failed run; deletes it otherwise. */
    @RegisterExtension
    static final TestWatcher KEEP_LOGS_ON_FAILURE =
            new TestWatcher() {
                @Override
                public void testFailed(ExtensionContext context, Throwable cause) {
                    failed = true;
                }
            };

    private static List<RawEvent> shootings;

    @BeforeAll
    static void startCluster() throws Exception {
        dir = Files.createTempDirectory("zonestat-cluster-it");
        long t0 = System.nanoTime();
        cluster =
                LocalCluster.up(
                        new LocalCluster.Settings(
                                dir,
                                Path.of(System.getProperty("zonestat.job-jar")),
                                ClusterCommand.readClasspath(
                                        System.getProperty("zonestat.app-classpath-file")),
                                ClusterCommand.readClasspath(
                                        System.getProperty("zonestat.flink-classpath-file")),
                                2,
                                2,
                                2,
                                0,
                                JOB_FLAGS));
        System.out.printf(
                "cluster up in %.1f s (logs in %s):%n%s",
                (System.nanoTime() - t0) / 1e9, dir.resolve("logs"), cluster.status());
        shootings = BaltimoreData.shootings2012To2017().events();
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.down(Duration.ofSeconds(5));
            System.out.print(cluster.status());
        }
        if (failed) {
            System.out.println("cluster folder kept for its logs: " + dir);
        } else if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    @Order(1)
    void losingATaskManagerAndABrokerMidStreamLosesNothingAndDuplicatesNoExactlyOnceOutput()
            throws Exception {
        FlinkRest rest = cluster.rest();
        String jobId = cluster.jobId();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < BAD_RECORDS; i++) {
            bad.add("{\"id\":\"bad-" + i + "\",\"kind\":\"SHOOTING\"}");
        }
        // 3,479 real shooting cases with a bad record after every fifth (the first 600), 60 records
        // every 100 ms.
        List<ProducerRecord<String, String>> input = new ArrayList<>();
        for (int i = 0, b = 0; i < shootings.size(); i++) {
            RawEvent e = shootings.get(i);
            input.add(new ProducerRecord<>(TOPICS.incidents(), e.key(), e.json()));
            if (i % 5 == 4 && b < BAD_RECORDS) {
                input.add(new ProducerRecord<>(TOPICS.incidents(), null, bad.get(b++)));
            }
        }
        assertThat(input.size()).isEqualTo(shootings.size() + BAD_RECORDS);

        AtomicInteger sent = new AtomicInteger();
        Thread producerThread =
                new Thread(() -> produce(input, 60, Duration.ofMillis(100), sent), "it-producer");
        producerThread.start();

        // Mid-stream: a third of the input sent and a checkpoint completed since the job started.
        LocalCluster.awaitUntil(
                "a third of the input is sent and a checkpoint has completed",
                Duration.ofMinutes(1),
                () ->
                        sent.get() > input.size() / 3
                                && rest.checkpoints(jobId).path("counts").path("completed").asInt()
                                        > 0);
        String taskManager =
                rest.vertexTaskManagers(
                                jobId, rest.job(jobId).path("vertices").get(0).path("id").asText())
                        .path("taskmanagers")
                        .get(0)
                        .path("taskmanager-id")
                        .asText();
        int leader;
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                cluster.bootstrapServers()))) {
            leader =
                    admin.describeTopics(List.of(TOPICS.incidents()))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(TOPICS.incidents())
                            .partitions()
                            .get(0)
                            .leader()
                            .id();
        }
        long checkpointsBefore = rest.checkpoints(jobId).path("counts").path("completed").asLong();
        long killedAt = System.currentTimeMillis();
        ClusterProcess killedTm = cluster.kill(taskManager);
        ClusterProcess killedBroker = cluster.kill("kafka-" + leader);
        System.out.printf(
                "killed %s (pid %d, running tasks of the job) and %s (pid %d, leader of %s-0) with SIGKILL "
                        + "after %d of %d input records and %d completed checkpoints%n",
                killedTm.role(),
                killedTm.pid(),
                killedBroker.role(),
                killedBroker.pid(),
                TOPICS.incidents(),
                sent.get(),
                input.size(),
                checkpointsBefore);
        assertThat(cluster.alive(killedTm)).isFalse();
        assertThat(cluster.alive(killedBroker)).isFalse();

        // Recovery: the job restored a checkpoint after the kill, every task runs again, and a new
        // checkpoint completed after the restore (the exactly-once outputs advance again).
        long[] restoredAt = new long[1];
        long[] restoredId = new long[1];
        // Like an orchestrator, bring back a surviving TaskManager that stops itself: Flink can end
        // a
        // TaskManager on a fatal error while it cleans up the tasks that lost their peer.
        List<String> supervisorRestarts = new ArrayList<>();
        LocalCluster.awaitUntil(
                "the job restored a checkpoint and runs every task",
                Duration.ofMinutes(2),
                () -> {
                    for (ClusterProcess p : cluster.processes()) {
                        if (p.role().startsWith("taskmanager")
                                && !p.role().equals(killedTm.role())
                                && !cluster.alive(p)
                                && !supervisorRestarts.contains(p.role())) {
                            supervisorRestarts.add(p.role());
                            cluster.restart(p.role());
                        }
                    }
                    JsonNode restored = rest.checkpoints(jobId).path("latest").path("restored");
                    restoredAt[0] = restored.path("restore_timestamp").asLong();
                    restoredId[0] = restored.path("id").asLong();
                    return restoredAt[0] > killedAt && rest.fullyRunning(jobId);
                });
        long runningAgain = System.currentTimeMillis() - killedAt;
        if (!supervisorRestarts.isEmpty()) {
            System.out.printf(
                    "the surviving %s stopped itself after the kill and was started again%n",
                    supervisorRestarts);
        }
        LocalCluster.awaitUntil(
                "a checkpoint completes after the restore",
                Duration.ofMinutes(1),
                () ->
                        rest.checkpoints(jobId)
                                        .path("latest")
                                        .path("completed")
                                        .path("latest_ack_timestamp")
                                        .asLong()
                                > restoredAt[0]);
        long checkpointingAgain = System.currentTimeMillis() - killedAt;
        List<String> failures = new ArrayList<>();
        for (JsonNode e : rest.exceptions(jobId).path("exceptionHistory").path("entries")) {
            if (e.path("timestamp").asLong() >= killedAt) {
                failures.add(
                        String.format(
                                "+%.1f s %s",
                                (e.path("timestamp").asLong() - killedAt) / 1e3,
                                e.path("exceptionName").asText()));
            }
        }
        java.util.Collections.reverse(failures);
        System.out.printf("failures the job restarted from after the kill: %s%n", failures);
        assertThat(failures).as("the job noticed the lost TaskManager").isNotEmpty();
        System.out.printf(
                "recovery: job restored checkpoint %d and ran every task again %.1f s after the kill "
                        + "(on the surviving TaskManager); first checkpoint after the restore %.1f s after the kill%n",
                restoredId[0], runningAgain / 1e3, checkpointingAgain / 1e3);
        producerThread.join(Duration.ofMinutes(3).toMillis());
        assertThat(sent.get()).as("every input record was acknowledged").isEqualTo(input.size());

        // Reconcile the committed outputs: every case in events or rejected, every bad record
        // rejected once.
        Set<String> caseIds = new HashSet<>();
        shootings.forEach(e -> caseIds.add(json(e.json()).get("id").asText()));
        Reconciliation[] r = new Reconciliation[1];
        LocalCluster.awaitUntil(
                "every input is in events or rejected",
                Duration.ofMinutes(3),
                () -> {
                    r[0] = reconcile();
                    return r[0].acceptedCases().size() + r[0].rejectedCases().size()
                                    >= caseIds.size()
                            && r[0].rejectedBad() >= BAD_RECORDS;
                });
        assertThat(r[0].rejectedCases()).doesNotContainAnyElementsOf(r[0].acceptedCases());
        Set<String> accounted = new HashSet<>(r[0].acceptedCases());
        accounted.addAll(r[0].rejectedCases());
        assertThat(accounted).isEqualTo(caseIds);
        assertThat(r[0].rejectedBad())
                .as("each bad record rejected exactly once")
                .isEqualTo(BAD_RECORDS);
        assertThat(r[0].rejectedCasesByReason())
                .as("the only case rejected lies outside every zone")
                .isEqualTo(Map.of("outside-zones", 1L));
        assertThat(r[0].rejectedSources())
                .as("rejected (exactly-once): no record twice")
                .doesNotHaveDuplicates();
        // hotspots is exactly-once: one risk halo per accepted shooting, none twice.
        LocalCluster.awaitUntil(
                "one risk halo per accepted shooting is committed",
                Duration.ofMinutes(1),
                () -> haloIds().size() >= r[0].acceptedCases().size());
        List<String> halos = haloIds();
        assertThat(halos)
                .as("hotspots (exactly-once): no risk halo twice")
                .doesNotHaveDuplicates()
                .hasSize(r[0].acceptedCases().size());

        // The console still serves, and has seen the events.
        JsonNode health = consoleHealth();
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("eventsSeen").asLong()).isPositive();
        System.out.printf(
                "reconciliation: %d input records (%d cases + %d bad); events: %d records for %d cases "
                        + "(%d redelivered, same ids); rejected (read_committed): %d records = %d bad + %d cases %s, "
                        + "no duplicate; hotspots: %d risk halos, no duplicate; console /api/health: ok, "
                        + "%d events seen%n",
                input.size(),
                caseIds.size(),
                BAD_RECORDS,
                r[0].eventRecords(),
                r[0].acceptedCases().size(),
                r[0].eventRecords() - r[0].acceptedCases().size(),
                r[0].rejectedSources().size(),
                r[0].rejectedBad(),
                r[0].rejectedCases().size(),
                r[0].rejectedCasesByReason(),
                halos.size(),
                health.path("eventsSeen").asLong());

        // The killed nodes come back: the broker with its data, the TaskManager under its resource
        // id.
        long restartAt = System.nanoTime();
        cluster.restart(killedBroker.role());
        cluster.restart(killedTm.role());
        cluster.awaitWhole(Duration.ofMinutes(2));
        assertThat(cluster.processes()).allMatch(cluster::alive);
        System.out.printf(
                "restarted %s and %s: the cluster is whole again (3 brokers, 2 TaskManagers) in %.1f s%n",
                killedBroker.role(), killedTm.role(), (System.nanoTime() - restartAt) / 1e9);
    }

    @Test
    @Order(2)
    void aSavepointRestoresIntoAFreshlyUploadedJarWithItsDedupeState() throws Exception {
        FlinkRest rest = cluster.rest();
        // A case the running job has accepted (sent again here in case the first test did not run).
        RawEvent again = shootings.get(0);
        String caseId = json(again.json()).get("id").asText();
        ProducerRecord<String, String> redelivery =
                new ProducerRecord<>(TOPICS.incidents(), again.key(), again.json());
        produce(List.of(redelivery), 1, Duration.ZERO, new AtomicInteger());
        LocalCluster.awaitUntil(
                "case " + caseId + " is in events",
                Duration.ofMinutes(1),
                () ->
                        readCommitted(TOPICS.events()).stream()
                                .anyMatch(
                                        r ->
                                                json(r.value())
                                                        .get("recordId")
                                                        .asText()
                                                        .equals(caseId)));

        String oldJob = cluster.jobId();
        String savepoint = cluster.savepoint();
        int duplicatesBefore =
                duplicatesOf(caseId).size(); // the savepoint committed every pending rejection
        // Stop-with-savepoint answers once the savepoint is written; the job finishes just after.
        LocalCluster.awaitUntil(
                "the stopped job " + oldJob + " is FINISHED",
                Duration.ofMinutes(1),
                () -> {
                    try {
                        return rest.job(oldJob).path("state").asText().equals("FINISHED");
                    } catch (RuntimeException e) {
                        return false;
                    }
                });

        Path rebuilt = dir.resolve("zonestat-stream-jobs-rebuilt-job.jar");
        Files.copy(Path.of(System.getProperty("zonestat.job-jar")), rebuilt);
        String newJob = cluster.submit(rebuilt, 2, JOB_FLAGS, savepoint);
        JsonNode restored = rest.checkpoints(newJob).path("latest").path("restored");
        assertThat(restored.path("is_savepoint").asBoolean()).isTrue();
        assertThat(restored.path("external_path").asText()).isEqualTo(savepoint);

        // A redelivery of a case the old job accepted is still known to the new job: rejected as a
        // duplicate.
        produce(List.of(redelivery), 1, Duration.ZERO, new AtomicInteger());
        List<JsonNode> duplicates = new ArrayList<>();
        LocalCluster.awaitUntil(
                "the redelivered case is rejected as a duplicate",
                Duration.ofMinutes(1),
                () -> {
                    duplicates.clear();
                    duplicates.addAll(duplicatesOf(caseId));
                    return duplicates.size() > duplicatesBefore;
                });
        // Two more checkpoints: a second rejection of the one redelivery would be committed by
        // then.
        long seenAt = rest.checkpoints(newJob).path("latest").path("completed").path("id").asLong();
        LocalCluster.awaitUntil(
                "two more checkpoints complete",
                Duration.ofMinutes(1),
                () ->
                        rest.checkpoints(newJob)
                                        .path("latest")
                                        .path("completed")
                                        .path("id")
                                        .asLong()
                                >= seenAt + 2);
        duplicates.clear();
        duplicates.addAll(duplicatesOf(caseId));
        assertThat(duplicates).hasSize(duplicatesBefore + 1);
        System.out.printf(
                "upgrade: job %s stopped with savepoint %s; job %s from a freshly uploaded jar restored it "
                        + "and rejected the redelivered case %s as a duplicate (%s)%n",
                oldJob,
                savepoint,
                newJob,
                caseId,
                duplicates.get(duplicates.size() - 1).get("detail").asText());
    }

    /** The committed rejections of a case as a duplicate. */
    private static List<JsonNode> duplicatesOf(String caseId) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> rec : readCommitted(TOPICS.rejected())) {
            JsonNode j = json(rec.value());
            if (j.get("reason").asText().equals("duplicate")
                    && json(j.get("original").asText()).get("id").asText().equals(caseId)) {
                out.add(j);
            }
        }
        return out;
    }

    /** What the committed outputs hold so far. */
    private record Reconciliation(
            Set<String> acceptedCases,
            long eventRecords,
            Set<String> rejectedCases,
            long rejectedBad,
            List<String> rejectedSources,
            Map<String, Long> rejectedCasesByReason) {}

    private static Reconciliation reconcile() {
        Set<String> accepted = new HashSet<>();
        long eventRecords = 0;
        for (ConsumerRecord<String, String> rec : readCommitted(TOPICS.events())) {
            accepted.add(json(rec.value()).get("recordId").asText());
            eventRecords++;
        }
        Set<String> rejectedCases = new HashSet<>();
        Map<String, Long> byReason = new java.util.TreeMap<>();
        long rejectedBad = 0;
        List<String> sources = new ArrayList<>();
        for (ConsumerRecord<String, String> rec : readCommitted(TOPICS.rejected())) {
            JsonNode j = json(rec.value());
            sources.add(
                    j.get("sourceTopic").asText()
                            + "/"
                            + j.get("partition").asInt()
                            + "/"
                            + j.get("offset").asLong());
            if (j.get("reason").asText().equals("missing-field")) {
                rejectedBad++;
            } else {
                rejectedCases.add(json(j.get("original").asText()).get("id").asText());
                byReason.merge(j.get("reason").asText(), 1L, Long::sum);
            }
        }
        return new Reconciliation(
                accepted, eventRecords, rejectedCases, rejectedBad, sources, byReason);
    }

    private static List<String> haloIds() {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> rec : readCommitted(TOPICS.hotspots())) {
            JsonNode j = json(rec.value());
            if (j.path("type").asText().equals("risk-halo")) {
                ids.add(j.get("haloId").asText());
            }
        }
        return ids;
    }

    /**
     * Every committed record of a topic ({@code isolation.level=read_committed}), to its current
     * end.
     */
    private static List<ConsumerRecord<String, String>> readCommitted(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicContents.readFromBeginning(c, topic, Duration.ofSeconds(60), out::add);
        }
        return out;
    }

    /**
     * Publishes the records as a live feed does: one batch every {@code period}, on a fixed-rate
     * schedule, each acknowledged by all in-sync replicas; returns once every record is
     * acknowledged.
     */
    private static void produce(
            List<ProducerRecord<String, String>> records,
            int batch,
            Duration period,
            AtomicInteger acked) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        java.util.concurrent.ScheduledExecutorService feed =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.CompletableFuture<Void> done =
                new java.util.concurrent.CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            feed.scheduleAtFixedRate(
                    () -> {
                        int from = next.getAndAdd(batch);
                        if (from >= records.size()) {
                            done.complete(null);
                            return;
                        }
                        try {
                            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
                            for (ProducerRecord<String, String> r :
                                    records.subList(from, Math.min(records.size(), from + batch))) {
                                acks.add(producer.send(r));
                            }
                            for (java.util.concurrent.Future<?> f : acks) {
                                f.get(2, TimeUnit.MINUTES);
                                acked.incrementAndGet();
                            }
                        } catch (Exception e) {
                            done.completeExceptionally(e);
                        }
                    },
                    0,
                    Math.max(1, period.toMillis()),
                    TimeUnit.MILLISECONDS);
            done.get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot publish the test input to " + cluster.bootstrapServers(), e);
        } finally {
            feed.shutdownNow();
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("not JSON: " + text, e);
        }
    }

    /**
     * The console's health once it says {@code ok}: after a failover the job restarts, and health
     * answers 503 until it runs and keeps up again.
     */
    private static JsonNode consoleHealth() throws Exception {
        String[] last = {"no answer yet"};
        try {
            LocalCluster.awaitUntil(
                    "the console's /api/health says 200",
                    Duration.ofMinutes(2),
                    () -> {
                        try {
                            HttpResponse<String> r =
                                    HttpClient.newHttpClient()
                                            .send(
                                                    HttpRequest.newBuilder(
                                                                    cluster.consoleUrl()
                                                                            .resolve("/api/health"))
                                                            .timeout(Duration.ofSeconds(10))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.ofString());
                            last[0] = r.statusCode() + " " + r.body();
                            return r.statusCode() == 200;
                        } catch (java.io.IOException e) {
                            last[0] = e.toString();
                            return false;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        }
                    });
        } catch (IllegalStateException e) {
            throw new AssertionError("console /api/health, last answer: " + last[0], e);
        }
        return JSON.readTree(last[0].substring(last[0].indexOf(' ') + 1));
    }
}
