package org.zonestat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeoResultsReportTest {
    private static final GeoResultsReport.Machine MACHINE =
            new GeoResultsReport.Machine(
                    2,
                    "Test CPU",
                    "Test VM 17",
                    "Linux",
                    "0.10 0.20 0.30 1/100 1",
                    "2024-01-02",
                    "java ...",
                    Map.of());

    @Test
    void tableHasOneRowPerStrategyWithRatiosAgainstTheFastPath() {
        String md =
                GeoResultsReport.render(
                        List.of(
                                new GeoResultsReport.Row(
                                        LocatorStrategy.GRID,
                                        30_000_000,
                                        1_000_000,
                                        900.0,
                                        20.0,
                                        4_000_000),
                                new GeoResultsReport.Row(
                                        LocatorStrategy.STRTREE,
                                        1_500_000,
                                        10_000,
                                        50.0,
                                        2.0,
                                        9_000_000),
                                new GeoResultsReport.Row(
                                        LocatorStrategy.BRUTE_FORCE, 30_000, 100, 0.001, 0.0, 0)),
                        MACHINE,
                        100_000,
                        6_864);
        assertThat(md)
                .contains(
                        "| ZoneLookupBenchmark.locate | GridZoneLocator | 30,000,000 | 1,000,000 | 1.0x | 900.0 | 20.0 | 4,000,000 |")
                .contains("| StrTreeZoneLocator | 1,500,000 | 10,000 | 20.0x |")
                .contains("| BruteForceZoneLocator | 30,000 | 100 | 1000.0x |")
                .contains("Ratio fast/STRtree: **20.0x**; ratio fast/naive: **1000x**")
                .contains("**met**")
                .contains("| date | 2024-01-02 |", "| nproc | 2 |", "| CPU | Test CPU |");
    }

    @Test
    void goalIsReportedAsNotMetWhenTheFastPathIsTooSlow() {
        String md =
                GeoResultsReport.render(
                        List.of(
                                new GeoResultsReport.Row(
                                        LocatorStrategy.GRID, 8_000_000, 1, 1, 1, 1),
                                new GeoResultsReport.Row(
                                        LocatorStrategy.STRTREE, 1_000_000, 1, 1, 1, 1),
                                new GeoResultsReport.Row(
                                        LocatorStrategy.BRUTE_FORCE, 10_000, 1, 1, 1, 1)),
                        MACHINE,
                        10,
                        10);
        assertThat(md).contains("**NOT met**");
    }
}
