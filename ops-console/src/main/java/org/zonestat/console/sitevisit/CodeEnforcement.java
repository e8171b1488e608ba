package org.zonestat.console.sitevisit;

import java.util.List;
import java.util.Locale;

/**
 * Which 311 request types are a city's code-enforcement work, the requests a site-visit plan counts
 * (its profile's {@code codeEnforcement}): a type matches when it starts with one of the listed
 * types, in any case (a prefix such as {@code HCD-} matches a whole agency's types). A city that
 * lists none ranks its zones on violence alone.
 *
 * <p>Immutable and thread-safe.
 *
 * @param types the listed types or starts of types
 */
public record CodeEnforcement(List<String> types) {
    public CodeEnforcement {
        types = types.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList();
    }

    /** Whether a request of this type is code-enforcement work. */
    public boolean covers(String type) {
        if (type == null) {
            return false;
        }
        String t = type.toUpperCase(Locale.ROOT);
        return types.stream().anyMatch(t::startsWith);
    }
}
