package org.zonestat.geo.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.zonestat.geo.ZoneLocator;
import org.zonestat.geo.csv.ColumnIndex;
import org.zonestat.geo.csv.Coordinates;
import org.zonestat.geo.csv.CsvReader;
import org.zonestat.geo.csv.CsvWriter;

/**
 * Streams a CSV file with a header row through a {@link ZoneLocator}, appending two columns to
 * every row: the zone name, and a reason that is empty when the row was tagged and otherwise one of
 * {@code missing}, {@code not_a_number}, {@code out_of_range} (bad coordinates) or {@link #NO_ZONE}
 * (a valid point outside every zone). No row is ever dropped; short rows are padded to the header's
 * width so the appended columns line up.
 *
 * <p>Two threads share the work: the caller's reads and parses records, a writer thread (started
 * per {@link #tag} call) looks each point up and writes the row, with at most {@link #MAX_BUFFERED}
 * rows in between. The locator may still be being built ({@link #CsvZoneTagger(Future, String,
 * String, String, String) a future}): reading starts at once and the writer waits for it, so
 * building the index and reading the file overlap.
 *
 * <p>Memory use is bounded by {@link #MAX_BUFFERED} rows, whatever the number of rows.
 *
 * <p>Immutable; {@link #tag} may be called concurrently on different streams.
 */
public final class CsvZoneTagger {
    /** Reason for a valid point that lies in no zone. */
    public static final String NO_ZONE = "no_zone";

    /** Rows handed from the reading thread to the writing one at a time. */
    static final int BATCH = 1_024;

    /** The most rows read and not yet written. */
    public static final int MAX_BUFFERED = 64 * BATCH;

    private final Future<? extends ZoneLocator> locator;
    private final String latColumn;
    private final String lonColumn;
    private final String zoneColumn;
    private final String reasonColumn;

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
                reasonColumn);
    }

    /** A tagger whose locator is still being built: rows are read while it is. */
    public CsvZoneTagger(
            Future<? extends ZoneLocator> locator,
            String latColumn,
            String lonColumn,
            String zoneColumn,
            String reasonColumn) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.latColumn = Objects.requireNonNull(latColumn, "latColumn");
        this.lonColumn = Objects.requireNonNull(lonColumn, "lonColumn");
        this.zoneColumn = Objects.requireNonNull(zoneColumn, "zoneColumn");
        this.reasonColumn = Objects.requireNonNull(reasonColumn, "reasonColumn");
    }

    /** Rows read and parsed, on their way to the writer; an empty batch ends the input. */
    private record Batch(List<List<String>> rows, List<Coordinates.Parsed> points) {}

    /**
     * Tags every row of {@code in} into {@code out} (flushed, not closed).
     *
     * @throws IllegalArgumentException when the input has no header or lacks a coordinate column
     * @throws IOException on read or write errors, or an unterminated quoted field
     * @throws ExecutionException when the locator could not be built (its cause)
     */
    public TagSummary tag(Reader in, Writer out) throws IOException, ExecutionException {
        CsvReader csv = new CsvReader(in);
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
        int width = header.size();
        List<String> outHeader = new ArrayList<>(header);
        outHeader.add(zoneColumn);
        outHeader.add(reasonColumn);

        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(MAX_BUFFERED / BATCH);
        Batch end = new Batch(List.of(), List.of());
        FutureTask<TagSummary> writer =
                new FutureTask<>(() -> write(queue, end, width, outHeader, out));
        Thread thread = new Thread(writer, "zonestat-tag-writer");
        thread.setDaemon(true);
        thread.start();
        try {
            Batch batch = new Batch(new ArrayList<>(BATCH), new ArrayList<>(BATCH));
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
                batch.rows().add(row);
                batch.points().add(Coordinates.parse(row, lonAt, latAt));
                if (batch.rows().size() == BATCH) {
                    if (!offer(queue, batch, writer)) {
                        break;
                    }
                    batch = new Batch(new ArrayList<>(BATCH), new ArrayList<>(BATCH));
                }
            }
            if (!batch.rows().isEmpty()) {
                offer(queue, batch, writer);
            }
            offer(queue, end, writer);
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

    /** Hands a batch to the writer; false when the writer has stopped (its failure is reported). */
    private static boolean offer(BlockingQueue<Batch> queue, Batch batch, Future<?> writer)
            throws IOException {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
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

    /** The writer thread: looks each point up and writes its row. */
    private TagSummary write(
            BlockingQueue<Batch> queue, Batch end, int width, List<String> header, Writer out)
            throws IOException, InterruptedException, ExecutionException {
        ZoneLocator zones = locator.get();
        CsvWriter writer = new CsvWriter(out);
        writer.write(header);
        long rows = 0;
        long tagged = 0;
        long noZone = 0;
        long missing = 0;
        long notANumber = 0;
        long outOfRange = 0;
        for (Batch batch = queue.take(); batch != end; batch = queue.take()) {
            for (int i = 0; i < batch.rows().size(); i++) {
                List<String> row = batch.rows().get(i);
                Coordinates.Parsed p = batch.points().get(i);
                rows++;
                String zone = "";
                String reason = p.reason();
                if (reason == null) {
                    String name = zones.zoneName(p.lon(), p.lat());
                    if (name == null) {
                        reason = NO_ZONE;
                        noZone++;
                    } else {
                        zone = name;
                        reason = "";
                        tagged++;
                    }
                } else if (reason.equals(Coordinates.MISSING)) {
                    missing++;
                } else if (reason.equals(Coordinates.NOT_A_NUMBER)) {
                    notANumber++;
                } else {
                    outOfRange++;
                }
                while (row.size() < width) {
                    row.add("");
                }
                row.add(zone);
                row.add(reason);
                writer.write(row);
            }
        }
        writer.flush();
        return new TagSummary(rows, tagged, noZone, missing, notANumber, outOfRange);
    }
}
