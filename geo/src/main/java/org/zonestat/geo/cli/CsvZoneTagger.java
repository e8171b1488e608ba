package org.zonestat.geo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.geo.ZoneLocator;
import org.zonestat.geo.csv.ColumnIndex;
import org.zonestat.geo.csv.Coordinates;
import org.zonestat.geo.csv.CsvBlock;
import org.zonestat.geo.csv.CsvBlockReader;
import org.zonestat.geo.csv.CsvByteWriter;

/**
 * Streams a CSV file with a header row through a {@link ZoneLocator}, appending two columns to
 * every row: the zone name, and a reason that is empty when the row was tagged and otherwise one of
 * {@code missing}, {@code not_a_number}, {@code out_of_range} (bad coordinates) or {@link #NO_ZONE}
 * (a valid point outside every zone). No row is ever dropped; short rows are padded to the header's
 * width so the appended columns line up. The output is what {@link org.zonestat.geo.csv.CsvWriter}
 * writes for the rows {@link org.zonestat.geo.csv.CsvReader} reads, byte for byte, but made without
 * a string per field: rows that need no quoting are copied as bytes ({@link CsvBlockReader}, {@link
 * CsvByteWriter}).
 *
 * <p>Two threads share the work: the caller's reads blocks of rows and parses their coordinates, a
 * writer thread (started per {@link #tag} call) looks each point up and writes the rows, with at
 * most {@link #BLOCKS} blocks of about {@link CsvBlock#DEFAULT_BYTES} bytes in between. The locator
 * may still be being built ({@link #CsvZoneTagger(Future, String, String, String, String) a
 * future}): reading starts at once and the writer waits for it, so building the index and reading
 * the file overlap.
 *
 * <p>Memory use is bounded by {@link #BLOCKS} blocks, whatever the number of rows.
 *
 * <p>Immutable; {@link #tag} may be called concurrently on different streams.
 */
public final class CsvZoneTagger {
    /** Reason for a valid point that lies in no zone. */
    public static final String NO_ZONE = "no_zone";

    /** The most blocks of rows read and not yet written. */
    public static final int BLOCKS = 4;

    private static final byte TAGGABLE = 0;
    private static final byte MISSING = 1;
    private static final byte NOT_A_NUMBER = 2;
    private static final byte OUT_OF_RANGE = 3;

    private final Future<? extends ZoneLocator> locator;
    private final String latColumn;
    private final String lonColumn;
    private final String zoneColumn;
    private final String reasonColumn;
    private final TagTimings timings;

    public CsvZoneTagger(
            ZoneLocator locator,
            String latColumn,
            String lonColumn,
            String zoneColumn,
            String reasonColumn) {
        this(
                CompletableFuture.completedFuture(Objects.requireNonNull(locator, "locator")),
                latColumn,
                lonColumn,
                zoneColumn,
                reasonColumn,
                TagTimings.OFF);
    }

    /** A tagger whose locator is still being built: rows are read while it is. */
    public CsvZoneTagger(
            Future<? extends ZoneLocator> locator,
            String latColumn,
            String lonColumn,
            String zoneColumn,
            String reasonColumn) {
        this(locator, latColumn, lonColumn, zoneColumn, reasonColumn, TagTimings.OFF);
    }

    CsvZoneTagger(
            Future<? extends ZoneLocator> locator,
            String latColumn,
            String lonColumn,
            String zoneColumn,
            String reasonColumn,
            TagTimings timings) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.latColumn = Objects.requireNonNull(latColumn, "latColumn");
        this.lonColumn = Objects.requireNonNull(lonColumn, "lonColumn");
        this.zoneColumn = Objects.requireNonNull(zoneColumn, "zoneColumn");
        this.reasonColumn = Objects.requireNonNull(reasonColumn, "reasonColumn");
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    /** A block of rows with their parsed coordinates, on its way from the reader to the writer. */
    private static final class Rows {
        final CsvBlock block = new CsvBlock();
        double[] lon = new double[0];
        double[] lat = new double[0];
        byte[] reason = new byte[0];

        void parseCoordinates() {
            int n = block.records();
            if (lon.length < n) {
                lon = new double[n + n / 4];
                lat = new double[lon.length];
                reason = new byte[lon.length];
            }
            for (int r = 0; r < n; r++) {
                double x = block.firstDecimal(r);
                double y = block.secondDecimal(r);
                if (x != x || y != y) {
                    // Not plain decimals: the text rules decide (missing, not a number...).
                    Coordinates.Parsed p = Coordinates.parse(block.first(r), block.second(r));
                    x = p.lon();
                    y = p.lat();
                    reason[r] = code(p.reason());
                } else if (x < -180 || x > 180 || y < -90 || y > 90) {
                    reason[r] = OUT_OF_RANGE;
                } else {
                    reason[r] = TAGGABLE;
                }
                lon[r] = x;
                lat[r] = y;
            }
        }

        private static byte code(String reason) {
            if (reason == null) {
                return TAGGABLE;
            }
            return switch (reason) {
                case Coordinates.MISSING -> MISSING;
                case Coordinates.NOT_A_NUMBER -> NOT_A_NUMBER;
                default -> OUT_OF_RANGE;
            };
        }
    }

    /**
     * Tags every row of {@code in} (UTF-8) into {@code out} (flushed, not closed).
     *
     * @throws IllegalArgumentException when the input has no header or lacks a coordinate column
     * @throws IOException on read or write errors, or input that is not CSV (an unterminated quoted
     *     field, text after a closing quote, bytes that are not UTF-8)
     * @throws ExecutionException when the locator could not be built (its cause)
     */
    public TagSummary tag(InputStream in, OutputStream out) throws IOException, ExecutionException {
        CsvBlockReader csv = new CsvBlockReader(in);
        List<String> header = csv.next();
        if (header == null) {
            throw new IllegalArgumentException("the input is empty: a header row is required");
        }
        int latAt = ColumnIndex.find(header, latColumn);
        int lonAt = ColumnIndex.find(header, lonColumn);
        if (latAt < 0 || lonAt < 0) {
            throw new IllegalArgumentException(
                    "no column '"
                            + (latAt < 0 ? latColumn : lonColumn)
                            + "' in the header "
                            + header);
        }
        List<String> outHeader = new ArrayList<>(header);
        outHeader.add(zoneColumn);
        outHeader.add(reasonColumn);

        BlockingQueue<Rows> full = new ArrayBlockingQueue<>(BLOCKS);
        BlockingQueue<Rows> free = new ArrayBlockingQueue<>(BLOCKS + 1);
        Rows end = new Rows();
        FutureTask<TagSummary> writer =
                new FutureTask<>(() -> write(full, free, end, header.size(), outHeader, out));
        Thread thread = new Thread(writer, "zonestat-tag-writer");
        thread.setDaemon(true);
        thread.start();
        try {
            int created = 0;
            while (true) {
                Rows rows = free.poll();
                if (rows == null && created < BLOCKS + 1) {
                    rows = new Rows();
                    created++;
                }
                if (rows == null) {
                    rows = take(free, writer);
                    if (rows == null) {
                        break; // the writer stopped: its failure is reported below
                    }
                }
                if (!csv.next(rows.block, lonAt, latAt)) {
                    break;
                }
                rows.parseCoordinates();
                if (!offer(full, rows, writer)) {
                    break;
                }
            }
            timings.mark(TagTimings.Mark.READ);
            offer(full, end, writer);
        } catch (IOException | RuntimeException e) {
            thread.interrupt();
            throw e;
        }
        try {
            return writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while tagging", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof ExecutionException ex ? ex : e;
        }
    }

    /** Hands a block to the writer; false when the writer has stopped (its failure is reported). */
    private static boolean offer(BlockingQueue<Rows> queue, Rows rows, Future<?> writer)
            throws IOException {
        try {
            while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                if (writer.isDone()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while tagging", e);
        }
    }

    /** A block the writer is done with; null when the writer has stopped. */
    private static Rows take(BlockingQueue<Rows> free, Future<?> writer) throws IOException {
        try {
            Rows rows;
            while ((rows = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (writer.isDone()) {
                    return null;
                }
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while tagging", e);
        }
    }

    /** The writer thread: looks each point up and writes its row. */
    private TagSummary write(
            BlockingQueue<Rows> full,
            BlockingQueue<Rows> free,
            Rows end,
            int width,
            List<String> header,
            OutputStream target)
            throws IOException, InterruptedException, ExecutionException {
        ZoneLocator zones = locator.get();
        timings.mark(TagTimings.Mark.INDEX_AWAITED);
        byte[][] zoneCells = zoneCells(zones.layer());
        byte[][] reasonCells = {
            cell(""),
            cell(NO_ZONE),
            cell(Coordinates.MISSING),
            cell(Coordinates.NOT_A_NUMBER),
            cell(Coordinates.OUT_OF_RANGE)
        };
        byte[] noZoneCell = {','};
        CsvByteWriter out = new CsvByteWriter(target);
        out.record(header);
        long rowCount = 0;
        long tagged = 0;
        long noZone = 0;
        long[] bad = new long[4];
        for (Rows rows = full.take(); rows != end; rows = full.take()) {
            CsvBlock block = rows.block;
            byte[] data = block.data();
            int n = block.records();
            for (int r = 0; r < n; r++) {
                byte code = rows.reason[r];
                byte[] zone = noZoneCell;
                byte[] reason;
                if (code == TAGGABLE) {
                    int z = zones.locate(rows.lon[r], rows.lat[r]);
                    if (z == ZoneLocator.NO_ZONE) {
                        reason = reasonCells[1];
                        noZone++;
                    } else {
                        zone = zoneCells[z];
                        reason = reasonCells[0];
                        tagged++;
                    }
                } else {
                    reason = reasonCells[code + 1];
                    bad[code]++;
                }
                if (block.plain(r)) {
                    out.raw(data, block.start(r), block.end(r) - block.start(r));
                } else {
                    out.fields(block.fieldList(r));
                }
                for (int k = block.fields(r); k < width; k++) {
                    out.comma();
                }
                out.raw(zone);
                out.raw(reason);
                out.endRecord();
            }
            rowCount += n;
            free.offer(rows);
        }
        out.flush();
        timings.mark(TagTimings.Mark.WRITTEN);
        return new TagSummary(
                rowCount, tagged, noZone, bad[MISSING], bad[NOT_A_NUMBER], bad[OUT_OF_RANGE]);
    }

    /** Each zone's name as an appended cell: a comma and the name as CSV. */
    private static byte[][] zoneCells(ZoneLayer layer) {
        byte[][] cells = new byte[layer.size()][];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cell(layer.zone(i).name());
        }
        return cells;
    }

    private static byte[] cell(String value) {
        byte[] field = CsvByteWriter.encode(value);
        byte[] cell = Arrays.copyOf(new byte[] {','}, field.length + 1);
        System.arraycopy(field, 0, cell, 1, field.length);
        return cell;
    }
}
