package org.zonestat.console.scorecard;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A scorecard question: per zone of {@code layer}, the sums of {@code kinds} over the local dates
 * {@code [from, to]} (inclusive), optionally against the same dates one year earlier and a goal.
 *
 * @param layer zone layer id
 * @param from first local date
 * @param to last local date, not before {@code from}
 * @param kinds the counts to sum (at least one, no repeats)
 * @param comparePreviousYear whether to add the same window one year earlier ({@code
 *     LocalDate.minusYears(1)}: 29 February becomes 28 February)
 * @param goalPercent the goal as a change against last year, e.g. {@code -15.0}; null for none
 *     (only used with {@code comparePreviousYear})
 */
public record ScorecardQuery(
        String layer,
        LocalDate from,
        LocalDate to,
        List<Kind> kinds,
        boolean comparePreviousYear,
        Double goalPercent) {

    public ScorecardQuery {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty() || kinds.stream().distinct().count() != kinds.size()) {
            throw new IllegalArgumentException("kinds must name at least one kind, each once");
        }
    }

    /** Homicides and shootings from {@code from} to {@code to} against last year, no goal. */
    public static ScorecardQuery gunViolence(String layer, LocalDate from, LocalDate to) {
        return new ScorecardQuery(layer, from, to, Kind.GUN_VIOLENCE, true, null);
    }

    public ScorecardQuery withGoal(Double percent) {
        return new ScorecardQuery(layer, from, to, kinds, comparePreviousYear, percent);
    }
}
