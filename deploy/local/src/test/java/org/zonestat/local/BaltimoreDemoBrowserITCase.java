package org.zonestat.local;

/** {@code ./zonestat demo --city baltimore}: see {@link CityDemoPages}. */
class BaltimoreDemoBrowserITCase extends CityDemoPages {
    BaltimoreDemoBrowserITCase() {
        super("baltimore");
    }
}
