package org.zonestat.jobs.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The closed vocabulary of incident kinds on {@code incidents.raw}. A record with another kind is
 * rejected ({@code unknown-kind}) rather than guessed at.
 */
public enum IncidentKind {
    HOMICIDE,
    SHOOTING,
    AGGRAVATED_ASSAULT,
    ROBBERY,
    OTHER_VIOLENT,
    OTHER;

    /** Parses a kind case-insensitively, accepting spaces or hyphens for underscores. */
    public static Optional<IncidentKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (IncidentKind k : values()) {
            if (k.name().equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Whether the huddle counts this kind as gun violence (the VRI's headline measure). */
    public boolean isGunViolence() {
        return this == HOMICIDE || this == SHOOTING;
    }
}
