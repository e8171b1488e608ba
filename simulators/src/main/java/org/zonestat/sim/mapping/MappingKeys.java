package org.zonestat.sim.mapping;

import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of one mapping file, remembering which were read so that a misspelt key is reported
 * instead of silently ignored.
 *
 * <p>Not thread-safe; used only while a mapping is being built.
 */
final class MappingKeys {
    private final String mappingName;
    private final Properties properties;
    private final Set<String> used = new TreeSet<>();

    MappingKeys(String mappingName, Properties properties) {
        this.mappingName = mappingName;
        this.properties = properties;
    }

    /** The trimmed value, or empty if the key is absent or blank. */
    Optional<String> optional(String key) {
        used.add(key);
        String v = properties.getProperty(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    String required(String key, String why) {
        return optional(key)
                .orElseThrow(
                        () ->
                                new InvalidInputException(
                                        "mapping "
                                                + mappingName
                                                + ": key '"
                                                + key
                                                + "' is required ("
                                                + why
                                                + ")"));
    }

    /** Every key starting with {@code prefix}, marked as read. */
    Set<String> withPrefix(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String k : properties.stringPropertyNames()) {
            if (k.startsWith(prefix)) {
                keys.add(k);
                used.add(k);
            }
        }
        return keys;
    }

    /** Fails if the file has keys nobody read. */
    void requireAllUsed() {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(
                    "mapping "
                            + mappingName
                            + ": unknown keys "
                            + unknown
                            + " (see simulators/README.md for the mapping format)");
        }
    }
}
