package org.zonestat.console;

import java.util.Locale;

/**
 * What the holder of an access token may do. Every role reads layers and zones.
 *
 * <p><b>Exact locations</b> (coordinates and block addresses of events, 311 requests and alerts)
 * follow one rule on every path, the live feed, replay, site-visit exports and Open311 alike: staff
 * ({@code dispatcher}, {@code analyst}, {@code admin}) get them ({@link #maySeeExactLocation()});
 * the public role and callers without a token never do (they get aggregates: the public scorecard,
 * and Open311's status and dates). Tips, with their locations, are for analysts and admins only
 * ({@link #maySeeTips()}).
 */
public enum Role {
    PUBLIC,
    DISPATCHER,
    ANALYST,
    ADMIN;

    /** Whether this role may receive live events (exact locations). */
    public boolean mayWatchLive() {
        return maySeeExactLocation();
    }

    /**
     * Whether this role may see where something happened: coordinates and block addresses, on every
     * path (live, replay, exports, Open311). Staff may; the public may not.
     */
    public boolean maySeeExactLocation() {
        return this != PUBLIC;
    }

    /** Whether this role may see tips. */
    public boolean maySeeTips() {
        return this == ANALYST || this == ADMIN;
    }

    /** Whether a live event, alert, halo or cell may be shown to this role. */
    public boolean maySee(LiveItem item) {
        return mayWatchLive() && (maySeeTips() || !item.revealsTip());
    }

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
