package org.zonestat.console;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the web side of the console.
 *
 * @param tileUrl optional raster tile URL template for a base map under the zones (e.g. {@code
 *     https://tile.openstreetmap.org/{z}/{x}/{y}.png}); null (the default) means no tiles and no
 *     outside requests: the zone polygons are the base map
 * @param tileAttribution attribution text shown with the tiles, or null
 * @param maxMarkers how many event markers the page keeps before removing the oldest
 * @param clientQueueLimit how many messages a WebSocket client may fall behind before it is closed
 *     with 1013 (it reconnects and gets a fresh snapshot)
 * @param pingInterval how often the server pings each WebSocket client to keep it open
 * @param warmUpZones whether to serialize every zone layer on a background thread when the server
 *     starts (a few seconds of CPU for a city's six layers), so the first page load does not wait
 */
public record ConsoleConfig(
        String tileUrl,
        String tileAttribution,
        int maxMarkers,
        int clientQueueLimit,
        Duration pingInterval,
        boolean warmUpZones) {

    public ConsoleConfig {
        if (tileUrl != null && !(tileUrl.startsWith("https://") || tileUrl.startsWith("http://"))) {
            throw new IllegalArgumentException(
                    "tileUrl must be an http(s) URL template, was " + tileUrl);
        }
        if (maxMarkers < 1) {
            throw new IllegalArgumentException("maxMarkers must be >= 1, was " + maxMarkers);
        }
        if (clientQueueLimit < 1) {
            throw new IllegalArgumentException(
                    "clientQueueLimit must be >= 1, was " + clientQueueLimit);
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException(
                    "pingInterval must be positive, was " + pingInterval);
        }
    }

    /**
     * No tiles, 1,000 markers, 5,000 queued messages per client, a ping every 20 s, zones warmed up
     * at start.
     */
    public static ConsoleConfig defaults() {
        return new ConsoleConfig(null, null, 1000, 5000, Duration.ofSeconds(20), true);
    }

    public ConsoleConfig withTiles(String url, String attribution) {
        return new ConsoleConfig(
                url, attribution, maxMarkers, clientQueueLimit, pingInterval, warmUpZones);
    }

    public ConsoleConfig withMaxMarkers(int markers) {
        return new ConsoleConfig(
                tileUrl, tileAttribution, markers, clientQueueLimit, pingInterval, warmUpZones);
    }

    public ConsoleConfig withClientQueueLimit(int limit) {
        return new ConsoleConfig(
                tileUrl, tileAttribution, maxMarkers, limit, pingInterval, warmUpZones);
    }

    public ConsoleConfig withWarmUpZones(boolean warmUp) {
        return new ConsoleConfig(
                tileUrl, tileAttribution, maxMarkers, clientQueueLimit, pingInterval, warmUp);
    }
}
