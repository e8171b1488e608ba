package org.zonestat.benchmarks;

import java.util.function.Function;
import org.zonestat.geo.BruteForceZoneLocator;
import org.zonestat.geo.GridZoneLocator;
import org.zonestat.geo.StrTreeZoneLocator;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;

/**
 * The {@link ZoneLocator} strategies compared by the benchmarks; names are JMH parameter values.
 */
public enum LocatorStrategy {
    GRID("GridZoneLocator", GridZoneLocator::new),
    STRTREE("StrTreeZoneLocator", StrTreeZoneLocator::new),
    BRUTE_FORCE("BruteForceZoneLocator", BruteForceZoneLocator::new);

    private final String className;
    private final Function<ZoneLayer, ZoneLocator> factory;

    LocatorStrategy(String className, Function<ZoneLayer, ZoneLocator> factory) {
        this.className = className;
        this.factory = factory;
    }

    public String className() {
        return className;
    }

    public ZoneLocator build(ZoneLayer layer) {
        return factory.apply(layer);
    }
}
