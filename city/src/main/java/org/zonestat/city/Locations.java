package org.zonestat.city;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the files a {@link CityProfile} names. A location is {@code classpath:<resource>} for a
 * file shipped in a jar, or a file path.
 *
 * <p>Stateless; thread-safe.
 */
public final class Locations {
    /** The prefix of a class-path location. */
    public static final String CLASSPATH = "classpath:";

    private Locations() {}

    /** Whether the location names an existing file or class-path resource. */
    public static boolean exists(String location) {
        if (location.startsWith(CLASSPATH)) {
            return resource(location) != null;
        }
        return Files.isRegularFile(Path.of(location));
    }

    /**
     * Opens a location for reading; the caller closes the stream.
     *
     * @throws UncheckedIOException naming the location when it does not exist or cannot be read
     */
    public static InputStream open(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                URL url = resource(location);
                if (url == null) {
                    throw new IOException(location + ": no such class-path resource");
                }
                return url.openStream();
            }
            return Files.newInputStream(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException(location + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The last part of a location, e.g. {@code city.yaml}. */
    public static String fileName(String location) {
        String path = location.startsWith(CLASSPATH) ? location.substring(9) : location;
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    private static URL resource(String location) {
        return Locations.class.getClassLoader().getResource(location.substring(CLASSPATH.length()));
    }
}
