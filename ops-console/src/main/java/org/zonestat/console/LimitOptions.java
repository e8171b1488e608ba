package org.zonestat.console;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The console's limit flags ({@link ConsoleLimits}). A picocli mixin.
 *
 * <p>Not thread-safe: set while the command line is parsed, read after.
 */
public final class LimitOptions {
    private static final ConsoleLimits DEFAULTS = ConsoleLimits.defaults();

    @Option(
            names = "--max-request-bytes",
            paramLabel = "N",
            description = "The largest request body (413 past it), zone uploads aside.")
    private int maxRequestBytes = DEFAULTS.maxRequestBytes();

    @Option(
            names = "--max-upload-bytes",
            paramLabel = "N",
            description =
                    "The largest zone-layer upload (413 past it; at most the zones topic's"
                            + " message size).")
    private int maxUploadBytes = DEFAULTS.maxUploadBytes();

    @Option(
            names = "--max-socket-message-bytes",
            paramLabel = "N",
            description = "The largest WebSocket message a client may send (closed with 1009).")
    private int maxSocketMessageBytes = DEFAULTS.maxSocketMessageBytes();

    @Option(
            names = "--socket-messages-per-second",
            paramLabel = "X",
            description = "The steady rate of messages one WebSocket client may send.")
    private double socketMessagesPerSecond = DEFAULTS.socketMessagesPerSecond();

    @Option(
            names = "--socket-message-burst",
            paramLabel = "N",
            description =
                    "Messages a WebSocket client may send at once above that rate; one more closes"
                            + " it with 1008.")
    private int socketMessageBurst = DEFAULTS.socketMessageBurst();

    @Option(
            names = "--snapshot-interval-ms",
            paramLabel = "MS",
            description =
                    "The shortest time between two snapshots to one WebSocket client; faster"
                            + " subscriptions are applied together (the latest wins).")
    private long snapshotIntervalMillis = DEFAULTS.snapshotInterval().toMillis();

    @Option(
            names = "--zone-max-vertices",
            paramLabel = "N",
            description = "The most vertices one uploaded zone may have.")
    private int zoneMaxVertices = DEFAULTS.zoneMaxVertices();

    @Option(
            names = "--zone-max-area-km2",
            paramLabel = "X",
            description = "The largest area one uploaded zone may cover, in km².")
    private double zoneMaxAreaKm2 = DEFAULTS.zoneMaxAreaKm2();

    /**
     * The limits.
     *
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public ConsoleLimits limits() {
        return new ConsoleLimits(
                maxRequestBytes,
                maxUploadBytes,
                maxSocketMessageBytes,
                socketMessagesPerSecond,
                socketMessageBurst,
                Duration.ofMillis(snapshotIntervalMillis),
                zoneMaxVertices,
                zoneMaxAreaKm2);
    }
}
