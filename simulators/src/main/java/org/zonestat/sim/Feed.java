package org.zonestat.sim;

import org.zonestat.topics.RawActivity;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.RawInput;
import org.zonestat.topics.RawRequestStep;
import org.zonestat.topics.Topics;

/**
 * The raw feeds (what happened, and what agencies did), each with its topic (named by {@link
 * Topics}) and its record of the contract.
 */
public enum Feed {
    INCIDENTS,
    REQUESTS311,
    TIPS,
    ACTIVITIES;

    /** This feed's topic among {@code topics}. */
    public String topic(Topics topics) {
        return switch (this) {
            case INCIDENTS -> topics.incidents();
            case REQUESTS311 -> topics.requests311();
            case TIPS -> topics.tips();
            case ACTIVITIES -> topics.activities();
        };
    }

    /** The feed a raw record belongs to. */
    public static Feed of(RawInput record) {
        if (record instanceof RawIncident) {
            return INCIDENTS;
        } else if (record instanceof RawRequestStep) {
            return REQUESTS311;
        } else if (record instanceof RawActivity) {
            return ACTIVITIES;
        }
        return TIPS;
    }
}
