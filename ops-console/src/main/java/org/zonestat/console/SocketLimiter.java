package org.zonestat.console;

import java.time.Duration;

/**
 * The limits of one WebSocket client's messages: a token bucket of {@code burst} messages refilled
 * at {@code perSecond} (a message with the bucket empty means the client must be closed), and at
 * most one snapshot per {@code snapshotInterval} (a subscription sent sooner waits until the
 * interval has passed). Times are {@link System#nanoTime()} values passed in, so tests drive it.
 *
 * <p>Not thread-safe: one per socket, used under the socket's lock.
 */
final class SocketLimiter {
    private final double perSecond;
    private final int burst;
    private final long snapshotIntervalNanos;
    private double tokens;
    private long refilledAt;
    private long lastSnapshotAt;
    private boolean snapshotSent;

    SocketLimiter(double perSecond, int burst, Duration snapshotInterval, long now) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.snapshotIntervalNanos = snapshotInterval.toNanos();
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** Takes one message from the bucket; false when the client sent more than it may. */
    boolean tryMessage(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Nanoseconds to wait before the next snapshot may be sent (0: now). */
    long snapshotDelay(long now) {
        if (!snapshotSent) {
            return 0;
        }
        return Math.max(0, lastSnapshotAt + snapshotIntervalNanos - now);
    }

    /** Records that a snapshot (or resume) was sent at {@code now}. */
    void snapshotSent(long now) {
        snapshotSent = true;
        lastSnapshotAt = now;
    }
}
