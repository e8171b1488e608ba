package org.zonestat.jobs.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.RiskHalo;
import org.zonestat.jobs.model.ZoneDayStats;

/**
 * The JSON shapes of the analytics topics: {@code alerts}, {@code notifications}, {@code
 * zone-stats} and {@code hotspots} (risk halos, {@code "type": "risk-halo"}). Instants are ISO-8601
 * UTC strings; fields that do not apply are null. Each record also has a topic key: the alert,
 * notification or halo id, and {@code layer/zone/day} for zone stats.
 *
 * <p>Thread-safe (a shared, never reconfigured {@link ObjectMapper}).
 */
public final class AnalyticsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalyticsJson() {}

    public static ObjectNode toJson(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("alertId", a.alertId());
        n.put("type", a.type().code());
        n.put("at", a.at().toString());
        n.put("subjectId", a.subjectId());
        n.put("relatedId", a.relatedId());
        n.put("category", a.category());
        n.put("lon", a.lon());
        n.put("lat", a.lat());
        zones(n, a.zones());
        n.put("dueAt", text(a.dueAt()));
        if (Double.isNaN(a.distanceMeters())) {
            n.putNull("distanceMeters");
        } else {
            n.put("distanceMeters", a.distanceMeters());
        }
        n.put("priority", a.priority());
        return n;
    }

    public static ObjectNode toJson(Notification x) {
        ObjectNode n = JSON.createObjectNode();
        n.put("notificationId", x.notificationId());
        n.put("requestId", x.requestId());
        n.put("type", x.type());
        n.put("outcome", x.outcome());
        n.put("createdAt", x.createdAt().toString());
        n.put("closedAt", x.closedAt().toString());
        n.put("daysOpen", Math.round(x.daysOpen() * 100) / 100.0);
        n.put("dueAt", x.dueAt().toString());
        n.put("metDueDate", x.metDueDate());
        n.put("reopenedBefore", x.reopenedBefore());
        n.put("channel", x.channel().wireName());
        zones(n, x.zones());
        return n;
    }

    public static ObjectNode toJson(ZoneDayStats s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("layer", s.layer());
        n.put("zone", s.zone());
        n.put("day", s.day());
        n.put("from", s.from().toString());
        n.put("until", s.until().toString());
        n.put("homicides", s.homicides());
        n.put("shootings", s.shootings());
        n.put("otherViolent", s.otherViolent());
        n.put("requestsOpened", s.requestsOpened());
        n.put("requestsClosed", s.requestsClosed());
        n.put("tips", s.tips());
        n.put("requestsOverdue", s.requestsOverdue());
        n.put("openAtEnd", s.openAtEnd());
        n.put("overdueAtEnd", s.overdueAtEnd());
        if (s.layerVersion() > 0) {
            n.put("layerVersion", s.layerVersion());
        }
        if (Double.isNaN(s.medianDaysToClose())) {
            n.putNull("medianDaysToClose");
        } else {
            n.put("medianDaysToClose", Math.round(s.medianDaysToClose() * 1000) / 1000.0);
        }
        return n;
    }

    public static ObjectNode toJson(RiskHalo h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "risk-halo");
        n.put("haloId", h.haloId());
        n.put("eventId", h.eventId());
        n.put("kind", h.kind());
        n.put("lon", h.lon());
        n.put("lat", h.lat());
        n.put("radiusMeters", h.radiusMeters());
        n.put("startsAt", h.startsAt().toString());
        n.put("expiresAt", h.expiresAt().toString());
        zones(n, h.zones());
        return n;
    }

    public static String key(ZoneDayStats s) {
        return s.layer() + "/" + s.zone() + "/" + s.day();
    }

    private static void zones(ObjectNode n, Map<String, String> zones) {
        ObjectNode z = n.putObject("zones");
        zones.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> z.put(e.getKey(), e.getValue()));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
