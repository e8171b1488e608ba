package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One place on the compacted {@code places} topic (key: {@code placeId}): a business license, a
 * liquor license, a vacant building, a recreation center, ... loaded from a city's CSV through a
 * mapping, or added and closed from the console. The latest message of an id is the place; a null
 * value (tombstone) removes it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param placeId stable id, e.g. {@code vacant/0001-003} or {@code license/B-2018-00123}
 * @param name what people call it (a trade name, an address for a vacant building)
 * @param category e.g. {@code business-license}, {@code liquor-license}, {@code vacant-building},
 *     {@code recreation-center} (lower case, digits and {@code -})
 * @param address street address, or null
 * @param lon longitude, WGS84 degrees
 * @param lat latitude, WGS84 degrees
 * @param status {@value #OPEN} or {@value #CLOSED}
 * @param since when it opened (licensed, noticed vacant), or null
 * @param closedOn when it closed, or null
 * @param source where the record comes from, e.g. {@code baltimore-vacants-2019} or {@code console}
 * @param updatedAt when this message was written
 */
public record PlaceMessage(
        @JsonProperty(required = true) String placeId,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String category,
        String address,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) double lat,
        @JsonProperty(required = true) String status,
        LocalDate since,
        LocalDate closedOn,
        String source,
        @JsonProperty(required = true) Instant updatedAt)
        implements TopicMessage {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public PlaceMessage {
        Fields.requireText(placeId, "placeId");
        Fields.requireText(name, "name");
        Fields.requireText(category, "category");
        if (!category.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException(
                    "category must be lower-case letters, digits and '-', was '" + category + "'");
        }
        Fields.requireLonLat(lon, lat);
        if (!OPEN.equals(status) && !CLOSED.equals(status)) {
            throw new IllegalArgumentException("status must be open or closed, was " + status);
        }
        Fields.require(updatedAt, "updatedAt");
    }

    /** A category as the topic writes it: {@code Liquor License} becomes {@code liquor-license}. */
    public static String category(String text) {
        return text.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
    }

    @JsonIgnore
    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** This place closed on {@code day}, written at {@code at}. */
    public PlaceMessage closed(LocalDate day, Instant at) {
        return new PlaceMessage(
                placeId, name, category, address, lon, lat, CLOSED, since, day, source, at);
    }
}
