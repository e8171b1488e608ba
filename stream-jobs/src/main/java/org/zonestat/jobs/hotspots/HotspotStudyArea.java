package org.zonestat.jobs.hotspots;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.H3Binner;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.stats.H3StudyArea;

/**
 * Where Gi* is computed: the H3 cells whose centres lie in the polygons of one or more GeoJSON
 * files (a city boundary, or zone layers, in which case the study area is the union of their
 * zones), or an explicit list of cells (tests, tools). Cells of the area with no incidents enter
 * Gi* with a count of 0; incidents in cells outside it are counted in zone cards but not in Gi*.
 *
 * <p>Immutable and thread-safe; serializable (only the locations or the cells travel with the job
 * graph; the geometry is read when {@link #cells} is called, in the operator's {@code open}, so a
 * file location must be readable where the operator runs).
 */
public final class HotspotStudyArea implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] locations;
    private final long[] explicitCells;

    private HotspotStudyArea(String[] locations, long[] explicitCells) {
        this.locations = locations;
        this.explicitCells = explicitCells;
    }

    /** The polygons of a GeoJSON FeatureCollection: {@code classpath:...} or a file path. */
    public static HotspotStudyArea geoJson(String location) {
        return geoJson(List.of(location));
    }

    /** The polygons of every one of these GeoJSON FeatureCollections. */
    public static HotspotStudyArea geoJson(List<String> locations) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("a study area needs at least one GeoJSON file");
        }
        locations.forEach(l -> Objects.requireNonNull(l, "location"));
        return new HotspotStudyArea(locations.toArray(String[]::new), null);
    }

    /** Exactly these H3 cells (all of one resolution). */
    public static HotspotStudyArea ofCells(long... cells) {
        if (cells.length == 0) {
            throw new IllegalArgumentException("a study area needs at least one cell");
        }
        long[] sorted = Arrays.stream(cells).distinct().sorted().toArray();
        return new HotspotStudyArea(null, sorted);
    }

    /**
     * The area's cells at {@code resolution}, distinct and in ascending order.
     *
     * @throws IllegalArgumentException if explicit cells are of another resolution, or the area has
     *     no cell at this resolution
     */
    public long[] cells(int resolution) {
        long[] out;
        if (explicitCells != null) {
            for (long c : explicitCells) {
                if (H3Binner.h3().getResolution(c) != resolution) {
                    throw new IllegalArgumentException(
                            "study-area cell "
                                    + Long.toHexString(c)
                                    + " is not of resolution "
                                    + resolution);
                }
            }
            out = explicitCells.clone();
        } else {
            TreeSet<Long> all = new TreeSet<>();
            for (String location : locations) {
                for (Zone zone : read(location).zones()) {
                    for (long c : H3StudyArea.cells(zone.geometry(), resolution)) {
                        all.add(c);
                    }
                }
            }
            out = all.stream().mapToLong(Long::longValue).toArray();
        }
        if (out.length == 0) {
            throw new IllegalArgumentException(this + " has no cell at resolution " + resolution);
        }
        return out;
    }

    private static ZoneLayer read(String location) {
        GeoJsonZoneLayerReader reader = new GeoJsonZoneLayerReader();
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            try (InputStream in =
                    HotspotStudyArea.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException(location + ": no such class-path resource");
                }
                return reader.read("study-area", "study area", in, "name", location);
            } catch (IOException e) {
                throw new UncheckedIOException(location + ": cannot read", e);
            }
        }
        Path file = Path.of(location);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(location + ": no such file");
        }
        return reader.read("study-area", "study area", file, "name");
    }

    /**
     * A 64-bit fingerprint of a cell list (order-sensitive), to recognise state of another area.
     */
    static long fingerprint(long[] cells) {
        long h = 1125899906842597L;
        for (long c : cells) {
            h = 31 * h + c;
        }
        return h ^ cells.length;
    }

    @Override
    public String toString() {
        return explicitCells != null
                ? "HotspotStudyArea(" + explicitCells.length + " cells)"
                : "HotspotStudyArea(" + String.join(", ", locations) + ")";
    }
}
