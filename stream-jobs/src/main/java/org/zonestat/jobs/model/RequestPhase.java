package org.zonestat.jobs.model;

import java.util.Locale;

/**
 * Where a 311 request is in its lifecycle. The ordinal is the status rank used to order updates
 * that happened at the same instant: a closure outranks work in progress, which outranks intake.
 */
public enum RequestPhase {
    /** Received, not yet worked ({@code New}, {@code New (Duplicate)}). */
    NEW,
    /**
     * Being worked: {@code Open}, {@code Pending}, {@code Hold}, {@code In Progress}, any other.
     */
    OPEN,
    /** Done: {@code Closed}, {@code Closed (Duplicate)}, {@code Closed (Transferred)}. */
    CLOSED;

    /**
     * The phase of a Baltimore 311 status text (case-insensitive): starts with {@code new} → NEW,
     * starts with {@code closed} → CLOSED, anything else (including unknown statuses) → OPEN.
     */
    public static RequestPhase of(String status) {
        String s = status.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("closed")) {
            return CLOSED;
        }
        if (s.startsWith("new")) {
            return NEW;
        }
        return OPEN;
    }
}
