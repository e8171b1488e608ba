package org.zonestat.console.scorecard;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scorecard as the public sees it ({@code GET /api/public/scorecard}): per-zone aggregates with
 * small counts suppressed. The rule:
 *
 * <ul>
 *   <li>a count from 1 to {@value #SUPPRESS_BELOW} minus one is the text {@code "<5"}; 0 is shown
 *       as 0 (a zero names no one, and hiding it would make every quiet zone look suppressed);
 *   <li>when a zone's total is shown but one of its counts is small, every count of that zone is
 *       withheld ({@code null}), since the total minus the others would give the small one away;
 *   <li>{@code change}, {@code changePercent} and {@code metGoal} are withheld when either total is
 *       small.
 * </ul>
 *
 * The staff scorecard's {@code target} and {@code days} are not shown. Immutable and thread-safe.
 *
 * @param suppressedBelow the smallest count shown as a number (besides 0)
 * @param zones one entry per zone, in the layer's order
 */
public record PublicScorecard(
        String layer,
        LocalDate from,
        LocalDate to,
        LocalDate compareFrom,
        LocalDate compareTo,
        List<String> kinds,
        Double goalPercent,
        int suppressedBelow,
        List<Zone> zones) {

    /** Counts from 1 to this minus one are shown as {@code "<5"}. */
    public static final int SUPPRESS_BELOW = 5;

    /**
     * A zone's figures; without a comparison the comparison's members are absent from the JSON.
     *
     * @param counts by kind; all null when withheld
     */
    public record Zone(
            String zone,
            Map<String, Count> counts,
            Count total,
            @JsonUnwrapped Comparison comparison) {}

    /**
     * Last year's figures and the change; {@code change}, {@code changePercent} and {@code metGoal}
     * are null when either total is small.
     */
    public record Comparison(
            Map<String, Count> previous,
            Count previousTotal,
            Long change,
            Double changePercent,
            Boolean metGoal) {}

    /** A count as the public sees it: 0 and 5 or more as a number, 1–4 as {@code "<5"}. */
    public record Count(long value) {
        public boolean small() {
            return value > 0 && value < SUPPRESS_BELOW;
        }

        @JsonValue
        public Object shown() {
            return small() ? "<" + SUPPRESS_BELOW : value;
        }
    }

    /** The public view of a staff scorecard. */
    public static PublicScorecard of(Scorecard s) {
        return new PublicScorecard(
                s.layer(),
                s.from(),
                s.to(),
                s.compareFrom(),
                s.compareTo(),
                s.kinds(),
                s.goalPercent(),
                SUPPRESS_BELOW,
                s.zones().stream().map(PublicScorecard::zone).toList());
    }

    static Zone zone(Scorecard.ZoneScore z) {
        Comparison comparison = null;
        if (z.previous() != null) {
            boolean shown = !new Count(z.total()).small() && !new Count(z.previousTotal()).small();
            comparison =
                    new Comparison(
                            counts(z.previous(), z.previousTotal()),
                            new Count(z.previousTotal()),
                            shown ? z.change() : null,
                            shown ? z.changePercent() : null,
                            shown ? z.metGoal() : null);
        }
        return new Zone(z.zone(), counts(z.counts(), z.total()), new Count(z.total()), comparison);
    }

    /**
     * A zone's counts by kind as the public sees them: all withheld (null) when one is small and
     * the total is not; a kind without a sum stays null.
     */
    static Map<String, Count> counts(Map<String, Long> counts, long total) {
        boolean anySmall =
                counts.values().stream().anyMatch(v -> v != null && new Count(v).small());
        boolean withhold = anySmall && !new Count(total).small();
        Map<String, Count> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v == null || withhold ? null : new Count(v)));
        return out;
    }
}
