package org.zonestat.jobs.model;

/** The closed set of alerts on the {@code alerts} topic, each with a stable wire code. */
public enum AlertType {
    /** A 311 request still not closed when the watermark passes its due time. */
    OVERDUE_311("overdue-311"),
    /** A shooting or homicide within the near-repeat radius and window of an earlier one. */
    NEAR_REPEAT("near-repeat"),
    TIP_MATCH("tip-match"),
    /** A shooting or homicide, naming the nearest available units. */
    VIOLENCE("violence"),
    /** A monitored device whose track passed near a shooting or homicide: restricted. */
    MONITORED_NEAR_SCENE("monitored-near-scene");

    private final String code;

    AlertType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
