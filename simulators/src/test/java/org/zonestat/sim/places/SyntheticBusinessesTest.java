package org.zonestat.sim.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.zonestat.sim.baltimore.BaltimoreData;

class SyntheticBusinessesTest {
    @Test
    void theShippedFileIsTheGeneratorsOutputForItsSeed() throws IOException {
        String shipped;
        try (InputStream in = BaltimoreData.open(SyntheticBusinesses.FILE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(shipped)
                .isEqualTo(
                        SyntheticBusinesses.csv(
                                SyntheticBusinesses.SEED, SyntheticBusinesses.COUNT));
        assertThat(SyntheticBusinesses.csv(1, 10)).isNotEqualTo(SyntheticBusinesses.csv(2, 10));
    }
}
