package org.zonestat.jobs.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.zonestat.topics.RunMessage;

class ProgressPublisherTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Instant AT = Instant.parse("2026-11-02T14:00:00Z");

    private final AtomicLong nanos = new AtomicLong(7 * SECOND);
    private final List<RunMessage> written = new ArrayList<>();

    private ProgressPublisher publisher(long total) {
        return new ProgressPublisher(
                (n, rate, left, at) ->
                        new RunMessage(
                                "run/load-1",
                                RunMessage.PROGRESS,
                                List.of("load-1"),
                                List.of(),
                                null,
                                Map.of(),
                                null,
                                null,
                                n,
                                total,
                                rate,
                                left,
                                null,
                                at,
                                null),
                total,
                written::add,
                Clock.fixed(AT, ZoneOffset.UTC),
                nanos::get,
                Duration.ofSeconds(1));
    }

    @Test
    void writesAtMostOncePerIntervalWithTheRateSinceTheStartAndTheTimeLeft() {
        ProgressPublisher p = publisher(10_000);
        p.accept(0); // the first count is written at once
        for (int tenth = 1; tenth <= 40; tenth++) {
            nanos.addAndGet(SECOND / 10);
            p.accept(tenth * 100L); // 1,000 records a second
        }

        assertThat(written)
                .extracting(RunMessage::recordsRead)
                .containsExactly(0L, 1000L, 2000L, 3000L, 4000L);
        RunMessage last = written.get(written.size() - 1);
        assertThat(last.ratePerSecond()).isEqualTo(1000.0);
        assertThat(last.secondsLeft()).isEqualTo(6.0);
        assertThat(last.recordsTotal()).isEqualTo(10_000);
        assertThat(last.at()).isEqualTo(AT);
    }

    @Test
    void aCountThatHasNotMovedIsNotWrittenAgain() {
        ProgressPublisher p = publisher(10_000);
        p.accept(500);
        for (int s = 1; s <= 5; s++) {
            nanos.addAndGet(SECOND);
            p.accept(500);
        }
        assertThat(written).hasSize(1);
    }

    @Test
    void withoutAKnownTotalThereIsNoTimeLeft() {
        ProgressPublisher p = publisher(0);
        nanos.addAndGet(2 * SECOND);
        p.accept(300);
        assertThat(written).singleElement().satisfies(m -> assertThat(m.secondsLeft()).isNull());
        assertThat(written.get(0).ratePerSecond()).isEqualTo(150.0);
    }

    @Test
    void theRunsCountIsItsEventsPlusItsRejectionsFromTheAccumulators() {
        assertThat(
                        BatchRun.processed(
                                Map.of(
                                        HistoryJob.EVENTS,
                                        40L,
                                        HistoryJob.REJECTED + "duplicate",
                                        2L,
                                        HistoryJob.REJECTED + "outside-zones",
                                        1L,
                                        HistoryJob.ZONE_DAYS,
                                        900L)))
                .isEqualTo(43);
    }
}
