package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSupervisorTest {
    @Test
    void restartsWaitLongerWhileTheyKeepFailingUpToTheCap() {
        Duration initial = ZoneStatDemo.RESTART_BACKOFF;
        Duration max = ZoneStatDemo.MAX_RESTART_BACKOFF;
        assertThat(JobSupervisor.backoff(0, initial, max)).isEqualTo(Duration.ofSeconds(5));
        assertThat(JobSupervisor.backoff(1, initial, max)).isEqualTo(Duration.ofSeconds(10));
        assertThat(JobSupervisor.backoff(4, initial, max)).isEqualTo(Duration.ofSeconds(80));
        assertThat(JobSupervisor.backoff(5, initial, max)).isEqualTo(Duration.ofMinutes(2));
        assertThat(JobSupervisor.backoff(1_000, initial, max)).isEqualTo(Duration.ofMinutes(2));
    }
}
