package org.zonestat.console.health;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link JobStatusSource} knows about the stream job at one moment.
 *
 * @param state the job's state
 * @param jobId the job's id, or null when there is no job
 * @param restartsLastHour restarts within the last hour (Flink's own restarts and any restart by a
 *     supervisor)
 * @param lastCheckpointAt when the latest completed checkpoint was acknowledged, or null if none is
 *     known
 * @param note the latest thing a supervisor did or saw (e.g. "restarted from checkpoint chk-12
 *     after: ..."), or null
 * @param source where this came from, e.g. {@code flink-rest http://127.0.0.1:8081}
 */
public record JobStatus(
        JobState state,
        String jobId,
        int restartsLastHour,
        Instant lastCheckpointAt,
        String note,
        String source) {

    public JobStatus {
        Objects.requireNonNull(state, "state");
        if (restartsLastHour < 0) {
            throw new IllegalArgumentException(
                    "restartsLastHour must be >= 0, was " + restartsLastHour);
        }
    }

    /** A job nobody reports on: the health check judges by the committed offsets alone. */
    public static JobStatus unmonitored() {
        return new JobStatus(JobState.UNMONITORED, null, 0, null, null, "none");
    }
}
