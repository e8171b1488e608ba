package org.zonestat.local;

/** {@code ./zonestat demo --city nyc}: see {@link CityDemoPages}. */
class NewYorkDemoBrowserITCase extends CityDemoPages {
    NewYorkDemoBrowserITCase() {
        super("nyc");
    }
}
