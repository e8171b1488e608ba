package org.zonestat.console.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The week a replay opens on when none is asked for. */
class ReplayRangeTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest(name = "last complete day {0}: {1} to {2}")
    @CsvSource({
        // A Sunday completes its own week.
        "2018-07-08, 2018-07-02T04:00:00Z, 2018-07-09T04:00:00Z",
        // Monday to Saturday: the week before.
        "2018-07-09, 2018-07-02T04:00:00Z, 2018-07-09T04:00:00Z",
        "2018-07-14, 2018-07-02T04:00:00Z, 2018-07-09T04:00:00Z",
        // Across a year's end and a change of UTC offset (EST in January).
        "2019-01-02, 2018-12-24T05:00:00Z, 2018-12-31T05:00:00Z",
    })
    void the_latest_complete_week_is_the_last_monday_to_sunday_ended_by_that_day(
            LocalDate lastCompleteDay, Instant from, Instant to) {
        assertThat(ReplayRange.latestCompleteWeek(lastCompleteDay, NEW_YORK))
                .isEqualTo(new ReplayRange(from, to));
    }

    @ParameterizedTest(name = "{0}: the week of 2018-07-02 starts at {1}")
    @CsvSource({
        "America/New_York, 2018-07-02T04:00:00Z",
        "America/Los_Angeles, 2018-07-02T07:00:00Z",
        "Pacific/Auckland, 2018-07-01T12:00:00Z",
    })
    void a_week_starts_at_monday_midnight_in_the_citys_time_zone(ZoneId zone, Instant monday) {
        assertThat(ReplayRange.latestCompleteWeek(LocalDate.parse("2018-07-08"), zone).from())
                .isEqualTo(monday);
    }
}
