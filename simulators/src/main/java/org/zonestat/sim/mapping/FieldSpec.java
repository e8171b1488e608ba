package org.zonestat.sim.mapping;

import java.util.Locale;
import java.util.Objects;

/**
 * One extra field a mapping copies from a column into every record ({@code field.<name>=<column>},
 * with an optional {@code field.<name>.type}): a string (absent values become JSON {@code null}),
 * an {@code int} or {@code number} (absent values are left out), or a {@code time} read with the
 * mapping's time formats and written as a UTC instant (absent values are left out).
 *
 * <p>Immutable; thread-safe.
 */
public record FieldSpec(String name, String column, Type type) {
    /** How a field's value is written. */
    public enum Type {
        STRING,
        INT,
        NUMBER,
        TIME;

        static Type parse(String key, String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        key + ": type '" + text + "' is not one of string, int, number, time");
            }
        }
    }

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
    }
}
