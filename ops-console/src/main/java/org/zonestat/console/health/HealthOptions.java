package org.zonestat.console.health;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The console's health flags: where the job's state comes from and when the pipeline counts as
 * stalled. A picocli mixin.
 *
 * <p>Not thread-safe: set while the command line is parsed, read after.
 */
public final class HealthOptions {
    /** The job's name as it is submitted. */
    public static final String JOB_NAME = "zonestat-zone-tagging";

    @Option(
            names = "--flink-rest",
            paramLabel = "URL",
            description =
                    "The Flink JobManager's REST API (e.g. http://127.0.0.1:8081), where"
                            + " /api/health reads the job's state, restarts and checkpoints"
                            + " (default: none, health is judged by the committed offsets alone).")
    private URI flinkRest;

    @Option(
            names = "--job-name",
            paramLabel = "NAME",
            description = "The stream job's name on the Flink cluster.")
    private String jobName = JOB_NAME;

    @Option(
            names = "--health-interval-seconds",
            paramLabel = "N",
            description = "How often the job's state and the raw topics' lag are sampled.")
    private int intervalSeconds = (int) HealthSettings.defaults().interval().toSeconds();

    @Option(
            names = "--stall-intervals",
            paramLabel = "N",
            description =
                    "The pipeline is stalled (/api/health 503) when the raw topics' lag grew over"
                            + " this many intervals with no checkpoint and no committed progress.")
    private int stallIntervals = HealthSettings.defaults().stallIntervals();

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public HealthSettings settings() {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException(
                    "--health-interval-seconds must be >= 1, was " + intervalSeconds);
        }
        if (stallIntervals < 1) {
            throw new IllegalArgumentException(
                    "--stall-intervals must be >= 1, was " + stallIntervals);
        }
        return new HealthSettings(Duration.ofSeconds(intervalSeconds), stallIntervals);
    }

    /**
     * The Flink REST API when {@code --flink-rest} is given, else {@link
     * JobStatusSource#UNMONITORED}.
     */
    public JobStatusSource source() {
        return flinkRest == null
                ? JobStatusSource.UNMONITORED
                : new FlinkRestJobStatus(flinkRest, jobName, Clock.systemUTC());
    }
}
