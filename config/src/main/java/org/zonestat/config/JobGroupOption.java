package org.zonestat.config;

import picocli.CommandLine.Option;

/**
 * {@code --group}: the zone-tagging job's Kafka consumer group. The job commits its source offsets
 * under it; the console reads them back to show how far behind the job is. A picocli mixin.
 *
 * <p>Not thread-safe: set while the command line is parsed, read after.
 */
public final class JobGroupOption {
    /** The group the job uses unless told otherwise. */
    public static final String DEFAULT = "zonestat-tagging";

    @Option(
            names = "--group",
            paramLabel = "ID",
            defaultValue = DEFAULT,
            description = "The zone-tagging job's Kafka consumer group (its committed offsets).")
    private String group = DEFAULT;

    public String id() {
        return group;
    }
}
