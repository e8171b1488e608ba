package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * How well the hot cells of one Gi* window close forecast the shootings and homicides of the
 * following days, against the simplest rule, on {@code hotspots} ({@code "type":
 * "forecast-score"}). Written once the following window is final (its end plus the allowed
 * lateness). Key: {@code <windowDays>d/forecast/<forecastAt>}; record timestamp: {@code
 * scoredUntil}.
 *
 * <pre>
 * area share = flagged cells / study-area cells
 * hit rate   = hits / events        (events: shootings + homicides in the study area
 *                                     in [forecastAt, scoredUntil))
 * PAI        = hit rate / area share
 * </pre>
 *
 * The baseline flags the same number of cells: those with the most shootings and homicides in the
 * {@code baselineDays} before {@code forecastAt} (ties: more in the last 7 days, then the cell
 * address).
 *
 * <p>Immutable and thread-safe.
 *
 * @param windowDays the Gi* window whose hot cells are the forecast
 * @param horizonDays the days scored after the close
 * @param baselineDays the days the baseline counts before the close
 * @param forecastAt the window close (a local midnight)
 * @param scoredUntil {@code forecastAt} plus {@code horizonDays} local days
 * @param studyAreaCells cells of the study area
 * @param flaggedCells cells flagged (hot), the same for both rules
 * @param events shootings and homicides in the study area in the scored days
 * @param hits those in a hot cell
 * @param hitRate {@code hits / events}, null without events
 * @param areaShare {@code flaggedCells / studyAreaCells}
 * @param pai hit rate / area share; null without events or flagged cells
 * @param baselineHits events in a baseline cell
 * @param baselineHitRate likewise
 * @param baselinePai likewise
 */
public record ForecastScoreMessage(
        @JsonProperty(required = true) int windowDays,
        @JsonProperty(required = true) int horizonDays,
        @JsonProperty(required = true) int baselineDays,
        @JsonProperty(required = true) Instant forecastAt,
        @JsonProperty(required = true) Instant scoredUntil,
        @JsonProperty(required = true) int studyAreaCells,
        @JsonProperty(required = true) int flaggedCells,
        @JsonProperty(required = true) long events,
        @JsonProperty(required = true) long hits,
        Double hitRate,
        @JsonProperty(required = true) double areaShare,
        Double pai,
        @JsonProperty(required = true) long baselineHits,
        Double baselineHitRate,
        Double baselinePai)
        implements HotspotsMessage {

    public ForecastScoreMessage {
        Fields.require(forecastAt, "forecastAt");
        Fields.requireNotBefore(
                Fields.require(scoredUntil, "scoredUntil"), forecastAt, "scoredUntil");
        if (studyAreaCells < 1 || flaggedCells < 0 || flaggedCells > studyAreaCells) {
            throw new IllegalArgumentException(
                    "need 0 <= flaggedCells <= studyAreaCells >= 1, got "
                            + flaggedCells
                            + " of "
                            + studyAreaCells);
        }
        if (hits < 0 || hits > events || baselineHits < 0 || baselineHits > events) {
            throw new IllegalArgumentException(
                    "need 0 <= hits, baselineHits <= events, got "
                            + hits
                            + ", "
                            + baselineHits
                            + " of "
                            + events);
        }
    }

    @Override
    public String key() {
        return windowDays + "d/forecast/" + forecastAt;
    }

    @Override
    public Instant timestamp() {
        return scoredUntil;
    }
}
