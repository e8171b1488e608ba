package org.zonestat.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.TopicCodec;

/**
 * The seeded load of the WebSocket benchmark: {@code events}-shaped records and the subscriptions
 * of the clients, plus an independent matcher that says which client should receive which record.
 *
 * <p>Record {@code i} has event id {@code <stream>/bench-ws/<i>}, so a client that receives it
 * knows its index, and the benchmark knows when index {@code i} was sent. The matcher re-states the
 * console's documented rules (kinds, zones per layer, message types, tips only for analysts) in a
 * few lines of its own instead of calling the console's {@code LiveSubscription}, so that a bug
 * there shows up as missing or extra messages.
 *
 * <p>A deterministic function of (seed, index). Immutable once built; thread-safe.
 */
final class WebSocketLoad {
    static final String SOURCE = "bench-ws";
    private static final Instant BASE = Instant.parse("2024-01-01T05:00:00Z");

    /** Kinds and their share of the records, as the events topic mixes them (311 dominates). */
    private static final String[] KINDS = {
        "REQUEST_311",
        "SHOOTING",
        "HOMICIDE",
        "AGGRAVATED_ASSAULT",
        "ROBBERY",
        "OTHER_VIOLENT",
        "TIP"
    };

    private static final double[] KIND_SHARES = {0.60, 0.09, 0.02, 0.12, 0.09, 0.05, 0.03};

    /** One record: its index, kind, zones and the value bytes to publish. */
    record Item(int index, String eventId, String kind, Map<String, String> zones, byte[] json) {}

    /**
     * One client's subscription.
     *
     * @param analyst whether the client connects with an analyst token (else dispatcher)
     * @param zones layer id to zone names; empty = everywhere
     * @param kinds event kinds; empty = all
     * @param messages message types; empty = all
     * @param subscribeJson the {@code subscribe} message it sends
     */
    record Subscription(
            boolean analyst,
            Map<String, Set<String>> zones,
            Set<String> kinds,
            Set<String> messages,
            String subscribeJson) {

        /** Whether the console must deliver {@code item} to this client (rules in the README). */
        boolean expects(Item item) {
            if (!messages.isEmpty() && !messages.contains("event")) {
                return false;
            }
            if (!analyst && item.kind().equals("TIP")) {
                return false;
            }
            if (!kinds.isEmpty() && !kinds.contains(item.kind())) {
                return false;
            }
            if (zones.isEmpty()) {
                return true;
            }
            for (Map.Entry<String, Set<String>> layer : zones.entrySet()) {
                String zone = item.zones().get(layer.getKey());
                if (zone != null && layer.getValue().contains(zone)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Item> items;
    private final List<Subscription> subscriptions;

    private WebSocketLoad(List<Item> items, List<Subscription> subscriptions) {
        this.items = items;
        this.subscriptions = subscriptions;
    }

    /** {@code records} records and {@code clients} subscriptions from {@code seed}. */
    static WebSocketLoad generate(ZoneCatalog catalog, long seed, int records, int clients) {
        ObjectMapper json = new ObjectMapper();
        ZoneLayer city = catalog.layer("neighborhoods").orElseThrow();
        ZoneLayer vri = catalog.layer("vri-zones").orElseThrow();
        Envelope bounds = new Envelope();
        city.zones().forEach(z -> bounds.expandToInclude(z.geometry().getEnvelopeInternal()));
        List<Item> items = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            Random r = new Random(seed * 1_000_003L + i);
            // A third of the points fall in a focus zone, the rest anywhere in the city.
            Envelope area =
                    r.nextDouble() < 0.33
                            ? vri.zones()
                                    .get(r.nextInt(vri.size()))
                                    .geometry()
                                    .getEnvelopeInternal()
                            : bounds;
            Map<String, String> zones;
            double lon;
            double lat;
            do {
                lon = area.getMinX() + r.nextDouble() * area.getWidth();
                lat = area.getMinY() + r.nextDouble() * area.getHeight();
                zones = catalog.tag(lon, lat);
            } while (!zones.containsKey("neighborhoods"));
            String kind = pick(r);
            String stream =
                    kind.equals("TIP")
                            ? "tip"
                            : kind.equals("REQUEST_311") ? "request311" : "incident";
            String eventId = stream + "/" + SOURCE + "/" + i;
            EventMessage e =
                    new EventMessage(
                            eventId,
                            stream,
                            kind,
                            kind,
                            stream.equals(EventMessage.REQUEST_311) ? "Open" : null,
                            Integer.toString(i),
                            SOURCE,
                            BASE.plusMillis(i),
                            lon,
                            lat,
                            "892aa8d4d83ffff",
                            zones,
                            Map.of(),
                            (100 + i % 900) + " N EXAMPLE ST",
                            null);
            items.add(new Item(i, eventId, kind, Map.copyOf(zones), TopicCodec.encode(e)));
        }
        List<Subscription> subscriptions = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            subscriptions.add(subscription(catalog, new Random(seed * 7_919L + c), c, json));
        }
        return new WebSocketLoad(List.copyOf(items), List.copyOf(subscriptions));
    }

    /**
     * Client {@code c}'s subscription. The mix: focus-zone watchers (1-3 VRI zones), district staff
     * (a police district, incidents only), neighborhood watchers (3-10 neighborhoods, some kinds),
     * gun-violence desks (shootings and homicides city-wide), a few clients taking everything and a
     * few that asked for alerts only (they must get no event at all).
     */
    private static Subscription subscription(
            ZoneCatalog catalog, Random r, int c, ObjectMapper json) {
        Map<String, Set<String>> zones = new LinkedHashMap<>();
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> messages = new LinkedHashSet<>();
        boolean analyst = r.nextDouble() < 0.3;
        int type = c % 20;
        if (type < 7) {
            zones.put("vri-zones", names(catalog, "vri-zones", 1 + r.nextInt(3), r));
        } else if (type < 11) {
            zones.put("police-districts", names(catalog, "police-districts", 1, r));
            kinds.addAll(
                    List.of(
                            "SHOOTING",
                            "HOMICIDE",
                            "AGGRAVATED_ASSAULT",
                            "ROBBERY",
                            "OTHER_VIOLENT"));
        } else if (type < 15) {
            zones.put("neighborhoods", names(catalog, "neighborhoods", 3 + r.nextInt(8), r));
            if (r.nextBoolean()) {
                kinds.addAll(List.of("REQUEST_311", "TIP"));
            }
        } else if (type < 18) {
            kinds.addAll(List.of("SHOOTING", "HOMICIDE"));
            messages.addAll(List.of("event", "alert"));
        } else if (type < 19) {
            // everything
        } else {
            zones.put("csas", names(catalog, "csas", 2, r));
            messages.add("alert");
        }
        ObjectNode sub = json.createObjectNode().put("type", "subscribe");
        if (!zones.isEmpty()) {
            ObjectNode z = sub.putObject("zones");
            zones.forEach((layer, names) -> names.forEach(z.putArray(layer)::add));
        }
        if (!kinds.isEmpty()) {
            kinds.forEach(sub.putArray("kinds")::add);
        }
        if (!messages.isEmpty()) {
            messages.forEach(sub.putArray("messages")::add);
        }
        return new Subscription(analyst, zones, kinds, messages, sub.toString());
    }

    private static Set<String> names(ZoneCatalog catalog, String layerId, int count, Random r) {
        List<Zone> all = catalog.layer(layerId).orElseThrow().zones();
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < Math.min(count, all.size())) {
            out.add(all.get(r.nextInt(all.size())).name());
        }
        return out;
    }

    private static String pick(Random r) {
        double x = r.nextDouble();
        for (int k = 0; k < KINDS.length; k++) {
            x -= KIND_SHARES[k];
            if (x < 0) {
                return KINDS[k];
            }
        }
        return KINDS[KINDS.length - 1];
    }

    List<Item> items() {
        return items;
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** The index encoded in an event id of this load, or -1 if it is not one. */
    static int indexOf(String eventId) {
        int slash = eventId.lastIndexOf('/');
        if (slash < 0
                || !eventId.regionMatches(slash - SOURCE.length(), SOURCE, 0, SOURCE.length())) {
            return -1;
        }
        try {
            return Integer.parseInt(eventId, slash + 1, eventId.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
