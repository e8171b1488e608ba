package org.zonestat.geo.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@code tag} command was asked to do, as {@link TagCommand} parsed it from its flags.
 *
 * <p>Immutable value.
 */
public record TagArguments(
        Path zones,
        String nameProperty,
        Path input,
        String latColumn,
        String lonColumn,
        Optional<Path> output,
        String zoneColumn,
        String reasonColumn,
        Index index) {

    /**
     * Which {@link org.zonestat.geo.ZoneLocator} to use; the result is the same, only speed
     * differs.
     */
    public enum Index {
        GRID,
        STRTREE,
        BRUTE
    }

    public TagArguments {
        Objects.requireNonNull(zones, "zones");
        Objects.requireNonNull(nameProperty, "nameProperty");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(latColumn, "latColumn");
        Objects.requireNonNull(lonColumn, "lonColumn");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(zoneColumn, "zoneColumn");
        Objects.requireNonNull(reasonColumn, "reasonColumn");
        Objects.requireNonNull(index, "index");
    }
}
