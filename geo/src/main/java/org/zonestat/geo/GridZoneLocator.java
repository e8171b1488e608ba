package org.zonestat.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The fast {@link ZoneLocator}: a regular lon/lat grid of small cells laid over the layer's extent,
 * where every cell that lies wholly in one zone answers with an array lookup and only cells crossed
 * by a zone boundary fall back to an exact point-in-polygon test.
 *
 * <h2>How it works</h2>
 *
 * <ul>
 *   <li>Fine cells are about {@code cellMeters} on a side (degrees of longitude are scaled by the
 *       cosine of the layer's middle latitude). They are grouped in tiles of {@value #TILE} x
 *       {@value #TILE} cells.
 *   <li>At build time squares of tiles, from one covering the whole grid down to single tiles, and
 *       then each quarter of a mixed tile down to single cells, are classified with exact JTS
 *       predicates on {@link PreparedGeometry}: walking the zones in index order, the first zone
 *       that {@code intersects} the (slightly enlarged) cell rectangle decides. If that zone {@code
 *       covers} the rectangle, the cell is <em>uniform</em> and stores that zone: no zone with a
 *       lower index touches it, so by the {@link ZoneLocator} rule every point of the cell belongs
 *       to that zone, boundary points included. If no zone touches it, it stores {@link #NO_ZONE}.
 *       Otherwise, at the finest level, the cell is a <em>boundary cell</em> and stores its short
 *       list of candidate zones (those touching it, in index order, up to the first one that covers
 *       it).
 *   <li>A lookup computes the fine cell with two multiplications, reads the tile (uniform tiles
 *       answer at once), then the cell in the tile's block, and only for boundary cells runs an
 *       indexed exact point-in-area test ({@link IndexedPointInAreaLocator}, the same robust
 *       ray-crossing test as JTS's prepared geometries) on the candidates, in index order.
 *   <li>Cell rectangles are enlarged by a margin of a millionth of a cell before the predicates,
 *       far more than the floating-point error of the cell computation, so a point is always judged
 *       against a rectangle that really contains it.
 * </ul>
 *
 * <p>The answers are therefore identical to {@link BruteForceZoneLocator} (checked by the
 * conformance test on every shipped layer), and most lookups cost two array reads.
 *
 * <p>Built eagerly in the constructor and immutable afterwards; safe for concurrent use (the exact
 * point locators build their own index once, under a lock, and are read-only afterwards).
 */
public final class GridZoneLocator implements ZoneLocator {
    /** Default fine-cell size, meters: small enough that few real events need the exact test. */
    public static final double DEFAULT_CELL_METERS = 8.0;

    /** The most fine cells a grid may have; cells are enlarged for layers that would need more. */
    public static final long MAX_CELLS = 1L << 24;

    /** Fine cells per tile side (a power of two). */
    public static final int TILE = 8;

    private static final int TILE_SHIFT = Integer.numberOfTrailingZeros(TILE);
    private static final int TILE_MASK = TILE - 1;
    private static final double METERS_PER_DEGREE_LAT = Math.PI * Distances.EARTH_RADIUS_M / 180;
    private static final double MARGIN = 1e-6;

    /** Encodes "boundary cell with candidate list i" as {@code BOUNDARY_BASE - i}. */
    private static final int BOUNDARY_BASE = -2;

    private final ZoneLayer layer;
    private final double minX;
    private final double minY;
    private final double maxX;
    private final double maxY;
    private final double invCellW;
    private final double invCellH;
    private final int cellsX;
    private final int cellsY;
    private final int tilesX;
    private final int[] tiles;
    private final int[] blocks;
    private final int[][] candidates;
    private final PointOnGeometryLocator[] exact;
    private final Stats stats;

    /** Builds the grid with {@link #DEFAULT_CELL_METERS} cells. */
    public GridZoneLocator(ZoneLayer layer) {
        this(layer, DEFAULT_CELL_METERS);
    }

    /**
     * Builds the grid.
     *
     * @param layer the zones
     * @param cellMeters approximate side of a fine cell, meters (&gt; 0); smaller cells mean fewer
     *     exact tests and more memory and build time. Enlarged if the layer's extent would need
     *     more than {@link #MAX_CELLS} cells (about 33 km x 33 km at 8 m).
     */
    public GridZoneLocator(ZoneLayer layer, double cellMeters) {
        if (!(cellMeters > 0) || Double.isInfinite(cellMeters)) {
            throw new IllegalArgumentException("cellMeters must be > 0, was " + cellMeters);
        }
        this.layer = layer;
        Envelope extent = layer.extent();
        this.minX = extent.getMinX();
        this.minY = extent.getMinY();
        this.maxX = extent.getMaxX();
        this.maxY = extent.getMaxY();
        double midLat = (minY + maxY) / 2;
        double cellH = cellMeters / METERS_PER_DEGREE_LAT;
        double cellW = cellH / Math.max(0.01, Math.cos(Math.toRadians(midLat)));
        double cells = ((maxX - minX) / cellW + 1) * ((maxY - minY) / cellH + 1);
        if (cells > MAX_CELLS) {
            // A layer much larger than a city: coarser cells, more of them answered exactly.
            double scale = Math.sqrt(cells / MAX_CELLS) * 1.01;
            cellW *= scale;
            cellH *= scale;
        }
        // One spare cell at the top/right so that maxX and maxY fall inside the grid.
        int tx = (int) Math.ceil(((maxX - minX) / cellW + 1) / TILE);
        int ty = (int) Math.ceil(((maxY - minY) / cellH + 1) / TILE);
        this.tilesX = tx;
        this.cellsX = tx * TILE;
        this.cellsY = ty * TILE;
        this.invCellW = 1 / cellW;
        this.invCellH = 1 / cellH;

        this.exact = new PointOnGeometryLocator[layer.size()];
        for (Zone z : layer.zones()) {
            IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(z.geometry());
            // Build the locator's index now, so lookups never contend for its lock.
            locator.locate(z.geometry().getCoordinate());
            exact[z.index()] = locator;
        }
        Builder builder = new Builder(layer, minX, minY, cellW, cellH);
        this.tiles = builder.tiles(tx, ty);
        this.blocks = builder.blocks();
        this.candidates = builder.candidateLists();
        this.stats = builder.stats(tiles.length, cellsX, cellsY, cellW, cellH);
    }

    @Override
    public int locate(double lon, double lat) {
        // Written so that NaN fails the test too.
        if (!(lon >= minX && lon <= maxX && lat >= minY && lat <= maxY)) {
            return NO_ZONE;
        }
        int ix = (int) ((lon - minX) * invCellW);
        int iy = (int) ((lat - minY) * invCellH);
        int tile = tiles[(iy >> TILE_SHIFT) * tilesX + (ix >> TILE_SHIFT)];
        if (tile >= NO_ZONE) {
            return tile;
        }
        int cell =
                blocks[
                        ((BOUNDARY_BASE - tile) << (2 * TILE_SHIFT))
                                | ((iy & TILE_MASK) << TILE_SHIFT)
                                | (ix & TILE_MASK)];
        if (cell >= NO_ZONE) {
            return cell;
        }
        return locateExactly(candidates[BOUNDARY_BASE - cell], lon, lat);
    }

    private int locateExactly(int[] zones, double lon, double lat) {
        Coordinate c = new Coordinate(lon, lat);
        int last = zones.length - 1;
        for (int k = 0; k < last; k++) {
            if (exact[zones[k]].locate(c) != Location.EXTERIOR) {
                return zones[k];
            }
        }
        int z = zones[last];
        if (z < 0) {
            // The last candidate covers the whole cell: no test needed.
            return ~z;
        }
        return exact[z].locate(c) != Location.EXTERIOR ? z : NO_ZONE;
    }

    @Override
    public ZoneLayer layer() {
        return layer;
    }

    /** Size figures of the built grid, for documentation and benchmarks. */
    public Stats stats() {
        return stats;
    }

    /**
     * Size figures of a built grid.
     *
     * @param cellsX fine cells across
     * @param cellsY fine cells down
     * @param cellWidthDeg fine cell width, degrees of longitude
     * @param cellHeightDeg fine cell height, degrees of latitude
     * @param tiles number of tiles
     * @param mixedTiles tiles that needed a block of fine cells
     * @param boundaryCells fine cells answered by the exact test
     * @param candidateLists distinct candidate lists of boundary cells
     * @param predicateCalls exact rectangle predicates evaluated while building
     */
    public record Stats(
            int cellsX,
            int cellsY,
            double cellWidthDeg,
            double cellHeightDeg,
            int tiles,
            int mixedTiles,
            int boundaryCells,
            int candidateLists,
            long predicateCalls) {}

    /** Classifies tiles and cells with exact predicates; used once, by the constructor. */
    private static final class Builder {
        private final ZoneLayer layer;
        private final PreparedGeometry[] prepared;
        private final Envelope[] envelopes;
        private final GeometryFactory factory = new GeometryFactory();
        private final double originX;
        private final double originY;
        private final double cellW;
        private final double cellH;
        private int[] blocks = new int[1 << 16];
        private int blockCount;
        private final Map<List<Integer>, Integer> listIds = new HashMap<>();
        private final List<int[]> lists = new ArrayList<>();
        private int boundaryCells;
        private long predicateCalls;
        private final int[] allZones;

        Builder(ZoneLayer layer, double originX, double originY, double cellW, double cellH) {
            this.layer = layer;
            this.originX = originX;
            this.originY = originY;
            this.cellW = cellW;
            this.cellH = cellH;
            this.prepared = new PreparedGeometry[layer.size()];
            this.envelopes = new Envelope[layer.size()];
            this.allZones = new int[layer.size()];
            for (Zone z : layer.zones()) {
                prepared[z.index()] = PreparedGeometryFactory.prepare(z.geometry());
                envelopes[z.index()] = z.geometry().getEnvelopeInternal();
                allZones[z.index()] = z.index();
            }
        }

        /**
         * Classifies all tiles, top-down over squares of tiles so that the work is proportional to
         * the length of the boundaries rather than to the area.
         */
        int[] tiles(int tilesX, int tilesY) {
            int[] tiles = new int[tilesX * tilesY];
            int size = Integer.highestOneBit(Math.max(tilesX, tilesY) - 1) << 1;
            tileSquare(tiles, tilesX, tilesY, 0, 0, Math.max(1, size), allZones);
            return tiles;
        }

        private void tileSquare(
                int[] tiles, int tilesX, int tilesY, int tx, int ty, int size, int[] zones) {
            if (tx >= tilesX || ty >= tilesY) {
                return;
            }
            Classification c = classify(tx * TILE, ty * TILE, size * TILE, zones);
            if (c.uniform) {
                for (int j = ty; j < Math.min(ty + size, tilesY); j++) {
                    Arrays.fill(
                            tiles,
                            j * tilesX + tx,
                            j * tilesX + Math.min(tx + size, tilesX),
                            c.value);
                }
            } else if (size == 1) {
                tiles[ty * tilesX + tx] = mixedTile(tx * TILE, ty * TILE, c.touching);
            } else {
                int half = size / 2;
                for (int q = 0; q < 4; q++) {
                    tileSquare(
                            tiles,
                            tilesX,
                            tilesY,
                            tx + (q & 1) * half,
                            ty + (q >> 1) * half,
                            half,
                            c.touching);
                }
            }
        }

        /** Fills a new block for a mixed tile; returns the tile's encoded block number. */
        private int mixedTile(int cellX, int cellY, int[] touching) {
            int block = blockCount++;
            ensureCapacity((blockCount) * TILE * TILE);
            int base = block * TILE * TILE;
            fill(base, 0, 0, TILE, cellX, cellY, touching);
            return BOUNDARY_BASE - block;
        }

        /** Fills the square of side {@code size} at (x, y) of the block at {@code base}. */
        private void fill(int base, int x, int y, int size, int cellX, int cellY, int[] zones) {
            int half = size / 2;
            for (int q = 0; q < 4; q++) {
                int qx = x + (q & 1) * half;
                int qy = y + (q >> 1) * half;
                Classification c = classify(cellX + qx, cellY + qy, half, zones);
                if (c.uniform) {
                    for (int j = qy; j < qy + half; j++) {
                        Arrays.fill(
                                blocks, base + j * TILE + qx, base + j * TILE + qx + half, c.value);
                    }
                } else if (half == 1) {
                    boundaryCells++;
                    blocks[base + qy * TILE + qx] =
                            BOUNDARY_BASE - listId(c.touching, c.lastCovers);
                } else {
                    fill(base, qx, qy, half, cellX, cellY, c.touching);
                }
            }
        }

        /**
         * Classifies the square of {@code size} fine cells whose lower-left cell is (cellX, cellY),
         * testing only {@code zones} (ascending).
         */
        private Classification classify(int cellX, int cellY, int size, int[] zones) {
            double x0 = originX + cellX * cellW;
            double y0 = originY + cellY * cellH;
            double x1 = originX + (cellX + size) * cellW;
            double y1 = originY + (cellY + size) * cellH;
            double mx = (x1 - x0) * MARGIN;
            double my = (y1 - y0) * MARGIN;
            Envelope box = new Envelope(x0 - mx, x1 + mx, y0 - my, y1 + my);
            Geometry rect = null;
            int[] touching = new int[zones.length];
            int n = 0;
            for (int z : zones) {
                if (!envelopes[z].intersects(box)) {
                    continue;
                }
                if (rect == null) {
                    rect = factory.toGeometry(box);
                }
                // covers implies intersects: try it first when the envelope allows it, which
                // saves a predicate on the common uniform cell.
                boolean covers = false;
                if (envelopes[z].covers(box)) {
                    predicateCalls++;
                    covers = prepared[z].covers(rect);
                }
                if (!covers) {
                    predicateCalls++;
                    if (!prepared[z].intersects(rect)) {
                        continue;
                    }
                }
                touching[n++] = z;
                if (covers) {
                    if (n == 1) {
                        return Classification.uniform(z);
                    }
                    return Classification.mixed(Arrays.copyOf(touching, n), true);
                }
            }
            if (n == 0) {
                return Classification.uniform(NO_ZONE);
            }
            return Classification.mixed(Arrays.copyOf(touching, n), false);
        }

        private int listId(int[] zones, boolean lastCovers) {
            int[] encoded = zones.clone();
            if (lastCovers) {
                encoded[encoded.length - 1] = ~encoded[encoded.length - 1];
            }
            List<Integer> key = Arrays.stream(encoded).boxed().toList();
            return listIds.computeIfAbsent(
                    key,
                    k -> {
                        lists.add(encoded);
                        return lists.size() - 1;
                    });
        }

        private void ensureCapacity(int size) {
            if (size > blocks.length) {
                blocks = Arrays.copyOf(blocks, Math.max(size, blocks.length * 2));
            }
        }

        int[] blocks() {
            return Arrays.copyOf(blocks, blockCount * TILE * TILE);
        }

        int[][] candidateLists() {
            return lists.toArray(new int[0][]);
        }

        Stats stats(int tiles, int cellsX, int cellsY, double cellW, double cellH) {
            return new Stats(
                    cellsX,
                    cellsY,
                    cellW,
                    cellH,
                    tiles,
                    blockCount,
                    boundaryCells,
                    lists.size(),
                    predicateCalls);
        }
    }

    /** Result of classifying one square of cells. */
    private record Classification(boolean uniform, int value, int[] touching, boolean lastCovers) {
        static Classification uniform(int value) {
            return new Classification(true, value, null, false);
        }

        static Classification mixed(int[] touching, boolean lastCovers) {
            return new Classification(false, 0, touching, lastCovers);
        }
    }
}
