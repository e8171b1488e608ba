package org.zonestat.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.health.JobState;
import org.zonestat.console.health.JobStatusSource;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;

/**
 * Runs the zone-tagging job on a local MiniCluster and keeps it running: a job that ends while the
 * demo runs (failed once Flink's own restart budget is spent, or cancelled) is submitted again from
 * its latest retained checkpoint (externalized checkpoints, kept on failure and cancellation, under
 * the checkpoint folder), after a back-off that doubles from {@code initialBackoff} up to {@code
 * maxBackoff} and starts again from the beginning once a restarted job has completed a checkpoint.
 * Each failure and restart is logged at WARN and reported to the console as the job's {@link
 * #current() state} and note.
 *
 * <p>It is the console's {@link JobStatusSource} in the demo: the state from the in-process {@link
 * JobClient}, restarts within the last hour (Flink's, seen as RESTARTING transitions by a poll
 * every 250 ms, and its own), and the latest checkpoint's completion time (its {@code _metadata}
 * file).
 *
 * <p>Thread-safe: one poll thread acts and publishes an immutable status after each step; {@link
 * #current()} (any thread) returns the latest. Start and close from one thread.
 */
public final class JobSupervisor implements JobStatusSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobSupervisor.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String JOB_NAME = "zonestat-zone-tagging";

    private final JobConfig jobConfig;
    private final Path checkpoints;
    private final int parallelism;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private final Deque<Instant> restarts = new ArrayDeque<>();

    private volatile JobClient job;
    private CompletableFuture<JobExecutionResult> result;
    private JobState state = JobState.STARTING;
    private JobStatus lastFlinkStatus;
    private Instant startedAt;
    private int failuresInARow;
    private Instant restartAt;
    private String note;
    private volatile boolean closed;
    private volatile org.zonestat.console.health.JobStatus published;

    /**
     * @param jobConfig the job's settings
     * @param checkpoints where checkpoints are written and retained
     * @param parallelism the job's parallelism
     * @param initialBackoff the wait before the first restart after a failure
     * @param maxBackoff the longest wait between restarts
     */
    public JobSupervisor(
            JobConfig jobConfig,
            Path checkpoints,
            int parallelism,
            Duration initialBackoff,
            Duration maxBackoff) {
        this.jobConfig = jobConfig;
        this.checkpoints = checkpoints.toAbsolutePath();
        this.parallelism = parallelism;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = Clock.systemUTC();
        this.poller =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "zonestat-job-supervisor");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Submits the job (without restoring: the source resumes from its committed offsets). */
    public JobSupervisor start() throws Exception {
        job = submit(null);
        result = job.getJobExecutionResult();
        startedAt = clock.instant();
        publish();
        poller.scheduleWithFixedDelay(
                this::pollQuietly, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private JobClient submit(Path restoreFrom) throws Exception {
        Configuration flink = ZoneTaggingJob.flinkConfiguration(jobConfig);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        flink.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        flink.set(RestOptions.BIND_PORT, "0");
        if (restoreFrom != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
        env.configure(flink);
        env.enableCheckpointing(jobConfig.checkpointInterval().toMillis());
        ZoneTaggingJob.withKafka(jobConfig).build(env);
        return env.executeAsync(JOB_NAME);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (Exception e) {
            LOG.warn("supervising the job: {}", e.toString());
        }
    }

    /** One step of supervision; runs on the poll thread only, never under the lock. */
    private void poll() throws Exception {
        if (closed) {
            return;
        }
        try {
            step();
        } finally {
            publish();
        }
    }

    private void step() throws Exception {
        Instant now = clock.instant();
        if (restartAt != null) {
            if (now.isBefore(restartAt)) {
                return;
            }
            restart(now);
            return;
        }
        // A per-job MiniCluster shuts down with its job, so an ended job is seen through its
        // result, not by asking the (gone) cluster for its status.
        JobStatus flink =
                result.isDone() ? endState() : job.getJobStatus().get(5, TimeUnit.SECONDS);
        if (flink == JobStatus.RESTARTING && lastFlinkStatus != JobStatus.RESTARTING) {
            restarts.addLast(now);
            LOG.warn("job {} failed and Flink is restarting it", job.getJobID());
        }
        lastFlinkStatus = flink;
        state = JobState.fromFlink(flink.name());
        if (flink.isGloballyTerminalState()) {
            scheduleRestart(flink, now);
        } else if (failuresInARow > 0
                && flink == JobStatus.RUNNING
                && latestCheckpointTime().filter(t -> t.isAfter(startedAt)).isPresent()) {
            failuresInARow = 0;
            LOG.info("job {} restored and checkpointing again", job.getJobID());
        }
    }

    private JobStatus endState() {
        Throwable failure = failure();
        if (failure == null) {
            return JobStatus.FINISHED;
        }
        return ExceptionUtils.findThrowable(failure, JobCancellationException.class).isPresent()
                ? JobStatus.CANCELED
                : JobStatus.FAILED;
    }

    /** Why the ended job ended, or null if it finished. */
    private Throwable failure() {
        try {
            result.get(5, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            return ExceptionUtils.stripExecutionException(e);
        }
    }

    private void scheduleRestart(JobStatus flink, Instant now) {
        Duration wait = backoff(failuresInARow, initialBackoff, maxBackoff);
        failuresInARow++;
        restartAt = now.plus(wait);
        state = JobState.RESTARTING;
        String cause = cause();
        note =
                String.format(
                        "job %s %s at %s%s; restarting from its last checkpoint in %d s",
                        job.getJobID(), flink, now, cause, wait.toSeconds());
        LOG.warn("{}", note);
    }

    /**
     * The wait before restart number {@code failures + 1}: doubling from {@code initial}, capped.
     */
    static Duration backoff(int failures, Duration initial, Duration max) {
        Duration wait = initial.multipliedBy(1L << Math.min(failures, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Why the ended job ended, as " after: ..." (empty when it gives no cause). */
    private String cause() {
        Throwable root = failure();
        if (root == null) {
            return "";
        }
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.toString();
        return " after: " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    private void restart(Instant now) throws Exception {
        restartAt = null;
        Optional<Path> checkpoint = latestCheckpoint();
        JobClient next = submit(checkpoint.orElse(null));
        String old = String.valueOf(job.getJobID());
        job = next;
        result = next.getJobExecutionResult();
        startedAt = now;
        lastFlinkStatus = null;
        state = JobState.STARTING;
        restarts.addLast(now);
        note =
                String.format(
                        "restarted at %s as job %s from %s (job %s had stopped)",
                        now,
                        next.getJobID(),
                        checkpoint
                                .map(p -> "checkpoint " + checkpoints.relativize(p))
                                .orElse("the committed offsets (no checkpoint yet)"),
                        old);
        LOG.warn("{}", note);
    }

    /** The newest retained checkpoint folder ({@code <job>/chk-N} with its {@code _metadata}). */
    Optional<Path> latestCheckpoint() {
        return metadataFiles()
                .max(Comparator.comparing(JobSupervisor::modified))
                .map(Path::getParent);
    }

    private Optional<Instant> latestCheckpointTime() {
        return metadataFiles().map(JobSupervisor::modified).max(Comparator.naturalOrder());
    }

    private Stream<Path> metadataFiles() {
        if (!Files.isDirectory(checkpoints)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.find(checkpoints, 3, (p, a) -> isMetadata(p))) {
            return files.toList().stream();
        } catch (IOException | RuntimeException e) {
            return Stream.empty(); // a checkpoint being written or removed as we look
        }
    }

    private static boolean isMetadata(Path p) {
        return p.getFileName().toString().equals("_metadata")
                && p.getParent().getFileName().toString().startsWith("chk-");
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** Makes the poll thread's view the one {@link #current()} answers with. */
    private void publish() {
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(hourAgo)) {
            restarts.removeFirst();
        }
        published =
                new org.zonestat.console.health.JobStatus(
                        state,
                        job.getJobID().toString(),
                        restarts.size(),
                        latestCheckpointTime().orElse(null),
                        note,
                        "in-process job client");
    }

    @Override
    public org.zonestat.console.health.JobStatus current() {
        return published;
    }

    /** Cancels the running job as an operator or a failure would stop it (for drills). */
    public void cancelForDrill() throws Exception {
        LOG.warn("drill: cancelling job {}", job.getJobID());
        job.cancel().get(30, TimeUnit.SECONDS);
    }

    /** Stops supervising and cancels the job (its last checkpoint is retained). */
    @Override
    public void close() {
        closed = true;
        poller.shutdownNow();
        try {
            poller.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        JobClient last = job;
        if (last != null) {
            try {
                last.cancel().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("cancelling the Flink job: {}", e.toString());
            }
        }
    }
}
