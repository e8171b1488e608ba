package org.zonestat.console.fieldwork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zonestat.geo.stats.KnoxNearRepeatAnalysis;

/**
 * The Knox near-repeat table of the loaded history: the homicides and shootings of {@code events}
 * in a time range, tested with {@link KnoxNearRepeatAnalysis} (seeded Monte Carlo). A run costs
 * O(n²) per permutation (a few seconds for six years of a city's shootings); the last {@value
 * #CACHED} tables are kept, keyed by their question and the number of incidents (so new incidents
 * give a new table). Thread-safe: runs are serialized.
 */
final class KnoxHistory {
    static final int CACHED = 8;

    /** More incidents than this in one run are refused (narrow the range). */
    static final int MAX_INCIDENTS = 8_000;

    /** One band pair of the table. */
    record Cell(
            double distanceFrom,
            double distanceTo,
            double daysFrom,
            double daysTo,
            long observed,
            double expected,
            double ratio,
            double p,
            boolean significant) {}

    /**
     * A table: the incidents tested, the band pairs, and the near-repeat extent at {@code alpha}
     * (0, 0 when none).
     */
    record Table(
            int incidents,
            Instant from,
            Instant until,
            int permutations,
            long seed,
            double alpha,
            List<Cell> cells,
            double extentMeters,
            double extentDays) {}

    private final EventHistory history;
    private final Map<String, Table> cache =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Table> eldest) {
                    return size() > CACHED;
                }
            };

    KnoxHistory(EventHistory history) {
        this.history = history;
    }

    /**
     * The table of the gun violence in [from, until).
     *
     * @throws IllegalArgumentException if there are fewer than 2 or more than {@value
     *     #MAX_INCIDENTS} incidents
     */
    synchronized Table table(
            Instant from,
            Instant until,
            KnoxNearRepeatAnalysis.Bands bands,
            int permutations,
            long seed,
            double alpha) {
        List<EventHistory.Incident> gun =
                history.incidents(from, until).stream()
                        .filter(EventHistory.Incident::isGunViolence)
                        .toList();
        if (gun.size() < 2 || gun.size() > MAX_INCIDENTS) {
            throw new IllegalArgumentException(
                    "the Knox test needs 2 to "
                            + MAX_INCIDENTS
                            + " homicides and shootings in the range, there are "
                            + gun.size());
        }
        String key =
                from
                        + "|"
                        + until
                        + "|"
                        + java.util.Arrays.toString(bands.distanceEdges())
                        + java.util.Arrays.toString(bands.timeEdges())
                        + "|"
                        + permutations
                        + "|"
                        + seed
                        + "|"
                        + alpha
                        + "|"
                        + gun.size();
        Table cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        double[] lons = new double[gun.size()];
        double[] lats = new double[gun.size()];
        double[] days = new double[gun.size()];
        for (int i = 0; i < gun.size(); i++) {
            lons[i] = gun.get(i).lon();
            lats[i] = gun.get(i).lat();
            days[i] = gun.get(i).at().getEpochSecond() / 86_400.0;
        }
        KnoxNearRepeatAnalysis.Result r =
                new KnoxNearRepeatAnalysis(bands, permutations, seed).run(lons, lats, days);
        List<Cell> cells = new ArrayList<>();
        double[] d = r.distanceEdges();
        double[] t = r.timeEdges();
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < t.length; j++) {
                cells.add(
                        new Cell(
                                i == 0 ? 0 : d[i - 1],
                                d[i],
                                j == 0 ? 0 : t[j - 1],
                                t[j],
                                r.observed()[i][j],
                                Math.round(r.expected()[i][j] * 10) / 10.0,
                                Math.round(r.ratio()[i][j] * 100) / 100.0,
                                r.p()[i][j],
                                r.p()[i][j] <= alpha && r.ratio()[i][j] > 1));
            }
        }
        double[] extent = r.nearRepeatExtent(alpha, 1.0);
        Table table =
                new Table(
                        gun.size(),
                        gun.get(0).at(),
                        gun.get(gun.size() - 1).at(),
                        permutations,
                        seed,
                        alpha,
                        List.copyOf(cells),
                        extent[0],
                        extent[1]);
        cache.put(key, table);
        return table;
    }
}
