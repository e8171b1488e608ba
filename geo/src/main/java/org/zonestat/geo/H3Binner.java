package org.zonestat.geo;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Bins points into Uber H3 hexagonal cells at one resolution (default 9: cells of about 0.1 km²,
 * edge about 174 m, a city block scale suited to hotspot counts).
 *
 * <p>Immutable and thread-safe ({@link H3Core} is thread-safe).
 */
public final class H3Binner {
    public static final int DEFAULT_RESOLUTION = 9;
    private static final H3Core H3 = create();

    private final int resolution;

    public H3Binner(int resolution) {
        if (resolution < 0 || resolution > 15) {
            throw new IllegalArgumentException("H3 resolution must be 0..15, was " + resolution);
        }
        this.resolution = resolution;
    }

    public H3Binner() {
        this(DEFAULT_RESOLUTION);
    }

    public int resolution() {
        return resolution;
    }

    /** The cell containing the point, as a 64-bit H3 index. */
    public long cell(double lon, double lat) {
        return H3.latLngToCell(lat, lon, resolution);
    }

    /** The cell containing the point, as the usual 15-character hex string. */
    public String cellAddress(double lon, double lat) {
        return H3.latLngToCellAddress(lat, lon, resolution);
    }

    /** The shared H3 library instance. */
    public static H3Core h3() {
        return H3;
    }

    private static H3Core create() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the H3 native library", e);
        }
    }
}
