package org.zonestat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuMeterTest {
    @Test
    void theCpuLineSplitsIntoBusyStolenAndTotalJiffies() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        long[] j = CpuMeter.parseCpuLine("cpu  600 10 40 300 20 0 5 25 0 0");
        assertThat(j).containsExactly(655, 25, 1000);
    }

    @Test
    void anotherLineIsRefused() {
        assertThatThrownBy(() -> CpuMeter.parseCpuLine("cpu0 1 2 3 4"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
