package org.zonestat.jobs.model;

/** The three kinds of feed ZoneStat joins with zones, each from its own raw topic. */
public enum EventStream {
    INCIDENT("incident"),
    REQUEST311("request311"),
    TIP("tip");

    private final String wireName;

    EventStream(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON and in event ids. */
    public String wireName() {
        return wireName;
    }
}
