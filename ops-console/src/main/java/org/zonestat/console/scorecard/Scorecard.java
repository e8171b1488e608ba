package org.zonestat.console.scorecard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link ScorecardQuery}, one entry per zone. Serialized as the body of {@code GET
 * /api/scorecard}.
 *
 * @param layer zone layer id
 * @param from first local date
 * @param to last local date
 * @param compareFrom first date of the comparison window, or null without comparison
 * @param compareTo last date of the comparison window, or null
 * @param kinds the kinds summed
 * @param goalPercent the goal as a change against last year, or null
 * @param zones one entry per zone, in the layer's order (zones with no records count 0)
 * @param layerVersion the layer's version now (configured layers are 1 until an upload or edit
 *     replaces them), 0 if not known
 * @param versions the layer versions whose tagging the numbers shown come from (a zone-day's newest
 *     contribution, over the window and the comparison window), newest first; version 0: records
 *     written before versions were recorded
 * @param olderVersionZoneDays zone-days shown that were counted with a version older than {@code
 *     layerVersion} (0 when every number is of the current polygons; reprocessing the layer brings
 *     them to it)
 */
public record Scorecard(
        String layer,
        LocalDate from,
        LocalDate to,
        LocalDate compareFrom,
        LocalDate compareTo,
        List<String> kinds,
        Double goalPercent,
        List<ZoneScore> zones,
        int layerVersion,
        List<VersionDays> versions,
        long olderVersionZoneDays) {

    public Scorecard {
        versions = List.copyOf(versions);
    }

    /**
     * The same numbers, stating that the layer is at {@code current} now: {@link
     * #olderVersionZoneDays} counts the zone-days of {@link #versions} below it.
     */
    public Scorecard withLayerVersion(int current) {
        long older =
                versions.stream()
                        .filter(v -> v.version() > 0 && v.version() < current)
                        .mapToLong(VersionDays::zoneDays)
                        .sum();
        return new Scorecard(
                layer,
                from,
                to,
                compareFrom,
                compareTo,
                kinds,
                goalPercent,
                zones,
                current,
                versions,
                older);
    }

    /**
     * The zone-days of the numbers shown that one layer version counted.
     *
     * @param version the layer version (0: not recorded)
     * @param zoneDays how many (zone, day) records of the scorecard it counted
     * @param first the earliest of those days
     * @param last the latest of those days
     */
    public record VersionDays(int version, long zoneDays, LocalDate first, LocalDate last) {
        VersionDays plus(LocalDate day) {
            return new VersionDays(
                    version,
                    zoneDays + 1,
                    day.isBefore(first) ? day : first,
                    day.isAfter(last) ? day : last);
        }
    }

    /** The zone of this name, if present. */
    public ZoneScore zone(String name) {
        return zones.stream().filter(z -> z.zone().equals(name)).findFirst().orElse(null);
    }

    /**
     * One zone's figures.
     *
     * @param zone zone name
     * @param days days in the window that have a record
     * @param counts kind field name to its sum over the window; a kind no record in the window
     *     carries ({@code requestsOverdue} in older records) is null
     * @param total the sum of {@code counts}
     * @param previous the same for the comparison window, or null without comparison
     * @param previousTotal the sum of {@code previous}, or null
     * @param change {@code total - previousTotal}, or null
     * @param changePercent {@code 100 * change / previousTotal} rounded to 0.1, null when the base
     *     is 0 or there is no comparison
     * @param target {@code previousTotal * (1 + goalPercent / 100)} rounded to 0.1, or null
     * @param metGoal whether {@code total <= target}, or null without a target
     */
    public record ZoneScore(
            String zone,
            int days,
            Map<String, Long> counts,
            long total,
            Map<String, Long> previous,
            Long previousTotal,
            Long change,
            Double changePercent,
            Double target,
            Boolean metGoal) {}
}
