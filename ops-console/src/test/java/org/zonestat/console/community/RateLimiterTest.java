package org.zonestat.console.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** {@link RateLimiter}: a sliding window per key and per address, addresses never held as such. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimiterTest {
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2019-10-18T14:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void the_call_after_the_limit_waits_until_the_oldest_leaves_the_window() {
        MovableClock clock = new MovableClock();
        RateLimiter limiter = new RateLimiter("posts", 3, Duration.ofMinutes(10), clock);

        assertThat(limiter.tryAcquire("10.1.2.3", "key-a")).isZero();
        clock.now = clock.now.plusSeconds(60);
        assertThat(limiter.tryAcquire("10.1.2.3", "key-a")).isZero();
        assertThat(limiter.tryAcquire("10.1.2.3", "key-a")).isZero();
        assertThat(limiter.tryAcquire("10.1.2.3", "key-a")).isEqualTo(540);
        clock.now = clock.now.plusSeconds(540);
        assertThat(limiter.tryAcquire("10.1.2.3", "key-a")).isZero();
    }

    @Test
    void another_address_with_another_key_is_not_held_back_but_the_same_key_is() {
        RateLimiter limiter =
                new RateLimiter("posts", 2, Duration.ofMinutes(10), new MovableClock());
        limiter.tryAcquire("10.1.2.3", "key-a");
        limiter.tryAcquire("10.1.2.3", "key-a");

        assertThat(limiter.tryAcquire("10.9.9.9", "key-b")).isZero();
        assertThat(limiter.tryAcquire("10.9.9.9", "key-a")).isPositive();
        assertThat(limiter.tryAcquire("10.1.2.3", null)).isPositive();
    }

    @Test
    void an_address_is_held_only_as_a_keyed_digest_and_forgotten_after_the_window() {
        MovableClock clock = new MovableClock();
        RateLimiter limiter = new RateLimiter("tips", 5, Duration.ofMinutes(10), clock);
        limiter.tryAcquire("203.0.113.77", null);

        assertThat(limiter.entries()).isEqualTo(1);
        assertThat(limiter.holds("203.0.113.77")).isFalse();
        assertThat(limiter.holds("203.0.113")).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(limiter.entries()).isZero();
    }
}
