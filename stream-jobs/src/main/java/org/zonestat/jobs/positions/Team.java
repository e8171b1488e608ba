package org.zonestat.jobs.positions;

import java.util.Locale;
import java.util.Optional;

/** Whose time a unit's presence counts as: police patrol or outreach. */
public enum Team {
    PATROL,
    OUTREACH;

    /** The wire code, {@code patrol} or {@code outreach}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The team with this wire code (case-insensitive), or empty. */
    public static Optional<Team> parse(String code) {
        for (Team t : values()) {
            if (t.code().equalsIgnoreCase(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
