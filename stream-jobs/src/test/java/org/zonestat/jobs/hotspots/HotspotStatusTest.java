package org.zonestat.jobs.hotspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonestat.geo.stats.EmergingHotSpotCategory.HISTORICAL_HOT_SPOT;
import static org.zonestat.geo.stats.EmergingHotSpotCategory.NEW_HOT_SPOT;
import static org.zonestat.geo.stats.EmergingHotSpotCategory.NO_PATTERN;
import static org.zonestat.geo.stats.EmergingHotSpotCategory.PERSISTENT_HOT_SPOT;
import static org.zonestat.jobs.hotspots.HotspotStatus.COLD;
import static org.zonestat.jobs.hotspots.HotspotStatus.HOT;
import static org.zonestat.jobs.hotspots.HotspotStatus.NONE;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.stats.GiStar;
import org.zonestat.jobs.model.HotspotChangeType;

/** The pure pieces: status and change rules, configuration checks, study areas. */
class HotspotStatusTest {
    @Test
    void hotAndColdCellsAreAlwaysReportedAndAQuietCellOnlyWhenItsCategoryChanges() {
        assertThat(HotspotStatus.change(NONE, HOT, NO_PATTERN, NEW_HOT_SPOT))
                .contains(HotspotChangeType.TURNED_HOT);
        assertThat(HotspotStatus.change(HOT, HOT, PERSISTENT_HOT_SPOT, PERSISTENT_HOT_SPOT))
                .contains(HotspotChangeType.STAYS_HOT);
        assertThat(HotspotStatus.change(HOT, NONE, NEW_HOT_SPOT, NO_PATTERN))
                .contains(HotspotChangeType.COOLED);
        assertThat(HotspotStatus.change(HOT, COLD, NEW_HOT_SPOT, NO_PATTERN))
                .contains(HotspotChangeType.TURNED_COLD);
        assertThat(HotspotStatus.change(COLD, HOT, NO_PATTERN, NEW_HOT_SPOT))
                .contains(HotspotChangeType.TURNED_HOT);
        assertThat(HotspotStatus.change(COLD, COLD, NO_PATTERN, NO_PATTERN))
                .contains(HotspotChangeType.STAYS_COLD);
        assertThat(HotspotStatus.change(COLD, NONE, NO_PATTERN, NO_PATTERN))
                .contains(HotspotChangeType.WARMED);
        assertThat(HotspotStatus.change(NONE, NONE, HISTORICAL_HOT_SPOT, NO_PATTERN))
                .contains(HotspotChangeType.RECLASSIFIED);
        assertThat(HotspotStatus.change(NONE, NONE, NO_PATTERN, NO_PATTERN))
                .isEqualTo(Optional.empty());
    }

    @Test
    void theStatusIsJudgedOnTheQValueWithFdrAndOnThePValueWithout() {
        GiStar g = new GiStar(1, 3, 2.2, 0.03, 0.2);
        assertThat(HotspotStatus.of(g, 0.05, true)).isEqualTo(NONE);
        assertThat(HotspotStatus.of(g, 0.05, false)).isEqualTo(HOT);
        assertThat(HotspotStatus.of(new GiStar(1, 0, -3, 0.001, 0.01), 0.05, true)).isEqualTo(COLD);
    }

    @Test
    void aConfigurationWithRepeatedOrNonsensicalWindowsFailsFast() {
        assertThatThrownBy(() -> HotspotConfig.defaults().withWindowDays(List.of(7, 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> HotspotConfig.defaults().withWindowDays(List.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HotspotConfig.defaults().withSignificance(1.5, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HotspotConfig.defaults().stepDays(28)).isEqualTo(28);
        assertThat(HotspotConfig.defaults().withHistory(10, 1).stepDays(28)).isEqualTo(1);
    }

    @Test
    void theBaltimoreStudyAreaHasTheCityCellsAndExplicitCellsMustMatchTheResolution() {
        long[] r9 = HotspotConfig.forCity(CityProfiles.shipped("baltimore")).studyArea().cells(9);
        long[] r8 = HotspotConfig.forCity(CityProfiles.shipped("baltimore")).studyArea().cells(8);
        // Baltimore is about 239 km² (land and water); a resolution-9 cell is about 0.105 km², 8
        // about 0.737 km².
        assertThat(r9.length).isBetween(2_000, 2_500);
        assertThat(r8.length).isBetween(280, 360);
        assertThat(r9).contains(new H3Binner(9).cell(-76.6440, 39.3010)).isSorted();
        long cell = new H3Binner(9).cell(-76.6440, 39.3010);
        assertThatThrownBy(() -> HotspotStudyArea.ofCells(cell).cells(8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HotspotStudyArea.geoJson("/no/such.geojson").cells(9))
                .hasMessageContaining("no such file");
    }
}
