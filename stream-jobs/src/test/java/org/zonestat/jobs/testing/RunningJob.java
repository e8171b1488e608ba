package org.zonestat.jobs.testing;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;

/**
 * The zone-tagging job running unbounded on a test MiniCluster, watched through the cluster's
 * execution graph: whether it is running, and whether any of its tasks ever restarted. Close it to
 * cancel the job.
 *
 * <p>Not thread-safe; one per test.
 */
public final class RunningJob implements AutoCloseable {
    private final MiniCluster cluster;
    private final JobClient client;

    private RunningJob(MiniCluster cluster, JobClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    /** Starts the job of {@code config} (which must not be bounded) with parallelism 2. */
    public static RunningJob start(MiniCluster cluster, JobConfig config, String name)
            throws Exception {
        if (config.bounded()) {
            throw new IllegalArgumentException("a running job reads unbounded topics");
        }
        Configuration flink = ZoneTaggingJob.flinkConfiguration(config);
        StreamExecutionEnvironment env =
                new TestStreamEnvironment(cluster, flink, 2, List.of(), List.of());
        env.configure(flink);
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        env.setParallelism(2);
        ZoneTaggingJob.withKafka(config).build(env);
        return new RunningJob(cluster, env.executeAsync(name));
    }

    public JobID id() {
        return client.getJobID();
    }

    public JobStatus status() throws Exception {
        return client.getJobStatus().get();
    }

    /**
     * How many times the job or one of its tasks was restarted: the highest execution attempt
     * number of any task, or 1 if the whole job was ever restarting; 0 for a job that never failed.
     */
    public int restarts() throws Exception {
        AccessExecutionGraph graph;
        try {
            graph = cluster.getExecutionGraph(id()).get();
        } catch (ExecutionException gone) {
            return Integer.MAX_VALUE; // the job has left the cluster: it failed for good
        }
        int attempts = graph.getStatusTimestamp(JobStatus.RESTARTING) > 0 ? 1 : 0;
        for (AccessExecutionVertex v : graph.getAllExecutionVertices()) {
            attempts = Math.max(attempts, v.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return attempts;
    }

    /** True once the job failed, restarted or left the cluster: for Awaitility's failFast. */
    public boolean failed() throws Exception {
        return restarts() > 0 || status().isGloballyTerminalState();
    }

    @Override
    public void close() throws Exception {
        if (!status().isGloballyTerminalState()) {
            client.cancel().get();
        }
    }
}
