package org.zonestat.console.scorecard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;

/** Builds {@code zone-stats} payloads as the stream job writes them (deterministic). */
final class ZoneStatsRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BALTIMORE = ZoneId.of("America/New_York");

    private ZoneStatsRecords() {}

    /** A record with the original fields only. */
    static ObjectNode day(
            String layer,
            String zone,
            LocalDate day,
            long homicides,
            long shootings,
            long otherViolent,
            long opened,
            long closed,
            long tips) {
        ObjectNode n = JSON.createObjectNode();
        n.put("layer", layer);
        n.put("zone", zone);
        n.put("day", day.toString());
        n.put("from", day.atStartOfDay(BALTIMORE).toInstant().toString());
        n.put("until", day.plusDays(1).atStartOfDay(BALTIMORE).toInstant().toString());
        n.put("homicides", homicides);
        n.put("shootings", shootings);
        n.put("otherViolent", otherViolent);
        n.put("requestsOpened", opened);
        n.put("requestsClosed", closed);
        n.put("tips", tips);
        return n;
    }

    /** Adds the fields newer records carry. */
    static ObjectNode withLifecycle(
            ObjectNode n, long overdue, long openAtEnd, long overdueAtEnd, Double median) {
        n.put("requestsOverdue", overdue);
        n.put("openAtEnd", openAtEnd);
        n.put("overdueAtEnd", overdueAtEnd);
        if (median == null) {
            n.putNull("medianDaysToClose");
        } else {
            n.put("medianDaysToClose", median);
        }
        return n;
    }

    static String key(ObjectNode n) {
        return n.get("layer").asText() + "/" + n.get("zone").asText() + "/" + n.get("day").asText();
    }
}
