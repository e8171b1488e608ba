package org.zonestat.console.health;

/**
 * Where the console learns the stream job's state: Flink's REST API on a cluster ({@link
 * FlinkRestJobStatus}), the in-process job client in the one-process demo, or nothing ({@link
 * #UNMONITORED}). Implementations must be thread-safe and answer within a few seconds; a source
 * that cannot find out says {@link JobState#UNREACHABLE} rather than throwing.
 */
@FunctionalInterface
public interface JobStatusSource {
    /** No source: the state is {@link JobState#UNMONITORED}. */
    JobStatusSource UNMONITORED = JobStatus::unmonitored;

    /** The job's state now. */
    JobStatus current();
}
