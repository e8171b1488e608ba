package org.zonestat.sim.synthetic;

/**
 * The kinds of malformed record the synthetic city delivers when asked to (each is what a real feed
 * gets wrong, and what the pipeline must reject with its reason rather than crash on).
 */
public enum MalformedKind {
    /** The JSON text is cut in half: not a JSON object ({@code malformed-json}). */
    BAD_JSON,
    /** {@code occurredAt} is left out ({@code missing-field}). */
    MISSING_FIELD,
    /** {@code lat} and {@code lon} are 0: a failed geocode ({@code zero-coordinates}). */
    ZERO_COORDINATES,
    /** {@code lat} and {@code lon} are swapped ({@code swapped-coordinates}). */
    SWAPPED_COORDINATES
}
