package org.zonestat.geo.csv;

import java.util.List;

/**
 * Parses the longitude and latitude fields of a CSV row and says why they are unusable, if they
 * are. Blank fields and R's {@code NA} count as missing.
 *
 * <p>Stateless; thread-safe.
 */
public final class Coordinates {
    /** Reason: the row has no value (blank, {@code NA}, or the column is absent from the row). */
    public static final String MISSING = "missing";

    /** Reason: a value is not a decimal number. */
    public static final String NOT_A_NUMBER = "not_a_number";

    /** Reason: longitude outside [-180, 180] or latitude outside [-90, 90]. */
    public static final String OUT_OF_RANGE = "out_of_range";

    private Coordinates() {}

    /**
     * A parse result: the coordinates, or a reason ({@link #MISSING}, {@link #NOT_A_NUMBER}, {@link
     * #OUT_OF_RANGE}) when they are unusable.
     */
    public record Parsed(double lon, double lat, String reason) {}

    /** Parses the fields at {@code lonAt} and {@code latAt} of {@code row}. */
    public static Parsed parse(List<String> row, int lonAt, int latAt) {
        String lonText = lonAt < row.size() ? row.get(lonAt).trim() : "";
        String latText = latAt < row.size() ? row.get(latAt).trim() : "";
        if (isMissing(lonText) || isMissing(latText)) {
            return new Parsed(Double.NaN, Double.NaN, MISSING);
        }
        double lon;
        double lat;
        try {
            lon = Double.parseDouble(lonText);
            lat = Double.parseDouble(latText);
        } catch (NumberFormatException e) {
            return new Parsed(Double.NaN, Double.NaN, NOT_A_NUMBER);
        }
        if (Double.isNaN(lon) || Double.isNaN(lat) || isWord(lonText) || isWord(latText)) {
            // Double.parseDouble accepts "NaN", "Infinity" and hex; numbers in CSV are decimal.
            return new Parsed(Double.NaN, Double.NaN, NOT_A_NUMBER);
        }
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            return new Parsed(lon, lat, OUT_OF_RANGE);
        }
        return new Parsed(lon, lat, null);
    }

    private static boolean isMissing(String text) {
        return text.isEmpty() || text.equals("NA");
    }

    private static boolean isWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c) && c != 'e' && c != 'E') {
                return true;
            }
        }
        return false;
    }
}
