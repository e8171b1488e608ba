package org.zonestat.geo.stats;

/**
 * The spatial weights of a cell statistic as a neighborhood: the cells with weight 1 for a given
 * cell (the cell itself included, as Gi* requires); all other cells have weight 0.
 *
 * <p>Implementations must be thread-safe and answer the same for the same cell.
 */
@FunctionalInterface
public interface CellNeighbors {
    /** The neighbors of {@code cell}, itself included; cells outside the study area are ignored. */
    long[] of(long cell);
}
