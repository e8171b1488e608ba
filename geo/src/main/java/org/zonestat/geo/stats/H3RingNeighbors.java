package org.zonestat.geo.stats;

import java.util.List;
import org.zonestat.geo.H3Binner;

/**
 * Binary k-ring weights on H3 cells: the neighbors of a cell are the cells within {@code k} grid
 * steps ({@code gridDisk(cell, k)}: 7 cells for k = 1, 19 for k = 2), the cell itself included.
 *
 * <p>Immutable and thread-safe.
 */
public final class H3RingNeighbors implements CellNeighbors {
    private final int k;

    public H3RingNeighbors(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    @Override
    public long[] of(long cell) {
        List<Long> disk = H3Binner.h3().gridDisk(cell, k);
        long[] out = new long[disk.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = disk.get(i);
        }
        return out;
    }
}
