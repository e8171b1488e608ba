package org.zonestat.jobs.model;

/**
 * The kinds of feed ZoneStat joins with zones, each from its own raw topic: what happened
 * (incidents, 311, tips) and what agencies did (activities).
 */
public enum EventStream {
    INCIDENT("incident"),
    REQUEST311("request311"),
    TIP("tip"),
    ACTIVITY("activity");

    private final String wireName;

    EventStream(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON and in event ids. */
    public String wireName() {
        return wireName;
    }
}
