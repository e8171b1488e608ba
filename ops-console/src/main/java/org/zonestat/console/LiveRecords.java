package org.zonestat.console;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the live records' constructors share. */
final class LiveRecords {
    private LiveRecords() {}

    /** An unmodifiable copy without null keys or values; empty for null. */
    static Map<String, String> zones(Map<String, String> zones) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (zones != null) {
            zones.forEach(
                    (layer, zone) -> {
                        if (layer != null && zone != null) {
                            copy.put(layer, zone);
                        }
                    });
        }
        return Collections.unmodifiableMap(copy);
    }
}
