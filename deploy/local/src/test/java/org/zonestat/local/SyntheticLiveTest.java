package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.city.CityProfiles;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.synthetic.CityGeography;

/** The demo's synthetic stream and the data folder that keeps where it starts. */
class SyntheticLiveTest {
    private static final Instant NOW = Instant.parse("2026-05-20T16:00:00Z");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void shootingsStartLastJanuaryTipsFourWeeksAndRequestsTwoWeeksBeforeNowInTimeOrder() {
        SyntheticLive live = SyntheticLive.startingAt(NOW, NEW_YORK);
        assertThat(live.incidentsFrom()).isEqualTo(Instant.parse("2025-01-01T05:00:00Z"));
        assertThat(live.requestsFrom()).isEqualTo(Instant.parse("2026-05-06T04:00:00Z"));

        Map<Feed, Instant> first = new EnumMap<>(Feed.class);
        List<RawEvent> upToNow = new ArrayList<>();
        Iterator<RawEvent> records = live.records(CityGeography.of(CityProfiles.shipped("nyc")), 1);
        while (records.hasNext()) {
            RawEvent r = records.next();
            if (r.occurredAt().isAfter(NOW)) {
                break;
            }
            first.putIfAbsent(r.feed(), r.occurredAt());
            upToNow.add(r);
        }

        assertThat(first.get(Feed.INCIDENTS)).isBefore(Instant.parse("2025-01-05T00:00:00Z"));
        assertThat(first.get(Feed.TIPS)).isAfterOrEqualTo(Instant.parse("2026-04-22T04:00:00Z"));
        assertThat(first.get(Feed.REQUESTS311)).isAfterOrEqualTo(live.requestsFrom());
        for (int i = 1; i < upToNow.size(); i++) {
            assertThat(upToNow.get(i).occurredAt())
                    .isAfterOrEqualTo(upToNow.get(i - 1).occurredAt());
        }
        System.out.printf("synthetic New York up to now: %d records%n", upToNow.size());
        Iterator<RawEvent> again = live.records(CityGeography.of(CityProfiles.shipped("nyc")), 1);
        assertThat(again.next()).isEqualTo(upToNow.get(0));
    }

    @Test
    void aDataFolderKeepsItsCityAndStartsAndRefusesAnotherCity(@TempDir Path dir) {
        SyntheticLive first = SyntheticLive.startingAt(NOW, NEW_YORK);
        assertThat(DemoDataDir.claim(dir, CityProfiles.shipped("nyc"), first)).isEqualTo(first);

        SyntheticLive later =
                SyntheticLive.startingAt(Instant.parse("2026-09-01T12:00:00Z"), NEW_YORK);
        assertThat(DemoDataDir.claim(dir, CityProfiles.shipped("nyc"), later))
                .as("a restart continues the same streams")
                .isEqualTo(first);
        assertThatThrownBy(() -> DemoDataDir.claim(dir, CityProfiles.shipped("baltimore"), later))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds the topics of New York City")
                .hasMessageContaining("give Baltimore a data folder of its own with --data-dir");
    }
}
