package org.zonestat.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.zonestat.geo.ZoneCatalog;

import java.time.Instant;

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
