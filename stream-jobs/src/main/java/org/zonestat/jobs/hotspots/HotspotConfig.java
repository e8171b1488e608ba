package org.zonestat.jobs.hotspots;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.zonestat.city.CityOption;
import org.zonestat.city.CityProfile;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.model.IncidentKind;

/**
 * Settings of the hotspot analytics attached by {@link HotspotGraph}. Immutable; {@link
 * #defaults()} plus {@code with...} copies.
 *
 * <p>Windows are whole local days and slide by one local day: every local midnight (in {@code
 * timeZone}, following daylight saving like {@code LocalDayWindows}) closes one window of each
 * length, covering the {@code windowDays} local days before it.
 *
 * @param windowDays the window lengths, in local days (default 1, 7, 28), distinct, each 1..366
 * @param cellResolution H3 resolution of the Gi* cells (the city's; see {@link #forCity})
 * @param ringK Gi* neighbourhood: the cells within k grid steps, the cell itself included
 * @param valueKinds the incident kinds whose count Gi* is computed on (default homicide and
 *     shooting, the VRI's gun-violence measure); zone cards count every kind
 * @param significance a window's cell is hot (cold) when z &gt; 0 (&lt; 0) and its p-value, or
 *     q-value if {@code fdr}, is below this
 * @param fdr judge significance on Benjamini-Hochberg q-values over the study area's cells
 * @param trendSignificance level of the Mann-Kendall trend test of the emerging hot-spot classes
 * @param historySteps k: how many windows the emerging hot-spot class looks at (the current one
 *     included)
 * @param historyStepDays days between those windows; 0 means "the window length", i.e.
 *     non-overlapping windows as in a space-time cube
 * @param studyArea the cells Gi* is computed over
 * @param timeZone the zone whose local midnights close the windows
 * @param lateness how long after a day ends late incidents still update its counts (they change the
 *     windows that close afterwards, never re-emit closed ones)
 */
public record HotspotConfig(
        List<Integer> windowDays,
        int cellResolution,
        int ringK,
        Set<IncidentKind> valueKinds,
        double significance,
        boolean fdr,
        double trendSignificance,
        int historySteps,
        int historyStepDays,
        HotspotStudyArea studyArea,
        ZoneId timeZone,
        Duration lateness)
        implements Serializable {

    public HotspotConfig {
        windowDays = List.copyOf(Objects.requireNonNull(windowDays, "windowDays"));
        if (windowDays.isEmpty()
                || windowDays.stream().distinct().count() != windowDays.size()
                || windowDays.stream().anyMatch(d -> d < 1 || d > 366)) {
            throw new IllegalArgumentException(
                    "windowDays must be distinct values in 1..366, was " + windowDays);
        }
        if (cellResolution < 0 || cellResolution > 15) {
            throw new IllegalArgumentException(
                    "cellResolution must be 0..15, was " + cellResolution);
        }
        if (ringK < 1 || ringK > 10) {
            throw new IllegalArgumentException("ringK must be 1..10, was " + ringK);
        }
        Objects.requireNonNull(valueKinds, "valueKinds");
        if (valueKinds.isEmpty()) {
            throw new IllegalArgumentException("valueKinds must not be empty");
        }
        valueKinds = Set.copyOf(valueKinds);
        if (!(significance > 0 && significance < 1)
                || !(trendSignificance > 0 && trendSignificance < 1)) {
            throw new IllegalArgumentException(
                    "significance levels must be in (0, 1), were "
                            + significance
                            + " and "
                            + trendSignificance);
        }
        if (historySteps < 1 || historySteps > 100) {
            throw new IllegalArgumentException("historySteps must be 1..100, was " + historySteps);
        }
        if (historyStepDays < 0 || historyStepDays > 366) {
            throw new IllegalArgumentException(
                    "historyStepDays must be 0..366, was " + historyStepDays);
        }
        Objects.requireNonNull(studyArea, "studyArea");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(lateness, "lateness");
        if (lateness.isNegative()) {
            throw new IllegalArgumentException("lateness must not be negative, was " + lateness);
        }
    }

    /**
     * Windows of 1, 7 and 28 days closing at each of the city's local midnights; Gi* on homicides +
     * shootings in H3 cells of the city's resolution with k = 1 rings; hot at 95% on
     * Benjamini-Hochberg q-values; emerging classes over the last 10 non-overlapping windows with a
     * 95% Mann-Kendall trend test; the city's study area (its {@code studyArea} file, else the
     * zones of its layers); late incidents accepted for 1 day.
     *
     * <p>Why the shipped profiles use resolution 8 and not 9: Baltimore has about 48 shootings and
     * homicides per 28 days (2012-2017), so at resolution 9 (about 2,300 cells) the mean is 0.02
     * per cell, the normal approximation behind Gi*'s p-values fails, and any two shootings within
     * about 500 m give z of about 5: on the 2012-2017 cases 80 cells per 28-day window came out
     * hot, mostly pairs. At resolution 8 (about 0.74 km², edge 461 m; about 320 cells in Baltimore)
     * it is 17 per window (5% of the area), concentrated in the west-side corridor (Harlem Park,
     * Penrose/Fayette, Upton, Sandtown-Winchester), with three times as many cells classed
     * persistent.
     */
    public static HotspotConfig forCity(CityProfile city) {
        HotspotStudyArea area =
                HotspotStudyArea.geoJson(
                        city.studyArea()
                                .map(List::of)
                                .orElseGet(
                                        () ->
                                                city.layers().stream()
                                                        .map(ZoneLayerSpec::location)
                                                        .toList()));
        return new HotspotConfig(
                List.of(1, 7, 28),
                city.analytics().hotspotResolution(),
                1,
                EnumSet.of(IncidentKind.HOMICIDE, IncidentKind.SHOOTING),
                0.05,
                true,
                0.05,
                10,
                0,
                area,
                city.timeZone(),
                Duration.ofDays(1));
    }

    /** {@link #forCity} of the city commands serve by default ({@link CityOption#defaultCity}). */
    public static HotspotConfig defaults() {
        return forCity(CityOption.defaultCity());
    }

    public HotspotConfig withWindowDays(List<Integer> days) {
        return new HotspotConfig(
                days,
                cellResolution,
                ringK,
                valueKinds,
                significance,
                fdr,
                trendSignificance,
                historySteps,
                historyStepDays,
                studyArea,
                timeZone,
                lateness);
    }

    public HotspotConfig withCells(int resolution, int k, HotspotStudyArea area) {
        return new HotspotConfig(
                windowDays,
                resolution,
                k,
                valueKinds,
                significance,
                fdr,
                trendSignificance,
                historySteps,
                historyStepDays,
                area,
                timeZone,
                lateness);
    }

    public HotspotConfig withHistory(int steps, int stepDays) {
        return new HotspotConfig(
                windowDays,
                cellResolution,
                ringK,
                valueKinds,
                significance,
                fdr,
                trendSignificance,
                steps,
                stepDays,
                studyArea,
                timeZone,
                lateness);
    }

    public HotspotConfig withSignificance(double level, boolean useFdr) {
        return new HotspotConfig(
                windowDays,
                cellResolution,
                ringK,
                valueKinds,
                level,
                useFdr,
                trendSignificance,
                historySteps,
                historyStepDays,
                studyArea,
                timeZone,
                lateness);
    }

    public HotspotConfig withValueKinds(Set<IncidentKind> kinds) {
        return new HotspotConfig(
                windowDays,
                cellResolution,
                ringK,
                kinds,
                significance,
                fdr,
                trendSignificance,
                historySteps,
                historyStepDays,
                studyArea,
                timeZone,
                lateness);
    }

    public HotspotConfig withLateness(Duration late) {
        return new HotspotConfig(
                windowDays,
                cellResolution,
                ringK,
                valueKinds,
                significance,
                fdr,
                trendSignificance,
                historySteps,
                historyStepDays,
                studyArea,
                timeZone,
                late);
    }

    /** The days between the windows of a cell's emerging hot-spot series, for one window length. */
    public int stepDays(int windowLength) {
        return historyStepDays == 0 ? windowLength : historyStepDays;
    }

    /** The longest window, in days. */
    public int maxWindowDays() {
        return windowDays.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
