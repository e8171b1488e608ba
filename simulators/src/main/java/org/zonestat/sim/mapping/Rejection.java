package org.zonestat.sim.mapping;

import java.util.Objects;

/**
 * One input record an adapter could not read: the file it came from, the line on which it starts
 * (1-based; 0 when the problem concerns the whole file) and a sentence saying why.
 *
 * <p>Immutable; thread-safe.
 */
public record Rejection(String file, long line, String reason) {
    public Rejection {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    /** {@code file:line: reason}, the form the backfill command prints. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
