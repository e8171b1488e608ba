package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SocketLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void a_burst_is_allowed_then_the_rate_and_no_more() {
        SocketLimiter l = new SocketLimiter(5, 20, Duration.ofSeconds(1), 0);
        for (int i = 0; i < 20; i++) {
            assertThat(l.tryMessage(0)).as("message %d of the burst", i).isTrue();
        }
        assertThat(l.tryMessage(0)).isFalse();
        assertThat(l.tryMessage(SECOND / 5)).as("one token back after 200 ms").isTrue();
        assertThat(l.tryMessage(SECOND / 5)).isFalse();
        assertThat(l.tryMessage(100 * SECOND)).as("refilled, never above the burst").isTrue();
        for (int i = 1; i < 20; i++) {
            assertThat(l.tryMessage(100 * SECOND)).isTrue();
        }
        assertThat(l.tryMessage(100 * SECOND)).isFalse();
    }

    @Test
    void snapshots_wait_for_the_interval_after_the_last_one() {
        SocketLimiter l = new SocketLimiter(5, 20, Duration.ofSeconds(1), 0);
        assertThat(l.snapshotDelay(0)).as("the first at once").isZero();
        l.snapshotSent(0);
        assertThat(l.snapshotDelay(SECOND / 4)).isEqualTo(3 * SECOND / 4);
        assertThat(l.snapshotDelay(SECOND)).isZero();
    }
}
