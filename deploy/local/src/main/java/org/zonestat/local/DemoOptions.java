package org.zonestat.local;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.zonestat.city.CityProfile;

/**
 * What {@code ./zonestat demo} was asked to run, as {@link DemoCommand} parsed it from its flags.
 * Immutable.
 *
 * @param dataDir where the broker keeps its log and the console its token file
 * @param port the console's HTTP port (0 = any free port)
 * @param kafkaPort the embedded broker's client port (0 = any free port)
 * @param speed the real history's replay speed: event-time seconds per wall-clock second (0 = as
 *     fast as possible)
 * @param feed {@link DemoFeed#ALL} (the real history, then the synthetic city live), {@link
 *     DemoFeed#HISTORY} (the real history only) or {@link DemoFeed#NONE}
 * @param parallelism the Flink job's parallelism
 * @param mailPort the in-process SMTP server's port (0 = any free port)
 * @param city the city served
 * @param seed the synthetic city's seed
 * @param clock what "now" is for the synthetic city: its history ends and its live records are
 *     published as this clock passes them (the system clock; tests give a fixed one)
 */
public record DemoOptions(
        Path dataDir,
        int port,
        int kafkaPort,
        double speed,
        DemoFeed feed,
        int parallelism,
        int mailPort,
        CityProfile city,
        long seed,
        Clock clock) {

    public DemoOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(clock, "clock");
    }

    /** What the demo publishes. */
    public enum DemoFeed {
        /** The city's real history at {@code speed}, then the synthetic city up to now and live. */
        ALL,
        /** The city's real history only. */
        HISTORY,
        /** Nothing: another tool publishes. */
        NONE
    }
}
