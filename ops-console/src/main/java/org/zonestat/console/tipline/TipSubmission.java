package org.zonestat.console.tipline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.zonestat.console.JsonBody;
import org.zonestat.console.JsonBody.InvalidBodyException;

/**
 * The body of {@code POST /api/tips}, checked field by field ({@link JsonBody}): what the tipster
 * says and roughly where and when, and nothing about who they are.
 *
 * @param category one of {@link #CATEGORIES}
 * @param lat latitude of the place clicked on the map, or null when {@code place} is given
 * @param lon longitude, with {@code lat}
 * @param place a neighborhood or district name instead of a position, or null
 * @param seenAt when it happened, as the tipster says (ISO 8601 with offset), or null
 * @param text what the tipster has to say, at most {@value #MAX_TEXT} characters
 */
public record TipSubmission(
        String category, Double lat, Double lon, String place, String seenAt, String text) {

    /** The categories the tip line offers. */
    public static final List<String> CATEGORIES =
            List.of("GUNS", "VIOLENCE", "DRUGS", "GANGS", "PROPERTY", "OTHER");

    public static final int MAX_TEXT = 5000;

    @JsonCreator
    public TipSubmission(
            @JsonProperty("category") String category,
            @JsonProperty("lat") Double lat,
            @JsonProperty("lon") Double lon,
            @JsonProperty("place") String place,
            @JsonProperty("seenAt") String seenAt,
            @JsonProperty("text") String text) {
        String c = JsonBody.text("category", category, 20, true).toUpperCase(Locale.ROOT);
        if (!CATEGORIES.contains(c)) {
            throw new InvalidBodyException("field 'category' must be one of " + CATEGORIES);
        }
        if ((lat == null) != (lon == null)) {
            throw new InvalidBodyException("fields 'lat' and 'lon' must be sent together");
        }
        if (lat != null && !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new InvalidBodyException("fields 'lat' and 'lon' are out of range");
        }
        String p = JsonBody.text("place", place, 120, false);
        if (lat == null && p == null) {
            throw new InvalidBodyException(
                    "a place is required: click the map ('lat' and 'lon') or name a neighborhood ('place')");
        }
        String s = JsonBody.text("seenAt", seenAt, 40, false);
        if (s != null) {
            try {
                OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                throw new InvalidBodyException(
                        "field 'seenAt' must be a date-time with offset like 2019-10-18T21:30:00-04:00");
            }
        }
        this.category = c;
        this.lat = lat;
        this.lon = lon;
        this.place = p;
        this.seenAt = s;
        this.text = JsonBody.text("text", text, MAX_TEXT, true);
    }
}
