package org.zonestat.jobs;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.zonestat.city.CityOption;
import org.zonestat.config.BootstrapOption;
import org.zonestat.config.Cli;
import org.zonestat.config.JobGroupOption;
import org.zonestat.geo.cli.LayerOptions;
import org.zonestat.jobs.analytics.AnalyticsConfig;
import org.zonestat.jobs.history.HistoryService;
import org.zonestat.jobs.io.RecordLimits;
import org.zonestat.topics.TopicOptions;
import org.zonestat.topics.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The zone-tagging job's flags, as {@code zonestat job} and as the cluster entry point {@link
 * ZoneTaggingJob#main} ({@code flink run}, the REST API's program arguments, the Kubernetes and
 * Compose manifests) take them; each default is the city's ({@code --city}, {@link
 * JobConfig#forCity}). {@link #config()} turns them into a {@link JobConfig}; a bad value is a
 * {@link ParameterException} naming the flag, a bad city profile one naming its file.
 *
 * <p>Not thread-safe: one instance parses one command line.
 */
@Command(
        name = "job",
        description = {
            "Runs the zone-tagging job: the raw topics in; events, rejections, alerts,"
                    + " notifications, zone stats and hot spots out.",
            "On a Flink cluster, ZoneTaggingJob takes the same flags."
        })
public final class JobCommand implements Callable<Integer> {
    private static final JobConfig DEFAULTS = JobConfig.defaults(BootstrapOption.DEFAULT);

    @Spec private CommandSpec spec;

    @Mixin private BootstrapOption kafka;

    @Mixin private JobGroupOption group;

    @Mixin private CityOption city;

    @Mixin private LayerOptions layers;

    @Option(
            names = "--h3-resolution",
            paramLabel = "N",
            description = "H3 resolution of the events' h3 field, 0..15.")
    private int h3Resolution = DEFAULTS.h3Resolution();

    @Option(
            names = "--out-of-orderness-seconds",
            paramLabel = "N",
            description =
                    "Watermark bound: how far behind the newest event time an event may arrive.")
    private long outOfOrdernessSeconds = DEFAULTS.maxOutOfOrderness().toSeconds();

    @Option(
            names = "--future-tolerance-seconds",
            paramLabel = "N",
            description = "How far after its receipt an event's occurredAt may be.")
    private long futureToleranceSeconds = DEFAULTS.futureTolerance().toSeconds();

    @Option(
            names = "--checkpoint-interval-seconds",
            paramLabel = "N",
            description = "Checkpoint interval (checkpoints also commit the source offsets).")
    private long checkpointIntervalSeconds = DEFAULTS.checkpointInterval().toSeconds();

    @Option(
            names = "--dedupe-window-hours",
            paramLabel = "N",
            description =
                    "The longest an event id is remembered to drop redeliveries (processing time,"
                            + " a state TTL); an id is forgotten earlier, when the watermark makes"
                            + " its copies late.")
    private long dedupeWindowHours = DEFAULTS.dedupeWindow().toHours();

    @Option(
            names = "--near-repeat-meters",
            paramLabel = "N",
            description = "Near-repeat radius (default: the city's).")
    private Double nearRepeatMeters;

    @Option(
            names = "--near-repeat-days",
            paramLabel = "N",
            description = "Near-repeat window (default: the city's).")
    private Long nearRepeatDays;

    @Option(
            names = "--allowed-lateness-hours",
            paramLabel = "N",
            description =
                    "A record more than this behind its stream's event time is rejected as late;"
                            + " the daily scorecard takes late records this long after a day ends.")
    private long allowedLatenessHours = DEFAULTS.analytics().zoneStatsLateness().toHours();

    @Option(
            names = "--bounded",
            description = "Read the raw topics to their current end, then stop.")
    private boolean bounded = DEFAULTS.bounded();

    @Option(
            names = "--fail-after-records",
            paramLabel = "N",
            description =
                    "Fault drill: each subtask fails once, after N records and a completed"
                            + " checkpoint, on the first attempt (0 = off).")
    private long failAfterRecords = DEFAULTS.failAfterRecords();

    @Option(
            names = "--max-raw-record-bytes",
            paramLabel = "N",
            description =
                    "A raw record larger than this is rejected as too-large, with the start of its"
                            + " text.")
    private int maxRawRecordBytes = DEFAULTS.limits().maxRawRecordBytes();

    @Option(
            names = "--max-output-record-bytes",
            paramLabel = "N",
            description = "The largest record the job writes; below the topics' max.message.bytes.")
    private int maxOutputRecordBytes = DEFAULTS.limits().maxOutputRecordBytes();

    @Mixin private TopicOptions topics;

    /**
     * {@code ./zonestat job}: runs the job in this JVM (a local Flink environment) and exits with
     * the command's exit code. On a Flink cluster use {@link ZoneTaggingJob#main}.
     */
    public static void main(String[] args) {
        Cli.main(new JobCommand(), args);
    }

    /**
     * The configuration of a command line, with {@code ZONESTAT_*} defaults from the environment,
     * or empty when {@code --help} was asked for (then the usage is printed to {@code out}).
     *
     * @throws ParameterException for an unknown flag or a bad value, naming the flag
     */
    public static Optional<JobConfig> parse(
            String[] args, Map<String, String> environment, PrintStream out) {
        JobCommand command = new JobCommand();
        CommandLine cl = Cli.commandLine(command, environment);
        cl.parseArgs(args);
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return Optional.empty();
        }
        return Optional.of(command.config());
    }

    /** {@link #parse} for a command line without {@code --help}. */
    public static JobConfig parse(String[] args, Map<String, String> environment) {
        return parse(args, environment, System.out)
                .orElseThrow(() -> new IllegalArgumentException("--help has no configuration"));
    }

    /**
     * The job's configuration from the parsed flags.
     *
     * @throws ParameterException naming the flag whose value is out of range
     */
    public JobConfig config() {
        if (h3Resolution < 0 || h3Resolution > 15) {
            throw Cli.invalid(spec, "--h3-resolution", h3Resolution, "0..15");
        }
        atLeast("--out-of-orderness-seconds", outOfOrdernessSeconds, 0);
        atLeast("--future-tolerance-seconds", futureToleranceSeconds, 0);
        atLeast("--checkpoint-interval-seconds", checkpointIntervalSeconds, 1);
        atLeast("--dedupe-window-hours", dedupeWindowHours, 1);
        JobConfig cityDefaults = JobConfig.forCity(kafka.servers(), city.profile());
        AnalyticsConfig analytics = cityDefaults.analytics();
        double meters =
                nearRepeatMeters != null ? nearRepeatMeters : analytics.nearRepeatRadiusMeters();
        if (!(meters > 0 && meters <= 50_000)) {
            throw Cli.invalid(spec, "--near-repeat-meters", meters, "(0, 50000]");
        }
        long days = nearRepeatDays != null ? nearRepeatDays : analytics.nearRepeatWindow().toDays();
        atLeast("--near-repeat-days", days, 0);
        atLeast("--allowed-lateness-hours", allowedLatenessHours, 0);
        atLeast("--fail-after-records", failAfterRecords, 0);
        atLeast("--max-raw-record-bytes", maxRawRecordBytes, 1_024);
        if (maxOutputRecordBytes < RecordLimits.MIN_OUTPUT_RECORD_BYTES
                || maxOutputRecordBytes >= Topics.MAX_MESSAGE_BYTES) {
            throw Cli.invalid(
                    spec,
                    "--max-output-record-bytes",
                    maxOutputRecordBytes,
                    RecordLimits.MIN_OUTPUT_RECORD_BYTES + ".." + (Topics.MAX_MESSAGE_BYTES - 1));
        }
        return new JobConfig(
                kafka.servers(),
                topics.topics(),
                group.id(),
                layers.specsOr(cityDefaults.layers()),
                h3Resolution,
                Duration.ofSeconds(outOfOrdernessSeconds),
                Duration.ofSeconds(futureToleranceSeconds),
                Duration.ofSeconds(checkpointIntervalSeconds),
                Duration.ofHours(dedupeWindowHours),
                bounded,
                failAfterRecords,
                analytics
                        .withNearRepeat(meters, Duration.ofDays(days))
                        .withZoneStatsLateness(Duration.ofHours(allowedLatenessHours)),
                cityDefaults.hotspots(),
                new RecordLimits(maxRawRecordBytes, maxOutputRecordBytes));
    }

    /**
     * Runs the job with the parsed flags until it ends (never, unless {@code --bounded}); an
     * unbounded job has the history service beside it, which processes backfills' loads in batch.
     */
    @Override
    public Integer call() throws Exception {
        JobConfig config = config();
        try (HistoryService history =
                config.bounded()
                        ? null
                        : new HistoryService(config, HISTORY_PARALLELISM, Clock.systemUTC())
                                .start()) {
            ZoneTaggingJob.run(config);
        }
        return 0;
    }

    /** The parallelism of each history run beside {@code zonestat job}. */
    private static final int HISTORY_PARALLELISM = 2;

    private void atLeast(String flag, long value, long min) {
        if (value < min) {
            throw Cli.invalid(spec, flag, value, ">= " + min);
        }
    }
}
