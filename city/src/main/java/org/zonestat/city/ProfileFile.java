package org.zonestat.city;

import java.util.List;
import java.util.Map;

/**
 * The profile file as written, before it is checked: every key of docs/cities.md, each null when
 * absent. Jackson reads it from YAML and refuses keys it does not know.
 */
record ProfileFile(
        String name,
        String timeZone,
        String focusLayer,
        Double goalPercent,
        List<Layer> layers,
        String studyArea,
        List<Feed> feeds,
        Analytics analytics,
        String services,
        List<String> codeEnforcement,
        Tiles tiles,
        Synthetic synthetic) {

    record Layer(String id, String title, String file, String nameProperty) {}

    record Feed(String kind, String file, String mapping) {}

    record Analytics(
            Double nearRepeatMeters,
            Integer nearRepeatDays,
            Integer hotspotResolution,
            Double serviceLevelDays,
            Map<String, Double> serviceLevels) {}

    record Tiles(String url, String attribution) {}

    record Synthetic(String requestTypes, Double rateMultiplier) {}
}
