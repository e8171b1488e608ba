package org.zonestat.geo.cli;

/**
 * What a tagging run did: every input row is counted exactly once as tagged, in no zone, or with
 * bad coordinates (missing, not a number, out of range).
 *
 * <p>Immutable value.
 */
public record TagSummary(
        long rows, long tagged, long noZone, long missing, long notANumber, long outOfRange) {

    /** Rows whose coordinates could not be used. */
    public long badCoordinates() {
        return missing + notANumber + outOfRange;
    }

    /** One line for people, e.g. for standard error. */
    public String describe() {
        return String.format(
                "rows %d, tagged %d, no zone %d, bad coordinates %d (missing %d, not a number %d, out of range %d)",
                rows, tagged, noZone, badCoordinates(), missing, notANumber, outOfRange);
    }
}
