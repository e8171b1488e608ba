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
        return parse(
                lonAt < row.size() ? row.get(lonAt) : "", latAt < row.size() ? row.get(latAt) : "");
    }

    /**
     * Parses a longitude and a latitude field as they stand in a row (surrounding spaces allowed).
     */
    public static Parsed parse(String lonField, String latField) {
        String lonText = lonField.trim();
        String latText = latField.trim();
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

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    /**
     * The value of a plain decimal field ({@code [+-]digits[.digits]}, surrounding spaces allowed)
     * of UTF-8 bytes, without making a string; {@code NaN} for anything else (blank, {@code NA},
     * exponents, digits that make an integer above 2^53...), which the caller then parses as text
     * with {@link #parse(String, String)}. Where it answers, the answer is {@link
     * Double#parseDouble}'s: the digits make an integer of at most 2^53 and the power of ten is
     * exact, so one correctly rounded division gives the correctly rounded value.
     */
    public static double plainDecimal(byte[] b, int from, int to) {
        while (from < to && (b[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && (b[to - 1] & 0xff) <= ' ') {
            to--;
        }
        if (from == to) {
            return Double.NaN;
        }
        boolean negative = b[from] == '-';
        if (negative || b[from] == '+') {
            from++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0 && ++digits > 16) {
                    return Double.NaN;
                }
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        int length = to - from;
        if (length == 0 || (length == 1 && fraction == 0) || fraction > 22 || mantissa > 1L << 53) {
            return Double.NaN;
        }
        double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        return negative ? -value : value;
    }
}
