package org.zonestat.sim;

import java.util.List;

/**
 * What an adapter made of a file: the records to publish, and one line per row it could not use,
 * naming the file, the line and the reason. Counts reconcile: rows = events + problems (311 rows
 * make one record per lifecycle step, so there {@link #rows()} is what reconciles).
 */
public record AdapterResult(List<RawEvent> events, List<String> problems, int rows) {
    public AdapterResult {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }
}
