package org.zonestat.local;

import java.nio.file.Path;

/**
 * What {@code ./zonestat demo} was asked to run, as {@link DemoCommand} parsed it from its flags.
 * Immutable.
 *
 * @param dataDir where the broker keeps its log and the console its token file
 * @param port the console's HTTP port (0 = any free port)
 * @param kafkaPort the embedded broker's client port (0 = any free port)
 * @param speed replay speed: event-time seconds per wall-clock second (0 = as fast as possible)
 * @param feed {@code baltimore} (the real data) or {@code none}
 * @param parallelism the Flink job's parallelism
 * @param mailPort the in-process SMTP server's port (0 = any free port)
 */
public record DemoOptions(
        Path dataDir,
        int port,
        int kafkaPort,
        double speed,
        String feed,
        int parallelism,
        int mailPort) {}
