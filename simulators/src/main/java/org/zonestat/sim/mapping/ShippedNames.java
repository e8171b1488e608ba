package org.zonestat.sim.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The short names of the mappings shipped in {@value FeedMapping#SHIPPED_FOLDER}, read from an
 * index file there (one name per line; blank lines and {@code #} comments ignored), so that the
 * code names no city's files and a new shipped mapping is one more line.
 *
 * <p>Stateless and thread-safe.
 */
final class ShippedNames {
    private ShippedNames() {}

    /** The names listed in {@code index}, a file of the shipped mappings' folder. */
    static List<String> read(String index) {
        String resource = FeedMapping.SHIPPED_FOLDER + index;
        try (InputStream in = ShippedNames.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
