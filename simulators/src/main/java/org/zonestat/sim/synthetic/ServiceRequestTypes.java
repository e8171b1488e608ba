package org.zonestat.sim.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.csv.CsvTable;

/**
 * Baltimore's 311 request types (the 320 of 311_request_types.csv, plus any other type seen in the
 * 311 export), each weighted by how often the October 2019 export has it (weight 1 + 20 × count, so
 * unseen types stay possible), with per-agency service levels: how long a request of that kind
 * takes to close (log-normal around a median) and when it is due.
 *
 * <p>Immutable; thread-safe. Loaded once per JVM.
 */
final class ServiceRequestTypes {
    /** An agency's service level. */
    record ServiceLevel(String agency, double medianCloseHours, double dueHours) {}

    private static final Map<String, ServiceLevel> BY_PREFIX =
            Map.ofEntries(
                    Map.entry("SW", new ServiceLevel("Solid Waste", 36, 96)),
                    Map.entry("TRS", new ServiceLevel("Transportation", 144, 336)),
                    Map.entry("TRM", new ServiceLevel("Transportation", 144, 336)),
                    Map.entry("TRT", new ServiceLevel("Transportation", 144, 336)),
                    Map.entry(
                            "HCD", new ServiceLevel("Housing and Community Development", 288, 720)),
                    Map.entry("WW", new ServiceLevel("Water Wastewater", 96, 168)),
                    Map.entry("BGE", new ServiceLevel("BGE", 192, 336)),
                    Map.entry("ECC", new ServiceLevel("Call Center", 0.1, 48)),
                    Map.entry("HLTH", new ServiceLevel("Health", 96, 240)));
    private static final ServiceLevel OTHER = new ServiceLevel("Other", 120, 240);

    private final String[] types;
    private final ServiceLevel[] levels;
    private final double[] cumulative;

    private ServiceRequestTypes(String[] types, ServiceLevel[] levels, double[] cumulative) {
        this.types = types;
        this.levels = levels;
        this.cumulative = cumulative;
    }

    private static final class Holder {
        static final ServiceRequestTypes BALTIMORE = load();
    }

    static ServiceRequestTypes baltimore() {
        return Holder.BALTIMORE;
    }

    int size() {
        return types.length;
    }

    /** Index of a type drawn by weight. */
    int sample(SplittableRandom r) {
        double u = r.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        return Math.min(i >= 0 ? i + 1 : -i - 1, types.length - 1);
    }

    String type(int i) {
        return types[i];
    }

    ServiceLevel level(int i) {
        return levels[i];
    }

    static ServiceLevel levelOf(String type) {
        int dash = type.indexOf('-');
        return dash < 0 ? OTHER : BY_PREFIX.getOrDefault(type.substring(0, dash), OTHER);
    }

    private static ServiceRequestTypes load() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        read(BaltimoreData.open("311_request_types.csv"), "request_type", counts, false);
        read(BaltimoreData.open(BaltimoreData.SERVICE_311_2019), "SRType", counts, true);
        List<String> names = new ArrayList<>(counts.keySet());
        String[] types = names.toArray(String[]::new);
        ServiceLevel[] levels = new ServiceLevel[types.length];
        double[] cumulative = new double[types.length];
        double sum = 0;
        for (int i = 0; i < types.length; i++) {
            levels[i] = levelOf(types[i]);
            sum += 1 + 20.0 * counts.get(types[i]);
            cumulative[i] = sum;
        }
        return new ServiceRequestTypes(types, levels, cumulative);
    }

    private static void read(
            InputStream stream, String column, Map<String, Integer> counts, boolean count) {
        try (InputStream in = stream) {
            CsvTable.forEachRow(
                    in,
                    column,
                    row ->
                            row.get(column)
                                    .ifPresent(t -> counts.merge(t, count ? 1 : 0, Integer::sum)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
