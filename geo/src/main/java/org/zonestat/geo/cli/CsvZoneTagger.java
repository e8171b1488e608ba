package org.zonestat.geo.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * <p>Memory use is bounded by the longest record, whatever the number of rows.
 *
 * <p>Immutable; {@link #tag} may be called concurrently on different streams.
 */
public final class CsvZoneTagger {
    /** Reason for a valid point that lies in no zone. */
    public static final String NO_ZONE = "no_zone";

    private final ZoneLocator locator;
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
        this.locator = Objects.requireNonNull(locator, "locator");
        this.latColumn = Objects.requireNonNull(latColumn, "latColumn");
        this.lonColumn = Objects.requireNonNull(lonColumn, "lonColumn");
        this.zoneColumn = Objects.requireNonNull(zoneColumn, "zoneColumn");
        this.reasonColumn = Objects.requireNonNull(reasonColumn, "reasonColumn");
    }

    /**
     * Tags every row of {@code in} into {@code out} (flushed, not closed).
     *
     * @throws IllegalArgumentException when the input has no header or lacks a coordinate column
     * @throws IOException on read or write errors, or an unterminated quoted field
     */
    public TagSummary tag(Reader in, Writer out) throws IOException {
        CsvReader csv = new CsvReader(in);
        CsvWriter writer = new CsvWriter(out);
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
        writer.write(outHeader);

        long rows = 0;
        long tagged = 0;
        long noZone = 0;
        long missing = 0;
        long notANumber = 0;
        long outOfRange = 0;
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            rows++;
            Coordinates.Parsed p = Coordinates.parse(row, lonAt, latAt);
            String zone = "";
            String reason = p.reason();
            if (reason == null) {
                String name = locator.zoneName(p.lon(), p.lat());
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
        writer.flush();
        return new TagSummary(rows, tagged, noZone, missing, notANumber, outOfRange);
    }
}
