package org.zonestat.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.zonestat.geo.ZoneCatalog;

/** Builds {@code events} topic payloads as the stream job writes them (deterministic ids). */
final class TestEvents {
    private static final ObjectMapper MAPPER = ConsoleJson.newMapper();
    private static final Instant BASE = Instant.parse("2018-07-08T03:53:00Z");

    private final ZoneCatalog catalog;

    TestEvents(ZoneCatalog catalog) {
        this.catalog = catalog;
    }

    /** An incident event; {@code n} makes the record id and the time. */
    ObjectNode incident(int n, String kind, double lon, double lat) {
        return event("incident", kind, "bpd-part1-2018", "R" + n, null, n, lon, lat)
                .put("type", kind.equals("SHOOTING") ? "SHOOTING" : "AGG. ASSAULT");
    }

    ObjectNode request311(int n, String status, double lon, double lat) {
        return event(
                        "request311",
                        "REQUEST_311",
                        "baltimore-311-2019",
                        "SR" + n,
                        status,
                        n,
                        lon,
                        lat)
                .put("type", "SW-Rat Rubout Proactive");
    }

    ObjectNode tip(int n, double lon, double lat) {
        return event("tip", "TIP", "tips-demo", "T" + n, null, n, lon, lat).put("type", "GUN");
    }

    /** An {@code alerts} record as the job writes it; {@code n} makes the id and the time. */
    ObjectNode alert(int n, String type, String category, double lon, double lat) {
        ObjectNode a =
                MAPPER.createObjectNode()
                        .put("alertId", type + "/A" + n)
                        .put("type", type)
                        .put("at", BASE.plusSeconds(60L * n).toString())
                        .put("subjectId", "S" + n)
                        .putNull("relatedId")
                        .put("category", category)
                        .put("lon", lon)
                        .put("lat", lat);
        ObjectNode zones = a.putObject("zones");
        catalog.tag(lon, lat).forEach(zones::put);
        a.putNull("dueAt");
        a.put("distanceMeters", 120.5);
        a.put("priority", false);
        return a;
    }

    /** A {@code risk-halo} record on {@code hotspots}, in force for 14 days from minute n. */
    ObjectNode halo(int n, double lon, double lat) {
        Instant start = BASE.plusSeconds(60L * n);
        ObjectNode h =
                MAPPER.createObjectNode()
                        .put("type", "risk-halo")
                        .put("haloId", "halo/R" + n)
                        .put("eventId", "incident/bpd-part1-2018/R" + n)
                        .put("kind", "SHOOTING")
                        .put("lon", lon)
                        .put("lat", lat)
                        .put("radiusMeters", 400.0)
                        .put("startsAt", start.toString())
                        .put("expiresAt", start.plusSeconds(14 * 86400L).toString());
        ObjectNode zones = h.putObject("zones");
        catalog.tag(lon, lat).forEach(zones::put);
        return h;
    }

    /** A {@code hotspot-cell} record (no zones: the topic carries none). */
    ObjectNode cell(String cell, double lon, double lat, String category, String change) {
        return MAPPER.createObjectNode()
                .put("type", "hotspot-cell")
                .put("windowDays", 28)
                .put("windowStart", BASE.minusSeconds(28 * 86400L).toString())
                .put("windowEnd", BASE.toString())
                .put("cell", cell)
                .put("lon", lon)
                .put("lat", lat)
                .put("homicides", 1)
                .put("shootings", 3)
                .put("otherIncidents", 2)
                .put("value", 4)
                .put("z", 3.2)
                .put("p", 0.0014)
                .put("q", 0.01)
                .put("status", "HOT")
                .put("category", category)
                .put("previousCategory", "NO_PATTERN")
                .put("change", change);
    }

    private ObjectNode event(
            String stream,
            String kind,
            String source,
            String recordId,
            String status,
            int n,
            double lon,
            double lat) {
        String eventId =
                stream + "/" + source + "/" + recordId + (status == null ? "" : "/" + status);
        ObjectNode e =
                MAPPER.createObjectNode()
                        .put("eventId", eventId)
                        .put("stream", stream)
                        .put("kind", kind)
                        .putNull("type")
                        .put("status", status)
                        .put("recordId", recordId)
                        .put("source", source)
                        .put("occurredAt", BASE.plusSeconds(60L * n).toString())
                        .put("lon", lon)
                        .put("lat", lat)
                        .put("h3", "892aa8d4d83ffff")
                        .put("address", (100 + n) + " N EXAMPLE ST");
        ObjectNode zones = e.putObject("zones");
        catalog.tag(lon, lat).forEach(zones::put);
        return e;
    }

    static String json(ObjectNode node) {
        return node.toString();
    }
}
