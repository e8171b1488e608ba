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
}
