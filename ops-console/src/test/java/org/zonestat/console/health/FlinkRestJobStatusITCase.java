package org.zonestat.console.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link FlinkRestJobStatus} against the real REST API of a local Flink MiniCluster: a running job
 * with its checkpoints, the same job cancelled, a job name nobody runs, and a port nobody listens
 * on.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FlinkRestJobStatusITCase {
    private static final String NAME = "rest-status-probe";

    /** Fails once, on the first attempt after 300 records, so that the job restarts. */
    static final class SlowlyFailingOnce extends RichMapFunction<Long, Long> {
        private long seen;

        @Override
        public Long map(Long n) throws Exception {
            if (++seen == 300 && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
                throw new IllegalStateException("drill: failing once");
            }
            return n;
        }
    }

    @Test
    void reports_a_running_job_its_checkpoints_and_its_cancellation() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, String.valueOf(port));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.enableCheckpointing(200);
        // 200 numbers a second, so the job runs until it is cancelled.
        env.fromSource(
                        new DataGeneratorSource<>(
                                n -> n,
                                Long.MAX_VALUE,
                                RateLimiterStrategy.perSecond(200),
                                Types.LONG),
                        WatermarkStrategy.noWatermarks(),
                        "numbers")
                .map(new SlowlyFailingOnce())
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync(NAME);
        Instant started = Instant.now();
        FlinkRestJobStatus rest =
                new FlinkRestJobStatus(
                        URI.create("http://127.0.0.1:" + port), NAME, Clock.systemUTC());
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                JobStatus now = rest.current();
                                return now.state() == JobState.RUNNING
                                        && now.restartsLastHour() == 1
                                        && now.lastCheckpointAt() != null;
                            });
            JobStatus running = rest.current();
            assertThat(running.jobId()).isEqualTo(job.getJobID().toString());
            assertThat(running.lastCheckpointAt()).isAfter(started.minusSeconds(5));
            assertThat(running.source()).contains("flink-rest", String.valueOf(port));

            assertThat(
                            new FlinkRestJobStatus(
                                            URI.create("http://127.0.0.1:" + port + "/"),
                                            "no-such-job",
                                            Clock.systemUTC())
                                    .current()
                                    .state())
                    .isEqualTo(JobState.NOT_FOUND);

            job.cancel().get();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    rest.current().state() == JobState.CANCELED
                                            || rest.current().state() == JobState.UNREACHABLE);
        } finally {
            try {
                job.cancel().get();
            } catch (Exception alreadyDone) {
                // cancelled above
            }
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(
                        new FlinkRestJobStatus(
                                        URI.create("http://127.0.0.1:" + closed),
                                        NAME,
                                        Clock.systemUTC())
                                .current()
                                .state())
                .isEqualTo(JobState.UNREACHABLE);
    }
}
