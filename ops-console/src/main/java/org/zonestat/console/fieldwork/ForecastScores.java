package org.zonestat.console.fieldwork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.zonestat.topics.ForecastScoreMessage;

/**
 * The {@code forecast-score} records of {@code hotspots}: for each close of the forecast window,
 * how the Gi* hot cells and the simple rule did over the following days. Upserted by (window,
 * close). Thread-safe.
 */
public final class ForecastScores {
    private final TreeMap<Instant, ForecastScoreMessage> byClose = new TreeMap<>();

    public synchronized void accept(ForecastScoreMessage m) {
        byClose.put(m.forecastAt(), m);
    }

    /** The latest score final by {@code t} ({@code scoredUntil <= t}). */
    public synchronized Optional<ForecastScoreMessage> latest(Instant t) {
        for (Map.Entry<Instant, ForecastScoreMessage> e :
                byClose.headMap(t, true).descendingMap().entrySet()) {
            if (!e.getValue().scoredUntil().isAfter(t)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** The score of the close at {@code forecastAt}, if any. */
    public synchronized Optional<ForecastScoreMessage> at(Instant forecastAt) {
        return Optional.ofNullable(byClose.get(forecastAt));
    }

    /** Every score, oldest first. */
    public synchronized List<ForecastScoreMessage> all() {
        return new ArrayList<>(byClose.values());
    }

    public synchronized int size() {
        return byClose.size();
    }
}
