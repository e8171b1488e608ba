package org.zonestat.benchmarks;

import java.util.List;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLayerSpec;

/**
 * The layer the geo benchmarks use: the 278 Baltimore neighborhoods (2010) of the shipped Baltimore
 * profile.
 */
final class BaltimoreLayers {
    static final ZoneLayerSpec NEIGHBORHOODS_2010 =
            CityProfiles.shipped("baltimore").layer("neighborhoods").orElseThrow();

    private BaltimoreLayers() {}

    static ZoneLayer neighborhoods2010() {
        // The locator is built separately by each benchmark; brute force costs nothing to build.
        return ZoneCatalog.load(
                        List.of(NEIGHBORHOODS_2010), org.zonestat.geo.BruteForceZoneLocator::new)
                .layer(NEIGHBORHOODS_2010.id())
                .orElseThrow();
    }
}
