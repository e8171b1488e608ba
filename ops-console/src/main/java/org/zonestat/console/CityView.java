package org.zonestat.console;

/**
 * What the pages know about the city, in {@code GET /api/config} as {@code city}: its name, the
 * time zone of its local days, the layer of its focus zones (what the huddle cycles through and the
 * goal applies to), the goal, and the bounding box of every layer the console holds ({@link
 * LayerBounds}), which the maps fit.
 *
 * @param name the city's name, or null when the console was not given one
 * @param timeZone an IANA time zone id, e.g. {@code America/New_York}
 * @param focusLayer the id of the focus zones' layer
 * @param goalPercent the goal as a change against last year, e.g. {@code -15.0}
 * @param bounds {@code [west, south, east, north]} of all layers, or null when there are none
 */
public record CityView(
        String name, String timeZone, String focusLayer, double goalPercent, double[] bounds) {}
