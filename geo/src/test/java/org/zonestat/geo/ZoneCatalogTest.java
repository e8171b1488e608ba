package org.zonestat.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneCatalogTest {

    @Test
    void aCatalogOfIndexedLayersTagsLikeEachOfItsLocators() {
        ZoneLayer layer = SyntheticLayers.edgesHolesAndOverlaps();
        ZoneLocator locator = new StrTreeZoneLocator(layer);
        ZoneCatalog catalog = ZoneCatalog.of(List.of(locator));

        assertThat(catalog.layerIds()).containsExactly(layer.id());
        double lon = SyntheticLayers.x(1);
        double lat = SyntheticLayers.y(1);
        assertThat(catalog.tag(lon, lat)).containsEntry(layer.id(), locator.zoneName(lon, lat));
    }

    @Test
    void twoLocatorsForTheSameLayerIdAreRefusedNamingTheId() {
        ZoneLayer layer = SyntheticLayers.edgesHolesAndOverlaps();
        assertThatThrownBy(
                        () ->
                                ZoneCatalog.of(
                                        List.of(
                                                new StrTreeZoneLocator(layer),
                                                new BruteForceZoneLocator(layer))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(layer.id());
    }
}
