package org.zonestat.console.health;

/** The stream job's state as the console reports it; Flink's states folded into what matters. */
public enum JobState {
    /** Every task runs. */
    RUNNING,
    /** Submitted, scheduling or restoring its state; not yet running. */
    STARTING,
    /** Failed and being restarted (by Flink's restart strategy or by a supervisor). */
    RESTARTING,
    /** Failed for good: nothing restarts it. */
    FAILED,
    /** Cancelled or stopped. */
    CANCELED,
    /** Finished (a streaming job should not). */
    FINISHED,
    /** No job of that name is known. */
    NOT_FOUND,
    /** The source of the job's state does not answer. */
    UNREACHABLE,
    /** The console was not given a source of the job's state. */
    UNMONITORED;

    /**
     * Flink's job status name (e.g. {@code RUNNING}, {@code FAILING}) as one of these; unknown
     * names are {@link #STARTING}.
     */
    public static JobState fromFlink(String flinkStatus) {
        return switch (flinkStatus) {
            case "RUNNING" -> RUNNING;
            case "RESTARTING", "FAILING" -> RESTARTING;
            case "FAILED" -> FAILED;
            case "CANCELED", "CANCELLING", "SUSPENDED" -> CANCELED;
            case "FINISHED" -> FINISHED;
            default -> STARTING; // INITIALIZING, CREATED, RECONCILING
        };
    }
}
