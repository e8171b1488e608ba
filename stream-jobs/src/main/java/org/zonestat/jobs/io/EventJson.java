package org.zonestat.jobs.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * The JSON shapes of the {@code events} and {@code rejected} topics (field tables in the README).
 *
 * <p>Thread-safe (a shared, never reconfigured {@link ObjectMapper}).
 */
public final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {}

    public static ObjectNode toJson(TaggedEvent tagged) {
        CityEvent e = tagged.event();
        ObjectNode n = JSON.createObjectNode();
        n.put("eventId", e.eventId());
        n.put("stream", e.stream().wireName());
        n.put("kind", e.kind());
        n.put("type", e.type());
        n.put("status", e.status());
        n.put("recordId", e.recordId());
        n.put("source", e.source());
        n.put("occurredAt", e.occurredAt().toString());
        n.put("lon", e.lon());
        n.put("lat", e.lat());
        n.put("h3", tagged.h3());
        ObjectNode zones = n.putObject("zones");
        tagged.zones().forEach(zones::put);
        ObjectNode layers = n.putObject("layers");
        tagged.layerVersions().forEach(layers::put);
        n.put("address", e.address());
        if (e.dueAt() != null) {
            n.put("dueAt", e.dueAt().toString());
        }
        return n;
    }

    public static ObjectNode toJson(Rejection r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sourceTopic", r.source().topic());
        n.put("partition", r.source().partition());
        n.put("offset", r.source().offset());
        n.put("receivedAt", Instant.ofEpochMilli(r.source().receivedAtMillis()).toString());
        n.put("reason", r.reason().code());
        n.put("detail", r.detail());
        n.put("original", r.source().value());
        return n;
    }

    public static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
