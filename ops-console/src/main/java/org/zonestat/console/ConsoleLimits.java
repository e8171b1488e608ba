package org.zonestat.console;

import java.time.Duration;
import java.util.Objects;
import org.zonestat.console.zones.ZoneLayerPublisher;

/**
 * What the console accepts from one client, so that no request, socket or upload can exhaust it.
 * Past a limit the client gets a clear refusal: {@code 413} for a body, {@code 411} for a body of
 * unknown length, {@code 400} for an upload outside the zone limits, a WebSocket close with {@code
 * 1009} for a message too large and {@code 1008} for too many messages.
 *
 * @param maxRequestBytes the largest request body, zone uploads aside
 * @param maxUploadBytes the largest zone-layer upload
 * @param maxSocketMessageBytes the largest WebSocket message a client may send
 * @param socketMessagesPerSecond the steady rate of messages a WebSocket client may send
 * @param socketMessageBurst how many messages a client may send at once above that rate; one more
 *     closes the socket with 1008
 * @param snapshotInterval the shortest time between two snapshots to one socket: subscriptions sent
 *     faster are applied together once it has passed (the latest wins)
 * @param zoneMaxVertices the most vertices one uploaded zone may have
 * @param zoneMaxAreaKm2 the largest area one uploaded zone may cover, in square kilometres
 */
public record ConsoleLimits(
        int maxRequestBytes,
        int maxUploadBytes,
        int maxSocketMessageBytes,
        double socketMessagesPerSecond,
        int socketMessageBurst,
        Duration snapshotInterval,
        int zoneMaxVertices,
        double zoneMaxAreaKm2) {

    public ConsoleLimits {
        positive("maxRequestBytes", maxRequestBytes);
        positive("maxUploadBytes", maxUploadBytes);
        positive("maxSocketMessageBytes", maxSocketMessageBytes);
        positive("socketMessagesPerSecond", socketMessagesPerSecond);
        positive("socketMessageBurst", socketMessageBurst);
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        if (snapshotInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "snapshotInterval must not be negative, was " + snapshotInterval);
        }
        positive("zoneMaxVertices", zoneMaxVertices);
        positive("zoneMaxAreaKm2", zoneMaxAreaKm2);
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /**
     * 1 MiB bodies, {@link ZoneLayerPublisher#MAX_LAYER_BYTES} uploads, 64 KiB socket messages, 5
     * messages a second with bursts of 20, a snapshot a second, zones of at most 50,000 vertices
     * and 5,000 km² (ten times a large city).
     */
    public static ConsoleLimits defaults() {
        return new ConsoleLimits(
                1 << 20,
                ZoneLayerPublisher.MAX_LAYER_BYTES,
                64 * 1024,
                5,
                20,
                Duration.ofSeconds(1),
                50_000,
                5_000);
    }
}
