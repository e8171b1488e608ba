package org.zonestat.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;

/**
 * What one WebSocket client asked for: zones per layer, event kinds and message types. An empty set
 * or map means "no restriction" on that axis.
 *
 * <p>An item matches when its message type is in {@code messages}, its {@link
 * LiveItem#kindForFilter() kind} is in {@code kinds} (items without a kind, hot cells, pass), and,
 * if {@code zones} is not empty, it lies in one of the listed zones of at least one listed layer.
 * The role rules apply on top: {@link #visibleTo(Role)} also leaves out what the role may not see.
 *
 * <p>Immutable and thread-safe.
 *
 * @param zones layer id to the zone names of that layer
 * @param kinds event kinds, e.g. {@code SHOOTING}, {@code REQUEST_311}
 * @param messages message types: {@code event}, {@code alert}, {@code halo}, {@code cell}, {@code
 *     unit}, {@code transition}, {@code monitored} (monitored devices' positions and transitions,
 *     only when named here)
 */
public record LiveSubscription(
        Map<String, Set<String>> zones, Set<String> kinds, Set<String> messages)
        implements Predicate<LiveItem> {

    /** The message types that carry items, in the order the README lists them. */
    public static final List<String> ITEM_TYPES =
            List.of("event", "alert", "halo", "cell", "unit", "transition", "monitored");

    /** Monitored devices' positions and transitions: only when asked for by name. */
    public static final String MONITORED = "monitored";

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final int MAX_ZONES = 500;

    public LiveSubscription {
        Map<String, Set<String>> z = new LinkedHashMap<>();
        zones.forEach(
                (layer, names) ->
                        z.put(layer, Collections.unmodifiableSet(new LinkedHashSet<>(names))));
        zones = Collections.unmodifiableMap(z);
        kinds = Collections.unmodifiableSet(new LinkedHashSet<>(kinds));
        messages = Collections.unmodifiableSet(new LinkedHashSet<>(messages));
    }

    /** Everything: every zone, kind and message type. */
    public static LiveSubscription everything() {
        return new LiveSubscription(Map.of(), Set.of(), Set.of());
    }

    @Override
    public boolean test(LiveItem item) {
        if (!messages.isEmpty() && !messages.contains(item.messageType())) {
            return false;
        }
        if (item.restricted() && !(item instanceof LiveAlert) && !messages.contains(MONITORED)) {
            return false; // a monitored person's track is read only when asked for by name
        }
        String kind = item.kindForFilter();
        if (!kinds.isEmpty() && kind != null && !kinds.contains(kind)) {
            return false;
        }
        if (zones.isEmpty()) {
            return true;
        }
        Map<String, String> itemZones = item.zones();
        for (Map.Entry<String, Set<String>> layer : zones.entrySet()) {
            String zone = itemZones.get(layer.getKey());
            if (zone != null && layer.getValue().contains(zone)) {
                return true;
            }
        }
        return false;
    }

    /** This subscription narrowed by the role's rules (tips for analysts and admins only). */
    public Predicate<LiveItem> visibleTo(Role role) {
        return item -> role.maySee(item) && test(item);
    }

    /**
     * The subscription as the role will be served: {@code TIP} removed from the kinds of a role
     * that may not see tips (if that empties an explicit kind list, nothing of a kind matches).
     */
    public LiveSubscription forRole(Role role) {
        if (role.maySeeTips() || !kinds.contains("TIP")) {
            return this;
        }
        Set<String> k = new LinkedHashSet<>(kinds);
        k.remove("TIP");
        if (k.isEmpty()) {
            k.add("NONE");
        }
        return new LiveSubscription(zones, k, messages);
    }

    /**
     * Reads the {@code zones}, {@code kinds} and {@code messages} members of a {@code subscribe}
     * message; absent members mean "no restriction".
     *
     * @throws IllegalArgumentException naming the member and what is wrong with it
     */
    public static LiveSubscription parse(JsonNode message, ZoneCatalog catalog) {
        Map<String, Set<String>> zones = new LinkedHashMap<>();
        JsonNode z = message.path("zones");
        if (!z.isMissingNode() && !z.isNull()) {
            if (!z.isObject()) {
                throw new IllegalArgumentException(
                        "'zones' must be an object of layer id to zone names");
            }
            int count = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = z.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ZoneLayer layer =
                        catalog.layer(e.getKey())
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "'zones' names unknown layer '"
                                                                + e.getKey()
                                                                + "', known layers: "
                                                                + catalog.layerIds()));
                List<String> names = strings(e.getValue(), "zones." + e.getKey());
                Set<String> known = new LinkedHashSet<>();
                layer.zones().forEach(zone -> known.add(zone.name()));
                for (String name : names) {
                    if (!known.contains(name)) {
                        throw new IllegalArgumentException(
                                "'zones." + e.getKey() + "' names unknown zone '" + name + "'");
                    }
                }
                count += names.size();
                zones.put(e.getKey(), new LinkedHashSet<>(names));
            }
            if (count > MAX_ZONES) {
                throw new IllegalArgumentException(
                        "'zones' lists " + count + " zones, at most " + MAX_ZONES);
            }
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String kind : optionalStrings(message, "kinds")) {
            if (!KIND.matcher(kind).matches()) {
                throw new IllegalArgumentException(
                        "'kinds' entry '"
                                + kind
                                + "' is not an event kind (upper case, digits, '_')");
            }
            kinds.add(kind);
        }
        Set<String> messages = new LinkedHashSet<>();
        for (String type : optionalStrings(message, "messages")) {
            if (!ITEM_TYPES.contains(type)) {
                throw new IllegalArgumentException(
                        "'messages' entry '" + type + "' is not one of " + ITEM_TYPES);
            }
            messages.add(type);
        }
        return new LiveSubscription(zones, kinds, messages);
    }

    private static List<String> optionalStrings(JsonNode message, String member) {
        JsonNode n = message.path(member);
        return n.isMissingNode() || n.isNull() ? List.of() : strings(n, member);
    }

    private static List<String> strings(JsonNode n, String member) {
        if (!n.isArray()) {
            throw new IllegalArgumentException("'" + member + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : n) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException("'" + member + "' must be an array of strings");
            }
            out.add(v.asText());
        }
        return out;
    }
}
