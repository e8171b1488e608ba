package org.zonestat.sim.baltimore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.mapping.FeedMapping;

/**
 * The real Baltimore event files shipped with ZoneStat (class-path folder {@value #FOLDER}; see the
 * PROVENANCE.md there), each read through its shipped {@link FeedMapping mapping}.
 *
 * <p>Stateless; thread-safe.
 */
public final class BaltimoreData {
    public static final String FOLDER = "zonestat/data/baltimore/";
    public static final String PART1_2018 = "part1_2018_homicides_shootings_jan_jul.csv";
    public static final String SHOOTINGS_2012_2017 = "shootings_2012_2017_cases.csv";
    public static final String SERVICE_311_2019 = "311_service_requests_2019-10-18_21.csv";

    private BaltimoreData() {}

    /** The 515 Part 1 homicide and shooting rows of January-July 2018. */
    public static AdapterResult part1Of2018() {
        try (InputStream in = open(PART1_2018)) {
            return FeedMapping.shipped("baltimore-part1-legacy").adapter().readAll(in, PART1_2018);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 3,479 shooting cases 2012-2017 (The Trace / BuzzFeed News). */
    public static AdapterResult shootings2012To2017() {
        try (InputStream in = open(SHOOTINGS_2012_2017)) {
            return FeedMapping.shipped("baltimore-shootings-trace")
                    .adapter()
                    .readAll(in, SHOOTINGS_2012_2017);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 3,000 newest 311 requests as of 2019-10-21, as lifecycle records. */
    public static AdapterResult requests311Of2019() {
        try (InputStream in = open(SERVICE_311_2019)) {
            return FeedMapping.shipped("baltimore-311").adapter().readAll(in, SERVICE_311_2019);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All three files' records merged in event-time order (stable for equal times). */
    public static List<RawEvent> demoFeed() {
        List<RawEvent> all = new ArrayList<>();
        all.addAll(shootings2012To2017().events());
        all.addAll(part1Of2018().events());
        all.addAll(requests311Of2019().events());
        all.sort(Comparator.comparing(RawEvent::occurredAt));
        return all;
    }

    /** Opens one shipped file by name. */
    public static InputStream open(String fileName) {
        InputStream in =
                BaltimoreData.class.getClassLoader().getResourceAsStream(FOLDER + fileName);
        if (in == null) {
            throw new IllegalArgumentException("no shipped data file " + FOLDER + fileName);
        }
        return in;
    }
}
