package org.zonestat.console.scorecard;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scorecard as the public sees it ({@code GET /api/public/scorecard}): per-zone counts for one
 * fixed reporting period, with small counts suppressed so that no query, or combination of queries,
 * gives a count from 1 to 4 away.
 *
 * <p><b>The rule.</b> Figures exist only for fixed <i>cells</i>: one zone of one layer in one
 * complete calendar quarter ({@link Quarter}), for the fixed list of {@link #KINDS} and the fixed
 * {@code total} = homicides + shootings. Whatever is asked ({@code kinds} only chooses which of a
 * cell's figures are returned; there are no free date ranges and no quarter still in progress), a
 * cell's figures and what is suppressed in it depend on that cell's own counts alone, so every
 * query shows the same cell the same way, and no public figure is a sum over two cells. Within a
 * cell:
 *
 * <ul>
 *   <li>a count from 1 to {@value #SUPPRESS_BELOW} minus one is the text {@code "<5"}; 0 is shown
 *       as 0 (a zero names no one, and hiding it would make every quiet zone look suppressed);
 *   <li>when {@code total} is shown as a number but homicides or shootings is small, both are
 *       withheld ({@code null}), since the total minus the other would give the small one away;
 *   <li>{@code change}, {@code changePercent} and {@code metGoal} (against the same quarter a year
 *       earlier, itself a cell) are withheld when either total is small.
 * </ul>
 *
 * Differencing needs two published figures whose difference is one small count: two cells never
 * overlap (quarters are disjoint; a kind is never summed with another except in the fixed total),
 * so the only sums published are a cell's total, covered by the second point. Zones of different
 * layers overlap in space; their figures are not differences of each other unless one zone is made
 * of others, which only an admin's upload can do. Immutable and thread-safe.
 *
 * @param period the quarter, e.g. {@code 2018-Q2}
 * @param suppressedBelow the smallest count shown as a number (besides 0)
 * @param zones one entry per zone, in the layer's order
 * @param layerVersion the layer's version now ({@link Scorecard#layerVersion()})
 * @param versions the layer versions the figures come from, newest first (no day counts: how many
 *     zone-days have records is not published)
 * @param olderVersions whether some figures were counted with a version older than {@code
 *     layerVersion}
 */
public record PublicScorecard(
        String layer,
        String period,
        LocalDate from,
        LocalDate to,
        LocalDate compareFrom,
        LocalDate compareTo,
        List<String> kinds,
        Double goalPercent,
        int suppressedBelow,
        List<Zone> zones,
        int layerVersion,
        List<Integer> versions,
        boolean olderVersions) {

    /** Counts from 1 to this minus one are shown as {@code "<5"}. */
    public static final int SUPPRESS_BELOW = 5;

    /** Every kind a public cell has; {@code kinds=} chooses among them. */
    public static final List<Kind> KINDS =
            List.of(
                    Kind.HOMICIDES,
                    Kind.SHOOTINGS,
                    Kind.OTHER_VIOLENT,
                    Kind.REQUESTS_OPENED,
                    Kind.REQUESTS_CLOSED);

    /**
     * A complete calendar quarter, the public reporting period.
     *
     * @param year the year
     * @param number 1 to 4
     */
    public record Quarter(int year, int number) {
        private static final Pattern FORMAT = Pattern.compile("(\\d{4})-Q([1-4])");

        public Quarter {
            if (number < 1 || number > 4) {
                throw new IllegalArgumentException("a quarter is 1 to 4, was " + number);
            }
        }

        /**
         * Parses {@code 2018-Q2}.
         *
         * @throws IllegalArgumentException naming the expected form
         */
        public static Quarter parse(String text) {
            Matcher m = FORMAT.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "must be a calendar quarter like 2018-Q2, was '" + text + "'");
            }
            return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        /** The quarter {@code day} is in. */
        public static Quarter of(LocalDate day) {
            return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
        }

        /** The latest quarter that has ended by the end of {@code day}. */
        public static Quarter latestCompleteOn(LocalDate day) {
            Quarter q = of(day);
            return day.equals(q.last()) ? q : q.previous();
        }

        public LocalDate first() {
            return LocalDate.of(year, (number - 1) * 3 + 1, 1);
        }

        public LocalDate last() {
            return YearMonth.of(year, number * 3).atEndOfMonth();
        }

        public Quarter previous() {
            return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
        }

        @Override
        public String toString() {
            return year + "-Q" + number;
        }
    }

    /**
     * A zone's figures; without a comparison the comparison's members are absent from the JSON.
     *
     * @param counts by kind (those asked for); homicides and shootings null when withheld
     * @param total homicides + shootings
     */
    public record Zone(
            String zone,
            Map<String, Count> counts,
            Count total,
            @JsonUnwrapped Comparison comparison) {}

    /**
     * The same quarter a year earlier and the change; {@code change}, {@code changePercent} and
     * {@code metGoal} are null when either total is small.
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

    /**
     * The public view of a staff scorecard that covers exactly {@code quarter} for every kind of
     * {@link #KINDS} (and, with a comparison, the same quarter a year earlier).
     *
     * @param shown the kinds whose counts are returned
     */
    public static PublicScorecard of(Scorecard s, Quarter quarter, List<Kind> shown) {
        if (!s.from().equals(quarter.first()) || !s.to().equals(quarter.last())) {
            throw new IllegalArgumentException(
                    "the scorecard covers " + s.from() + " to " + s.to() + ", not " + quarter);
        }
        List<String> fields = shown.stream().map(Kind::field).toList();
        return new PublicScorecard(
                s.layer(),
                quarter.toString(),
                s.from(),
                s.to(),
                s.compareFrom(),
                s.compareTo(),
                fields,
                s.goalPercent(),
                SUPPRESS_BELOW,
                s.zones().stream().map(z -> zone(z, fields, s.goalPercent())).toList(),
                s.layerVersion(),
                s.versions().stream().map(Scorecard.VersionDays::version).toList(),
                s.olderVersionZoneDays() > 0);
    }

    static Zone zone(Scorecard.ZoneScore z, List<String> fields, Double goalPercent) {
        long total = total(z.counts());
        Comparison comparison = null;
        if (z.previous() != null) {
            long previous = total(z.previous());
            boolean shown = !new Count(total).small() && !new Count(previous).small();
            Long change = total - previous;
            Double percent = previous == 0 ? null : Math.round(1000.0 * change / previous) / 10.0;
            Boolean met = goalPercent == null ? null : total <= previous * (1 + goalPercent / 100);
            comparison =
                    new Comparison(
                            counts(z.previous(), fields),
                            new Count(previous),
                            shown ? change : null,
                            shown ? percent : null,
                            shown ? met : null);
        }
        return new Zone(z.zone(), counts(z.counts(), fields), new Count(total), comparison);
    }

    /** A cell's fixed total: homicides + shootings. */
    static long total(Map<String, Long> counts) {
        return value(counts, Kind.HOMICIDES) + value(counts, Kind.SHOOTINGS);
    }

    private static long value(Map<String, Long> counts, Kind kind) {
        Long v = counts.get(kind.field());
        return v == null ? 0 : v;
    }

    /**
     * A cell's counts as the public sees them, for the kinds asked for: homicides and shootings
     * withheld (null) when one of them is small and the total is not; a kind without a sum is null.
     */
    static Map<String, Count> counts(Map<String, Long> counts, List<String> fields) {
        long total = total(counts);
        boolean withhold =
                !new Count(total).small()
                        && (new Count(value(counts, Kind.HOMICIDES)).small()
                                || new Count(value(counts, Kind.SHOOTINGS)).small());
        Map<String, Count> out = new LinkedHashMap<>();
        for (String field : fields) {
            Long v = counts.get(field);
            boolean inTotal =
                    field.equals(Kind.HOMICIDES.field()) || field.equals(Kind.SHOOTINGS.field());
            out.put(field, v == null || (withhold && inTotal) ? null : new Count(v));
        }
        return out;
    }

    /** Checks a requested quarter against the latest day with data. */
    static Quarter requireComplete(Quarter q, LocalDate latestDay) {
        Objects.requireNonNull(q, "quarter");
        if (q.last().isAfter(latestDay)) {
            throw new IllegalArgumentException(
                    "quarter "
                            + q
                            + " is not complete (data up to "
                            + latestDay
                            + "); the public scorecard is published for complete quarters only,"
                            + " the latest is "
                            + Quarter.latestCompleteOn(latestDay));
        }
        return q;
    }
}
