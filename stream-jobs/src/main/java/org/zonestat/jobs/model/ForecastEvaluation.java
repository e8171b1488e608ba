package org.zonestat.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One scored forecast: the hot cells of a Gi* window close against the shootings and homicides of
 * the following days, and the naive baseline with the same number of cells, as counts. The rates
 * and the predictive accuracy index are derived when it is written ({@code hotspots}, {@code
 * "type": "forecast-score"}).
 *
 * @param windowDays the Gi* window whose hot cells were the forecast
 * @param horizonDays days scored after the close
 * @param baselineDays days the baseline counted before the close
 * @param forecastAt the window close
 * @param scoredUntil the end of the scored days
 * @param studyAreaCells cells of the study area
 * @param flaggedCells cells flagged by each rule
 * @param events shootings and homicides in the study area in the scored days
 * @param hits those in a hot cell
 * @param baselineHits those in a baseline cell
 */
public record ForecastEvaluation(
        int windowDays,
        int horizonDays,
        int baselineDays,
        Instant forecastAt,
        Instant scoredUntil,
        int studyAreaCells,
        int flaggedCells,
        long events,
        long hits,
        long baselineHits) {
    public ForecastEvaluation {
        Objects.requireNonNull(forecastAt, "forecastAt");
        Objects.requireNonNull(scoredUntil, "scoredUntil");
    }
}
