package org.zonestat.console;

import java.util.Locale;

/**
 * What the holder of an access token may do. The walking skeleton lets every role read layers,
 * zones and live events; later work filters by role.
 */
public enum Role {
    PUBLIC,
    DISPATCHER,
    ANALYST,
    ADMIN;

    /** The name used in token files and JSON, e.g. {@code dispatcher}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a role id, ignoring case; throws with the list of known roles if unknown. */
    public static Role parse(String id) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(id.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException(
                "unknown role '" + id + "', expected one of public, dispatcher, analyst, admin");
    }
}
