package org.zonestat.geo.csv;

import java.util.List;

/**
 * Finds a column in a CSV header by name: exact match first, then case-insensitive, ignoring
 * surrounding spaces.
 *
 * <p>Stateless; thread-safe.
 */
public final class ColumnIndex {
    private ColumnIndex() {}

    /** The position of {@code name} in {@code header}, or -1. */
    public static int find(List<String> header, String name) {
        int i = header.indexOf(name);
        if (i >= 0) {
            return i;
        }
        String wanted = name.trim();
        for (int k = 0; k < header.size(); k++) {
            if (header.get(k).trim().equalsIgnoreCase(wanted)) {
                return k;
            }
        }
        return -1;
    }
}
