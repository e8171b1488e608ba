package org.zonestat.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.testutils.InternalMiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.jobs.testing.CapturedLog;
import org.zonestat.jobs.testing.KafkaTopics;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.topics.Topics;

/** The job fails mid-stream, restarts from its checkpoint, and its committed outputs reconcile. */
class ZoneTaggingFaultITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runtime's extension, because this test inspects the cluster's execution graph. */
    @RegisterExtension
    static final InternalMiniClusterExtension FLINK =
            new InternalMiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void afterAFailureMidStreamNothingIsLostAndTheExactlyOnceOutputHasNoDuplicate()
            throws Exception {
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers())
                        .withTopics(Topics.defaults().withSuffix(".fault"))
                        .withGroupId("fault-it")
                        .withBounded(true)
                        .withCheckpointInterval(Duration.ofMillis(300))
                        .withFaultDrill(800);
        KAFKA.broker().createTopics(config.topics().newTopics(2, (short) 1));

        // 3,479 real shooting cases (all valid) and 1,000 bad records, each different.
        Map<Feed, String> topics =
                Map.of(
                        Feed.INCIDENTS,
                        config.topics().incidents(),
                        Feed.REQUESTS311,
                        config.topics().requests311(),
                        Feed.TIPS,
                        config.topics().tips());
        try (FeedReplayer replayer =
                new FeedReplayer(KAFKA.bootstrapServers(), topics, 0, Duration.ZERO)) {
            replayer.replay(BaltimoreData.shootings2012To2017().events(), Map.of());
        }
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            bad.add("{\"id\":\"bad-" + i + "\",\"kind\":\"SHOOTING\"}");
        }
        KafkaTopics.produce(
                KAFKA.bootstrapServers(),
                config.topics().incidents(),
                Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(),
                bad);

        Configuration flink = ZoneTaggingJob.flinkConfiguration(config);
        StreamExecutionEnvironment env =
                new TestStreamEnvironment(FLINK.getMiniCluster(), flink, 2, List.of(), List.of());
        env.configure(flink);
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        env.setParallelism(2);
        ZoneTaggingJob.withKafka(config).build(env);
        CapturedLog log =
                CapturedLog.of(
                        "org.apache.flink.runtime.executiongraph.ExecutionGraph",
                        "org.apache.flink.runtime.jobmaster.JobMaster");
        JobClient job = env.executeAsync("zone-tagging-fault-it");

        // Watch the running job: its highest execution attempt and the checkpoint it restored.
        AtomicInteger maxAttempt = new AtomicInteger();
        AtomicLong restoredCheckpoint = new AtomicLong(-1);
        AtomicLong completedCheckpoints = new AtomicLong();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            try {
                                AccessExecutionGraph graph =
                                        FLINK.getMiniCluster()
                                                .getExecutionGraph(job.getJobID())
                                                .get();
                                for (AccessExecutionVertex v : graph.getAllExecutionVertices()) {
                                    maxAttempt.accumulateAndGet(
                                            v.getCurrentExecutionAttempt().getAttemptNumber(),
                                            Math::max);
                                }
                                CheckpointStatsSnapshot stats = graph.getCheckpointStatsSnapshot();
                                if (stats != null) {
                                    completedCheckpoints.set(
                                            stats.getCounts().getNumberOfCompletedCheckpoints());
                                }
                                if (stats != null && stats.getLatestRestoredCheckpoint() != null) {
                                    restoredCheckpoint.set(
                                            stats.getLatestRestoredCheckpoint().getCheckpointId());
                                }
                            } catch (ExecutionException finishedAndGone) {
                                // the job has left the cluster; its status below says how it ended
                            }
                            return job.getJobStatus().get().isGloballyTerminalState();
                        });
        job.getJobExecutionResult().get();
        log.close();
        // The failure, the restart and the job's status changes are in the log at INFO.
        assertThat(log.lines())
                .anyMatch(
                        l ->
                                l.matches(
                                        "ExecutionGraph: .*fault-drill.* switched from RUNNING to FAILED.*"))
                .anyMatch(
                        l ->
                                l.matches(
                                        "JobMaster: \\d+ tasks will be restarted to recover the failed task .*"))
                .anyMatch(
                        l ->
                                l.matches(
                                        "ExecutionGraph: Job zone-tagging-fault-it .* switched from state CREATED to RUNNING\\."))
                .anyMatch(
                        l ->
                                l.matches(
                                        "ExecutionGraph: Job zone-tagging-fault-it .* switched from state RUNNING to FINISHED\\."));
        assertThat(maxAttempt.get())
                .as(
                        "the job failed and was restarted (checkpoints completed: %d)",
                        completedCheckpoints.get())
                .isGreaterThanOrEqualTo(1);
        assertThat(restoredCheckpoint.get())
                .as("the restart restored a checkpoint")
                .isGreaterThan(0);

        List<JsonNode> events =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().events());
        List<JsonNode> rejected =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().rejected());

        // rejected is exactly-once: no record of it twice (each names its source offset), and all
        // 1,000 bad records are there.
        List<String> rejectedSources =
                rejected.stream()
                        .map(
                                r ->
                                        r.get("sourceTopic").asText()
                                                + "/"
                                                + r.get("partition").asInt()
                                                + "/"
                                                + r.get("offset").asLong())
                        .toList();
        assertThat(rejectedSources).doesNotHaveDuplicates();
        assertThat(rejected.stream().filter(r -> r.get("reason").asText().equals("missing-field")))
                .hasSize(1_000);
        // events is at-least-once with idempotent ids: every case is in events or rejected, once
        // by id; redeliveries share an id.
        Set<String> eventIds =
                events.stream().map(e -> e.get("recordId").asText()).collect(Collectors.toSet());
        Set<String> caseIdsRejected = new HashSet<>();
        for (JsonNode r : rejected) {
            if (!r.get("reason").asText().equals("missing-field")) {
                caseIdsRejected.add(JSON.readTree(r.get("original").asText()).get("id").asText());
            }
        }
        assertThat(caseIdsRejected).doesNotContainAnyElementsOf(eventIds);
        assertThat(eventIds.size() + caseIdsRejected.size()).isEqualTo(3_479);
        // hotspots is exactly-once too: one risk halo per accepted shooting, none twice.
        List<String> halos =
                KafkaTopics.readJson(KAFKA.bootstrapServers(), config.topics().hotspots()).stream()
                        .filter(h -> h.get("type").asText().equals("risk-halo"))
                        .map(h -> h.get("haloId").asText())
                        .toList();
        assertThat(halos).doesNotHaveDuplicates().hasSize(eventIds.size());
        System.out.printf(
                "fault drill: %d risk halos for %d cases, no duplicate%n",
                halos.size(), eventIds.size());
        System.out.printf(
                "fault drill: restarted (attempt %d) from checkpoint %d; events: %d records for %d cases "
                        + "(%d redelivered); rejected: %d records (%d bad + %d cases outside every zone), no duplicate%n",
                maxAttempt.get(),
                restoredCheckpoint.get(),
                events.size(),
                eventIds.size(),
                events.size() - eventIds.size(),
                rejected.size(),
                1_000,
                caseIdsRejected.size());
    }
}
