package org.zonestat.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.city.CityProfile;
import org.zonestat.city.CityProfiles;
import org.zonestat.city.InvalidCityProfileException;
import org.zonestat.city.Locations;
import org.zonestat.sim.mapping.FeedMapping;
import org.zonestat.sim.mapping.InvalidInputException;

/**
 * A city's real exports, as its profile names them ({@code feeds}): each read through its mapping
 * into raw-topic records with their original ids and times.
 *
 * <p>Stateless; thread-safe.
 */
public final class CityFeeds {
    private static final Logger LOG = LoggerFactory.getLogger(CityFeeds.class);

    private CityFeeds() {}

    /**
     * Checks every feed before anything starts: its files exist ({@link
     * CityProfiles#requireDemoFiles}), its mapping is valid and reads the kind the profile says.
     *
     * @throws InvalidCityProfileException naming the profile file, the feed and the problem
     */
    public static void check(CityProfile city) {
        CityProfiles.requireDemoFiles(city);
        for (int i = 0; i < city.feeds().size(); i++) {
            mapping(city, i);
        }
    }

    /** One feed's records, as its mapping reads them, with the rows it could not read. */
    public static AdapterResult read(CityProfile city, int feed) {
        CityProfile.FeedSpec spec = city.feeds().get(feed);
        FeedMapping mapping = mapping(city, feed);
        try (InputStream in = Locations.open(spec.file())) {
            return mapping.adapter().readAll(in, Locations.fileName(spec.file()));
        } catch (IOException | UncheckedIOException | InvalidInputException e) {
            throw new InvalidCityProfileException(
                    city.file() + ": feeds[" + feed + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Every feed's records merged in event-time order (stable for equal times); each feed's rows,
     * records and the rows it could not read ({@code file:line: reason}, the first few) are logged.
     */
    public static List<RawEvent> history(CityProfile city) {
        List<RawEvent> all = new ArrayList<>();
        for (int i = 0; i < city.feeds().size(); i++) {
            AdapterResult r = read(city, i);
            String file = Locations.fileName(city.feeds().get(i).file());
            if (r.problems().isEmpty()) {
                LOG.info("{}: {} rows, {} records", file, r.rows(), r.events().size());
            } else {
                LOG.warn(
                        "{}: {} rows, {} records, {} rows not read, e.g. {}",
                        file,
                        r.rows(),
                        r.events().size(),
                        r.problems().size(),
                        r.problems().subList(0, Math.min(3, r.problems().size())));
            }
            all.addAll(r.events());
        }
        all.sort(Comparator.comparing(RawEvent::occurredAt));
        return all;
    }

    /** The records of every feed of one kind, in the order of the feeds and their files. */
    public static List<RawEvent> ofKind(CityProfile city, String kind) {
        List<RawEvent> out = new ArrayList<>();
        for (int i = 0; i < city.feeds().size(); i++) {
            if (city.feeds().get(i).kind().equals(kind)) {
                out.addAll(read(city, i).events());
            }
        }
        return out;
    }

    private static FeedMapping mapping(CityProfile city, int feed) {
        CityProfile.FeedSpec spec = city.feeds().get(feed);
        String where = city.file() + ": feeds[" + feed + "].mapping: ";
        FeedMapping mapping;
        try (InputStream in = Locations.open(spec.mapping())) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            mapping = FeedMapping.fromProperties(Locations.fileName(spec.mapping()), p);
        } catch (IOException | UncheckedIOException | InvalidInputException e) {
            throw new InvalidCityProfileException(where + e.getMessage(), e);
        }
        String kind = mapping.feed().name().toLowerCase(Locale.ROOT);
        if (!kind.equals(spec.kind())) {
            throw new InvalidCityProfileException(
                    where
                            + spec.mapping()
                            + " reads feed "
                            + kind
                            + ", but the profile says "
                            + spec.kind());
        }
        return mapping;
    }
}
