package org.zonestat.sim.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.zonestat.city.InvalidCityProfileException;
import org.zonestat.city.Locations;
import org.zonestat.sim.csv.CsvTable;

/**
 * A city's 311 request types for the synthetic city, read from its profile's request-type list (a
 * CSV with the columns {@code type, agency, weight, median_close_hours, due_hours}): each type is
 * drawn by its weight, closes after a log-normal delay around its median and is due after its
 * service level.
 *
 * <p>Immutable; thread-safe.
 */
final class ServiceRequestTypes {
    /** An agency's service level. */
    record ServiceLevel(String agency, double medianCloseHours, double dueHours) {}

    private final String[] types;
    private final ServiceLevel[] levels;
    private final double[] cumulative;

    private ServiceRequestTypes(String[] types, ServiceLevel[] levels, double[] cumulative) {
        this.types = types;
        this.levels = levels;
        this.cumulative = cumulative;
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

    /**
     * Reads a request-type list.
     *
     * @throws InvalidCityProfileException naming the file and the row that cannot be used
     */
    static ServiceRequestTypes read(String location) {
        List<String> names = new ArrayList<>();
        List<ServiceLevel> levels = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        try (InputStream in = Locations.open(location)) {
            CsvTable.forEachRow(
                    in,
                    location,
                    row -> {
                        try {
                            names.add(row.get("type").orElseThrow());
                            levels.add(
                                    new ServiceLevel(
                                            row.get("agency").orElse("Other"),
                                            Double.parseDouble(
                                                    row.get("median_close_hours").orElseThrow()),
                                            Double.parseDouble(
                                                    row.get("due_hours").orElseThrow())));
                            double w = Double.parseDouble(row.get("weight").orElseThrow());
                            if (!(w > 0)) {
                                throw new IllegalArgumentException("weight must be > 0");
                            }
                            weights.add(w);
                        } catch (RuntimeException e) {
                            throw new InvalidCityProfileException(
                                    location
                                            + ":"
                                            + row.line()
                                            + ": a request type needs type, weight > 0,"
                                            + " median_close_hours and due_hours ("
                                            + e.getMessage()
                                            + ")",
                                    e);
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidCityProfileException(location + ": cannot read: " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new InvalidCityProfileException(location + ": no request types");
        }
        double[] cumulative = new double[names.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
        return new ServiceRequestTypes(
                names.toArray(String[]::new), levels.toArray(ServiceLevel[]::new), cumulative);
    }
}
