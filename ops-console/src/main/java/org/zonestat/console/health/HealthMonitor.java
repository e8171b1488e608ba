package org.zonestat.console.health;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.PipelineCounters;

/**
 * Samples the pipeline every {@link HealthSettings#interval()} on a daemon thread: the job's state
 * from its {@link JobStatusSource} and the raw topics' records and committed offsets from {@link
 * PipelineCounters}, judged by {@link PipelineHealth}. Logs each change of the verdict (a warning
 * when it leaves {@code ok}, with the reasons).
 *
 * <p>Thread-safe.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final JobStatusSource job;
    private final Supplier<PipelineCounters.Snapshot> offsets;
    private final PipelineHealth health;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private String lastStatus;

    /**
     * @param settings the sampling interval and the stall rule
     * @param job where the job's state comes from
     * @param offsets the raw topics' records and the job's committed offsets
     * @param clock the time samples are stamped with
     */
    public HealthMonitor(
            HealthSettings settings,
            JobStatusSource job,
            Supplier<PipelineCounters.Snapshot> offsets,
            Clock clock) {
        this.job = Objects.requireNonNull(job, "job");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.health = new PipelineHealth(settings);
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "zonestat-health");
                            t.setDaemon(true);
                            return t;
                        });
        long millis = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(this::sampleQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The latest verdict; the first call before any sample takes one. */
    public PipelineHealth.Report report() {
        PipelineHealth.Report r = health.report();
        return r != null ? r : sample();
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warn("pipeline health sample failed: {}", e.toString());
        }
    }

    private synchronized PipelineHealth.Report sample() {
        JobStatus status;
        try {
            status = job.current();
        } catch (RuntimeException e) {
            status = new JobStatus(JobState.UNREACHABLE, null, 0, null, e.toString(), "?");
        }
        PipelineCounters.Snapshot s = offsets.get();
        Map<String, Long> committed = s.in().isEmpty() ? Map.of() : s.committedByJob();
        health.observe(new PipelineHealth.Sample(clock.instant(), status, s.in(), committed));
        PipelineHealth.Report r = health.report();
        if (!r.status().equals(lastStatus)) {
            if (r.healthy()) {
                LOG.info(
                        "pipeline ok: job {} {}, {} raw records waiting",
                        r.job().state(),
                        r.job().jobId(),
                        r.lagTotal());
            } else {
                LOG.warn("pipeline {}: {}", r.status(), String.join("; ", r.reasons()));
            }
            lastStatus = r.status();
        }
        return r;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
