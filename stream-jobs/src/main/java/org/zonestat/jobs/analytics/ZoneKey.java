package org.zonestat.jobs.analytics;

import org.apache.flink.api.java.functions.KeySelector;
import org.zonestat.jobs.model.ZoneFact;

/**
 * Keys zone facts by (layer, zone) as one string joined by the ASCII unit separator, which no layer
 * id or zone name contains.
 */
public final class ZoneKey implements KeySelector<ZoneFact, String> {
    private static final long serialVersionUID = 1L;
    static final char SEPARATOR = '\u001f';

    @Override
    public String getKey(ZoneFact fact) {
        return fact.layer() + SEPARATOR + fact.zone();
    }
}
