package org.zonestat.sim.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader: quoted fields with embedded commas, quotes ({@code ""}) and line
 * breaks; CRLF or LF line ends; a leading UTF-8 byte-order mark is skipped. Reads one record at a
 * time, so files of any size fit in a small heap.
 *
 * <p>Not thread-safe: one reader per thread.
 */
public final class CsvReader implements Closeable {
    private final Reader in;
    private int peeked = -2;
    private long line = 1;
    private long recordLine;
    private boolean first = true;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The physical line (1-based) on which the record last returned by {@link #next()} starts. */
    public long recordLine() {
        return recordLine;
    }

    /**
     * The next record's fields, or {@code null} at the end of input.
     *
     * @throws IOException on a read error, or a quoted field left open at the end of input
     */
    public List<String> next() throws IOException {
        int c = read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException(
                            "line " + recordLine + ": quoted field not closed before end of input");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        unread(n);
                    }
                }
                if (c != -1) {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int p = peeked;
            peeked = -2;
            return p;
        }
        return in.read();
    }

    private void unread(int c) {
        peeked = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
