package org.zonestat.sim.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.RawInput;
import org.zonestat.topics.RawRequestStep;
import org.zonestat.topics.RawTip;
import org.zonestat.topics.TopicCodec;

/**
 * One synthetic record before it becomes a record of the raw contract: a shooting or homicide, one
 * lifecycle step of a 311 request, or a tip. Times are epoch milliseconds; {@code -1} means absent.
 * Tips carry a category and a short text, never anything about who called.
 *
 * <p>Immutable; thread-safe.
 */
record CityEvent(
        Feed feed,
        String id,
        long at,
        double lat,
        double lon,
        String code,
        String type,
        String status,
        long createdAt,
        long dueAt,
        long closedAt,
        String agency,
        String text) {
    static final String SOURCE = "synthetic-city";

    /**
     * The record of the raw contract, delivered well formed ({@code malformed} null) or as one of
     * the malformed variants.
     */
    RawEvent toRaw(MalformedKind malformed) {
        double outLat = round6(lat);
        double outLon = round6(lon);
        if (malformed == MalformedKind.ZERO_COORDINATES) {
            outLat = 0;
            outLon = 0;
        } else if (malformed == MalformedKind.SWAPPED_COORDINATES) {
            outLat = round6(lon);
            outLon = round6(lat);
        }
        Instant occurredAt = Instant.ofEpochMilli(at);
        RawInput record =
                switch (feed) {
                    case INCIDENTS ->
                            new RawIncident(
                                    id, SOURCE, code, type, occurredAt, outLat, outLon, null, null);
                    case REQUESTS311 ->
                            new RawRequestStep(
                                    id,
                                    SOURCE,
                                    type,
                                    status,
                                    occurredAt,
                                    outLat,
                                    outLon,
                                    instant(createdAt),
                                    instant(dueAt),
                                    instant(closedAt),
                                    null,
                                    agency == null ? null : Map.of("agency", agency));
                    case TIPS ->
                            new RawTip(
                                    id, SOURCE, code, occurredAt, outLat, outLon, null, text, null);
                    case ACTIVITIES ->
                            throw new IllegalStateException(
                                    "the synthetic city makes no activities: " + id);
                };
        RawEvent raw = RawEvent.of(record);
        if (malformed == MalformedKind.MISSING_FIELD) {
            ObjectNode tree = TopicCodec.toTree(record);
            tree.remove("occurredAt");
            return raw.withJson(tree.toString());
        }
        if (malformed == MalformedKind.BAD_JSON) {
            return raw.withJson(raw.json().substring(0, raw.json().length() / 2));
        }
        return raw;
    }

    private static Instant instant(long epochMillis) {
        return epochMillis < 0 ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
