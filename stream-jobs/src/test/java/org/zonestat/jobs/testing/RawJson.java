package org.zonestat.jobs.testing;

/** Raw records as feeds write them, for tests. */
public final class RawJson {
    private RawJson() {}

    /** A shooting in Sandtown-Winchester, as a record of {@code incidents.raw}. */
    public static String shooting(String id, String occurredAt) {
        return shooting(id, occurredAt, -76.6440, 39.3010);
    }

    /** A shooting at the given place, as a record of {@code incidents.raw}. */
    public static String shooting(String id, String occurredAt, double lon, double lat) {
        return "{\"id\":\""
                + id
                + "\",\"kind\":\"SHOOTING\",\"occurredAt\":\""
                + occurredAt
                + "\",\"lat\":"
                + lat
                + ",\"lon\":"
                + lon
                + "}";
    }

    /**
     * A tip at the given place, as a record of {@code tips.raw}, with {@code extraMembers} (JSON
     * object members, e.g. {@code "\"phone\":\"410-555-0100\""}) appended; pass "" for none.
     */
    public static String tip(
            String id, String occurredAt, double lon, double lat, String extraMembers) {
        return "{\"id\":\""
                + id
                + "\",\"category\":\"GUNS\",\"occurredAt\":\""
                + occurredAt
                + "\",\"lat\":"
                + lat
                + ",\"lon\":"
                + lon
                + (extraMembers.isEmpty() ? "" : "," + extraMembers)
                + "}";
    }

    /**
     * A 311 step in Sandtown-Winchester, as a record of {@code requests311.raw}, with {@code
     * extraMembers} appended as in {@link #tip}.
     */
    public static String request311(
            String id, String status, String occurredAt, String extraMembers) {
        return "{\"id\":\""
                + id
                + "\",\"type\":\"SW-Dirty Alley\",\"status\":\""
                + status
                + "\",\"occurredAt\":\""
                + occurredAt
                + "\",\"lat\":39.3010,\"lon\":-76.6440"
                + (extraMembers.isEmpty() ? "" : "," + extraMembers)
                + "}";
    }
}
