package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

class LocalDayWindowsTest {
    private static final LocalDayWindows BALTIMORE =
            new LocalDayWindows(ZoneId.of("America/New_York"));

    @Test
    void anOrdinarySummerDayRunsFromLocalMidnightForTwentyFourHours() {
        TimeWindow w = BALTIMORE.windowOf(Instant.parse("2018-07-08T03:59:59Z").toEpochMilli());
        assertThat(Instant.ofEpochMilli(w.getStart()))
                .isEqualTo(Instant.parse("2018-07-07T04:00:00Z"));
        assertThat(w.getEnd() - w.getStart()).isEqualTo(Duration.ofHours(24).toMillis());
        assertThat(BALTIMORE.dayOf(w)).isEqualTo(LocalDate.of(2018, 7, 7));
        assertThat(
                        BALTIMORE.dayOf(
                                BALTIMORE.windowOf(
                                        Instant.parse("2018-07-08T04:00:00Z").toEpochMilli())))
                .isEqualTo(LocalDate.of(2018, 7, 8));
    }

    @Test
    void theSpringForwardDayLastsTwentyThreeHoursAndTheFallBackDayTwentyFive() {
        TimeWindow spring =
                BALTIMORE.windowOf(Instant.parse("2018-03-11T12:00:00Z").toEpochMilli());
        TimeWindow fall = BALTIMORE.windowOf(Instant.parse("2018-11-04T12:00:00Z").toEpochMilli());
        assertThat(spring.getEnd() - spring.getStart()).isEqualTo(Duration.ofHours(23).toMillis());
        assertThat(fall.getEnd() - fall.getStart()).isEqualTo(Duration.ofHours(25).toMillis());
        assertThat(Instant.ofEpochMilli(fall.getStart()))
                .isEqualTo(Instant.parse("2018-11-04T04:00:00Z"));
        assertThat(Instant.ofEpochMilli(fall.getEnd()))
                .isEqualTo(Instant.parse("2018-11-05T05:00:00Z"));
    }

    @Test
    void aDayAfterAnotherIsItsOwnAtItsEdgesThoughTheLatestDayIsKept() {
        LocalDayWindows days = new LocalDayWindows(ZoneId.of("America/New_York"));
        long fallStart = Instant.parse("2018-11-04T04:00:00Z").toEpochMilli();
        long fallEnd = Instant.parse("2018-11-05T05:00:00Z").toEpochMilli();
        for (long at : new long[] {fallStart, fallEnd - 1, fallEnd, fallStart - 1, fallEnd - 1}) {
            TimeWindow w = days.windowOf(at);
            assertThat(w)
                    .as("at %s", Instant.ofEpochMilli(at))
                    .isEqualTo(new LocalDayWindows(ZoneId.of("America/New_York")).windowOf(at));
            assertThat(at).isBetween(w.getStart(), w.getEnd() - 1);
        }
    }
}
