package org.zonestat.jobs.model;

import java.util.Objects;

/**
 * A raw record that parsed into a valid {@link CityEvent}, still carrying the original so that a
 * later stage (duplicate check, tagging) can reject it with its text.
 */
public record ParsedRecord(CityEvent event, RawRecord raw) {
    public ParsedRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(raw, "raw");
    }
}
