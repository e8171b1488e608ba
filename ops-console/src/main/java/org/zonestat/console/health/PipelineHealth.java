package org.zonestat.console.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Judges whether the pipeline is healthy from samples taken every {@code interval}: the job's state
 * ({@link JobStatus}) and, per raw topic, the records in the topic and the offsets the job has
 * committed reading them (the job commits with each completed checkpoint).
 *
 * <p>The verdict, in order:
 *
 * <ol>
 *   <li>{@code starting}, {@code restarting}, {@code down} or {@code unknown} when the job is not
 *       running: {@link JobState#STARTING}; {@link JobState#RESTARTING}; {@link JobState#FAILED},
 *       {@link JobState#CANCELED}, {@link JobState#FINISHED} or {@link JobState#NOT_FOUND}; {@link
 *       JobState#UNREACHABLE}.
 *   <li>{@code stalled} when, over the last {@code stallIntervals} intervals (from the newest
 *       sample at least that old to the latest), the lag (records in − committed, summed over the
 *       raw topics) grew, the committed offsets did not move, and no checkpoint completed. A job
 *       that is merely slow commits with each checkpoint, so it is not stalled; one whose
 *       checkpoints have stopped (a stuck task, backpressure that blocks barriers, a sink that
 *       cannot commit) is.
 *   <li>{@code ok} otherwise: the job runs (or, with no job source, {@link JobState#UNMONITORED},
 *       its committed offsets keep moving whenever records wait).
 * </ol>
 *
 * <p>Thread-safe: {@link #observe} and {@link #report} are synchronized.
 */
public final class PipelineHealth {
    /** The verdict that means healthy. */
    public static final String OK = "ok";

    private final Duration interval;
    private final int stallIntervals;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /**
     * One observation.
     *
     * @param at when it was taken
     * @param job the job's state then
     * @param records records in each raw topic (end offsets summed over partitions); empty when
     *     they could not be read
     * @param committed offsets the job had committed on each raw topic (summed over partitions)
     */
    public record Sample(
            Instant at, JobStatus job, Map<String, Long> records, Map<String, Long> committed) {
        public Sample {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(job, "job");
            records = Map.copyOf(records);
            committed = Map.copyOf(committed);
        }

        /** Records waiting for the job on each raw topic. */
        Map<String, Long> lag() {
            Map<String, Long> lag = new TreeMap<>();
            records.forEach((t, n) -> lag.put(t, Math.max(0, n - committed.getOrDefault(t, 0L))));
            return lag;
        }

        long lagTotal() {
            return lag().values().stream().mapToLong(Long::longValue).sum();
        }

        long committedTotal() {
            return committed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * What {@code /api/health} reports about the pipeline.
     *
     * @param status {@code ok}, {@code starting}, {@code restarting}, {@code down}, {@code stalled}
     *     or {@code unknown}
     * @param reasons sentences saying why the status is not {@code ok} (empty when it is)
     * @param job the job's state
     * @param checkpointAgeSeconds seconds since the latest completed checkpoint, or null if none is
     *     known
     * @param lag records waiting for the job per raw topic; empty when unknown
     * @param lagTotal their sum, or null when unknown
     * @param checkedAt when the latest sample was taken
     * @param stallWindowSeconds how long lag must grow without a checkpoint to count as stalled
     */
    public record Report(
            String status,
            List<String> reasons,
            JobStatus job,
            Long checkpointAgeSeconds,
            Map<String, Long> lag,
            Long lagTotal,
            Instant checkedAt,
            long stallWindowSeconds) {

        /** Whether the pipeline runs and keeps up: {@code status} is {@code ok}. */
        public boolean healthy() {
            return OK.equals(status);
        }
    }

    /** Judges by {@code settings}: the sampling interval and the stall rule. */
    public PipelineHealth(HealthSettings settings) {
        this.interval = settings.interval();
        this.stallIntervals = settings.stallIntervals();
    }

    private Duration stallWindow() {
        return interval.multipliedBy(stallIntervals);
    }

    /** Adds a sample; samples older than the stall window (plus one interval) are dropped. */
    public synchronized void observe(Sample sample) {
        samples.addLast(sample);
        Instant keepFrom = sample.at().minus(stallWindow()).minus(interval);
        while (samples.size() > 1 && samples.peekFirst().at().isBefore(keepFrom)) {
            samples.removeFirst();
        }
    }

    /** The verdict on the samples so far, or null before the first sample. */
    public synchronized Report report() {
        Sample latest = samples.peekLast();
        if (latest == null) {
            return null;
        }
        JobStatus job = latest.job();
        List<String> reasons = new ArrayList<>();
        String status = statusOfJob(job, reasons);
        if (status.equals(OK) && stalled(latest)) {
            status = "stalled";
            reasons.add(
                    String.format(
                            "%d raw records wait and the number grew over the last %d s with no"
                                    + " checkpoint and no committed progress",
                            latest.lagTotal(), stallWindow().toSeconds()));
        }
        Long checkpointAge =
                job.lastCheckpointAt() == null
                        ? null
                        : Math.max(
                                0,
                                Duration.between(job.lastCheckpointAt(), latest.at()).toSeconds());
        boolean lagKnown = !latest.records().isEmpty();
        return new Report(
                status,
                List.copyOf(reasons),
                job,
                checkpointAge,
                lagKnown ? latest.lag() : Map.of(),
                lagKnown ? latest.lagTotal() : null,
                latest.at(),
                stallWindow().toSeconds());
    }

    private static String statusOfJob(JobStatus job, List<String> reasons) {
        String id = job.jobId() == null ? "" : " " + job.jobId();
        String note = job.note() == null ? "" : " (" + job.note() + ")";
        return switch (job.state()) {
            case RUNNING, UNMONITORED -> OK;
            case STARTING -> {
                reasons.add("the job" + id + " is starting" + note);
                yield "starting";
            }
            case RESTARTING -> {
                reasons.add("the job" + id + " failed and is restarting" + note);
                yield "restarting";
            }
            case FAILED, CANCELED, FINISHED -> {
                reasons.add("the job" + id + " is " + job.state().name().toLowerCase() + note);
                yield "down";
            }
            case NOT_FOUND -> {
                reasons.add("no stream job is running" + note);
                yield "down";
            }
            case UNREACHABLE -> {
                reasons.add("the job's state cannot be read from " + job.source() + note);
                yield "unknown";
            }
        };
    }

    /** See the class comment. */
    private boolean stalled(Sample latest) {
        if (latest.records().isEmpty()) {
            return false;
        }
        Instant windowStart = latest.at().minus(stallWindow());
        Sample start = null;
        for (Sample s : samples) {
            if (!s.at().isAfter(windowStart) && !s.records().isEmpty()) {
                start = s;
            }
        }
        if (start == null) {
            return false;
        }
        Instant checkpoint = latest.job().lastCheckpointAt();
        boolean checkpointInWindow = checkpoint != null && checkpoint.isAfter(start.at());
        return latest.lagTotal() > start.lagTotal()
                && latest.committedTotal() == start.committedTotal()
                && !checkpointInWindow;
    }
}
