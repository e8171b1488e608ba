package org.zonestat.console.scorecard;

import java.util.Arrays;
import java.util.List;

/** A count the {@code zone-stats} topic carries per zone and day, by its JSON field name. */
public enum Kind {
    HOMICIDES("homicides"),
    SHOOTINGS("shootings"),
    OTHER_VIOLENT("otherViolent"),
    REQUESTS_OPENED("requestsOpened"),
    REQUESTS_CLOSED("requestsClosed"),
    /** Requests that became overdue that day; newer records only. */
    REQUESTS_OVERDUE("requestsOverdue"),
    TIPS("tips");

    /** Homicides and shootings: the violence-reduction goal is set on their sum. */
    public static final List<Kind> GUN_VIOLENCE = List.of(HOMICIDES, SHOOTINGS);

    private final String field;

    Kind(String field) {
        this.field = field;
    }

    /** The JSON field name, e.g. {@code otherViolent}. */
    public String field() {
        return field;
    }

    /** The kind named by its JSON field; throws naming the known fields if unknown. */
    public static Kind parse(String field) {
        for (Kind k : values()) {
            if (k.field.equals(field.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "unknown kind '" + field + "', expected one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(Kind::field).toList().toString();
    }
}
