package org.zonestat.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineHealthTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final PipelineHealth health = new PipelineHealth(new HealthSettings(INTERVAL, 3));

    private static JobStatus running(Instant checkpoint) {
        return new JobStatus(JobState.RUNNING, "j1", 0, checkpoint, null, "test");
    }

    private void sample(int i, JobStatus job, long records, long committed) {
        health.observe(
                new PipelineHealth.Sample(
                        T0.plus(INTERVAL.multipliedBy(i)),
                        job,
                        Map.of("incidents.raw", records),
                        Map.of("incidents.raw", committed)));
    }

    @Test
    void a_running_job_that_commits_is_ok_with_its_lag_and_checkpoint_age() {
        for (int i = 0; i <= 6; i++) {
            sample(i, running(T0.plus(INTERVAL.multipliedBy(i)).minusSeconds(2)), 100 * i, 90 * i);
        }
        PipelineHealth.Report r = health.report();

        assertThat(r.status()).isEqualTo("ok");
        assertThat(r.healthy()).isTrue();
        assertThat(r.lag()).containsEntry("incidents.raw", 60L);
        assertThat(r.checkpointAgeSeconds()).isEqualTo(2);
        assertThat(r.stallWindowSeconds()).isEqualTo(15);
    }

    @Test
    void growing_lag_with_no_checkpoint_and_no_commit_for_the_window_is_stalled() {
        JobStatus stuck = running(T0.minusSeconds(1));
        sample(0, stuck, 100, 100);
        sample(1, stuck, 110, 100);
        sample(2, stuck, 120, 100);
        assertThat(health.report().status())
                .as("two intervals are not yet the window of three")
                .isEqualTo("ok");

        sample(3, stuck, 130, 100);

        PipelineHealth.Report r = health.report();
        assertThat(r.status()).isEqualTo("stalled");
        assertThat(r.reasons()).singleElement().asString().contains("30 raw records wait");
    }

    @Test
    void a_checkpoint_or_a_commit_within_the_window_is_not_a_stall() {
        sample(0, running(T0), 100, 100);
        sample(1, running(T0), 110, 100);
        sample(2, running(T0), 120, 100);
        sample(3, running(T0.plusSeconds(11)), 130, 100);
        assertThat(health.report().status()).as("a checkpoint completed").isEqualTo("ok");

        PipelineHealth other = new PipelineHealth(new HealthSettings(INTERVAL, 3));
        for (int i = 0; i <= 3; i++) {
            other.observe(
                    new PipelineHealth.Sample(
                            T0.plus(INTERVAL.multipliedBy(i)),
                            JobStatus.unmonitored(),
                            Map.of("t", 100L + 10 * i),
                            Map.of("t", i == 3 ? 101L : 100L)));
        }
        assertThat(other.report().status()).as("offsets committed").isEqualTo("ok");
    }

    @Test
    void lag_that_does_not_grow_is_not_a_stall() {
        JobStatus idle = running(T0.minusSeconds(600));
        for (int i = 0; i <= 6; i++) {
            sample(i, idle, 100, 40);
        }
        assertThat(health.report().status()).isEqualTo("ok");
    }

    @Test
    void a_job_that_is_not_running_is_reported_with_its_state() {
        sample(0, new JobStatus(JobState.FAILED, "j1", 6, null, "restarting in 2 s", "t"), 1, 1);
        PipelineHealth.Report r = health.report();
        assertThat(r.status()).isEqualTo("down");
        assertThat(r.healthy()).isFalse();
        assertThat(r.reasons())
                .singleElement()
                .asString()
                .contains("j1 is failed (restarting in 2 s)");

        sample(1, new JobStatus(JobState.RESTARTING, "j1", 6, null, null, "t"), 1, 1);
        assertThat(health.report().status()).isEqualTo("restarting");
        sample(2, new JobStatus(JobState.NOT_FOUND, null, 0, null, null, "t"), 1, 1);
        assertThat(health.report().status()).isEqualTo("down");
        sample(3, new JobStatus(JobState.UNREACHABLE, null, 0, null, null, "t"), 1, 1);
        assertThat(health.report().status()).isEqualTo("unknown");
        sample(4, new JobStatus(JobState.STARTING, null, 0, null, null, "t"), 1, 1);
        assertThat(health.report().status()).isEqualTo("starting");
    }

    @Test
    void unknown_offsets_give_no_lag_and_no_stall() {
        for (int i = 0; i <= 4; i++) {
            health.observe(
                    new PipelineHealth.Sample(
                            T0.plus(INTERVAL.multipliedBy(i)), running(null), Map.of(), Map.of()));
        }
        PipelineHealth.Report r = health.report();
        assertThat(r.status()).isEqualTo("ok");
        assertThat(r.lagTotal()).isNull();
        assertThat(r.checkpointAgeSeconds()).isNull();
    }
}
