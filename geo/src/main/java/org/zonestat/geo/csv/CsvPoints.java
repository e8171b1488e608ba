package org.zonestat.geo.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The usable lon/lat points of a CSV file with a header row, read by column name: rows whose
 * coordinates are missing, not numbers or out of range are left out. Meant for tests and benchmarks
 * that need real event locations; the {@code tag} command keeps every row instead.
 *
 * <p>Immutable and thread-safe once read.
 */
public final class CsvPoints {
    private final double[] lons;
    private final double[] lats;

    private CsvPoints(double[] lons, double[] lats) {
        this.lons = lons;
        this.lats = lats;
    }

    /**
     * Reads the points of {@code file}.
     *
     * @param lonColumn header of the longitude column (case-insensitive)
     * @param latColumn header of the latitude column (case-insensitive)
     * @throws IllegalArgumentException when a column is missing (the message names the file)
     */
    public static CsvPoints read(Path file, String lonColumn, String latColumn) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CsvReader csv = new CsvReader(reader)) {
            List<String> header = csv.next();
            if (header == null) {
                throw new IllegalArgumentException(file + ": empty file");
            }
            int lonAt = ColumnIndex.find(header, lonColumn);
            int latAt = ColumnIndex.find(header, latColumn);
            if (lonAt < 0 || latAt < 0) {
                throw new IllegalArgumentException(
                        file
                                + ": no column '"
                                + (lonAt < 0 ? lonColumn : latColumn)
                                + "' in "
                                + header);
            }
            double[] lons = new double[1024];
            double[] lats = new double[1024];
            int n = 0;
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
                Coordinates.Parsed p = Coordinates.parse(row, lonAt, latAt);
                if (p.reason() != null) {
                    continue;
                }
                if (n == lons.length) {
                    lons = Arrays.copyOf(lons, n * 2);
                    lats = Arrays.copyOf(lats, n * 2);
                }
                lons[n] = p.lon();
                lats[n] = p.lat();
                n++;
            }
            return new CsvPoints(Arrays.copyOf(lons, n), Arrays.copyOf(lats, n));
        }
    }

    public int size() {
        return lons.length;
    }

    public double lon(int i) {
        return lons[i];
    }

    public double lat(int i) {
        return lats[i];
    }

    /** A copy of the longitudes. */
    public double[] lons() {
        return lons.clone();
    }

    /** A copy of the latitudes. */
    public double[] lats() {
        return lats.clone();
    }
}
