package org.zonestat.jobs.history;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a history batch job and reports how many records it has processed while it runs: the job is
 * submitted asynchronously, and every {@code every} its {@link RunTally} accumulators (events
 * written plus rejections, the same counters the reconciliation sums) are read through its {@link
 * JobClient} and handed to a listener. The task managers report accumulators with their heartbeats
 * ({@link HistoryJob#flinkConfiguration()} sets them to once a second), so a count is at most that
 * old. Reading them is one RPC to the local job manager: cheap beside the run.
 *
 * <p>Stateless; thread-safe. The listener is called on the caller's thread.
 */
final class BatchRun {
    /** How often the counters are read. */
    static final Duration EVERY = Duration.ofSeconds(1);

    private BatchRun() {}

    /**
     * Executes the job built on {@code env}, calling {@code processed} with the records processed
     * so far about once per {@link #EVERY}; returns its result as {@code env.execute} would.
     */
    static JobExecutionResult execute(
            StreamExecutionEnvironment env, String name, LongConsumer processed) throws Exception {
        JobClient client = env.executeAsync(name);
        Future<JobExecutionResult> result = client.getJobExecutionResult();
        while (true) {
            try {
                return result.get(EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                try {
                    processed.accept(
                            processed(
                                    client.getAccumulators()
                                            .get(EVERY.toMillis(), TimeUnit.MILLISECONDS)));
                } catch (TimeoutException | ExecutionException notNow) {
                    // the job is finishing or busy: the next read or the result will tell
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /** Events written plus rejections, from a run's accumulators. */
    static long processed(Map<String, Object> accumulators) {
        long n = 0;
        for (Map.Entry<String, Object> a : accumulators.entrySet()) {
            if ((a.getKey().equals(HistoryJob.EVENTS) || a.getKey().startsWith(HistoryJob.REJECTED))
                    && a.getValue() instanceof Long count) {
                n += count;
            }
        }
        return n;
    }
}
