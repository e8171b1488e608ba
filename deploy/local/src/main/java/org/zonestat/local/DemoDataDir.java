package org.zonestat.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.zonestat.city.CityProfile;

/**
 * What a demo data folder holds besides the broker's log: which city its topics are of, and where
 * its synthetic streams start ({@value #FILE}). A folder belongs to one city: its topics hold that
 * city's history, so the demo refuses to start another city on it.
 *
 * <p>Not thread-safe; the demo reads and writes it once, before it starts anything.
 */
final class DemoDataDir {
    static final String FILE = "demo-city.properties";

    private DemoDataDir() {}

    /**
     * The synthetic starts kept in {@code dir}, or {@code fresh} (then kept) for a new folder.
     *
     * @throws IllegalStateException when the folder holds another city
     */
    static SyntheticLive claim(Path dir, CityProfile city, SyntheticLive fresh) {
        Path file = dir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                String held = p.getProperty("city.file", "");
                if (!held.equals(city.file())) {
                    throw new IllegalStateException(
                            dir
                                    + " holds the topics of "
                                    + p.getProperty("city.name", "another city")
                                    + " ("
                                    + held
                                    + "); give "
                                    + city.name()
                                    + " a data folder of its own with --data-dir");
                }
                return new SyntheticLive(
                        Instant.parse(p.getProperty("synthetic.incidents-from")),
                        Instant.parse(p.getProperty("synthetic.requests-from")));
            }
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.setProperty("city.name", city.name());
            p.setProperty("city.file", city.file());
            p.setProperty("synthetic.incidents-from", fresh.incidentsFrom().toString());
            p.setProperty("synthetic.requests-from", fresh.requestsFrom().toString());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "The city this demo data folder holds; written by the first start");
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
