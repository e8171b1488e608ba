package org.zonestat.jobs.positions;

import java.util.Locale;
import java.util.Optional;

/** What reports a position: a unit, or a person on court-ordered GPS supervision. */
public enum DeviceKind {
    /** A patrol car, an officer or an outreach worker. */
    UNIT,
    /** A person on court-ordered GPS monitoring: restricted, never shown to dispatchers. */
    MONITORED;

    /** The wire code, {@code unit} or {@code monitored}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this wire code (case-insensitive), or empty. */
    public static Optional<DeviceKind> parse(String code) {
        for (DeviceKind k : values()) {
            if (k.code().equalsIgnoreCase(code)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
