package org.zonestat.geo.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader: one record at a time, so files of any length can be read in
 * constant memory (bounded by the longest record).
 *
 * <ul>
 *   <li>Fields are separated by commas and records by CRLF, LF or CR.
 *   <li>A field that starts with a double quote is quoted: it may hold commas, line breaks and
 *       doubled quotes ({@code ""} stands for one {@code "}). Text after the closing quote up to
 *       the next separator is kept as is (lenient, as spreadsheet exports need).
 *   <li>A UTF-8 byte-order mark at the very start of the input is skipped.
 *   <li>A record is a list of its fields; an empty line is a record with one empty field.
 * </ul>
 *
 * <p>Not thread-safe: one reader per input, used by one thread.
 */
public final class CsvReader implements Closeable {
    private static final int BOM = '\uFEFF';

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean started;
    private long recordNumber;
    private final StringBuilder field = new StringBuilder();

    public CsvReader(Reader in) {
        this.in = in;
    }

    /**
     * Reads the next record.
     *
     * @return the fields, or {@code null} at the end of the input
     * @throws CsvFormatException when a quoted field is not closed before the end of the input
     */
    public List<String> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == BOM) {
                position++;
            }
        }
        if (peek() < 0) {
            return null;
        }
        recordNumber++;
        List<String> fields = new ArrayList<>();
        while (true) {
            field.setLength(0);
            int c = read();
            if (c == '"') {
                readQuoted();
                c = read();
                // Lenient: keep anything between the closing quote and the separator.
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    field.append((char) c);
                    c = read();
                }
            } else {
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            if (c == ',') {
                continue;
            }
            if (c == '\r' && peek() == '\n') {
                position++;
            }
            return fields;
        }
    }

    /** The 1-based number of the record last returned by {@link #next()}. */
    public long recordNumber() {
        return recordNumber;
    }

    private void readQuoted() throws IOException {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new CsvFormatException(
                        "record " + recordNumber + ": quoted field not closed before end of input");
            }
            if (c == '"') {
                if (peek() == '"') {
                    position++;
                    field.append('"');
                } else {
                    return;
                }
            } else {
                field.append((char) c);
            }
        }
    }

    private int read() throws IOException {
        int c = peek();
        if (c >= 0) {
            position++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position >= limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Thrown for input that is not CSV even under lenient rules. */
    public static final class CsvFormatException extends IOException {
        public CsvFormatException(String message) {
            super(message);
        }
    }
}
