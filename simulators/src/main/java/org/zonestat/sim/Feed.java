package org.zonestat.sim;

/** The raw topics a feed publishes to, by role, with their default names. */
public enum Feed {
    INCIDENTS("incidents.raw"),
    REQUESTS311("requests311.raw"),
    TIPS("tips.raw");

    private final String defaultTopic;

    Feed(String defaultTopic) {
        this.defaultTopic = defaultTopic;
    }

    public String defaultTopic() {
        return defaultTopic;
    }
}
