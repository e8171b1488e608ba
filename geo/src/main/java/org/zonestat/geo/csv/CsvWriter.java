package org.zonestat.geo.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 CSV records: fields separated by commas, records ended by CRLF; a field is quoted
 * (with inner quotes doubled) only when it contains a comma, a quote, CR or LF, or starts or ends
 * with a space.
 *
 * <p>Not thread-safe: one writer per output, used by one thread. Buffering is the caller's choice
 * (wrap the target in a {@link java.io.BufferedWriter}).
 */
public final class CsvWriter implements Closeable, Flushable {
    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    /** Writes one record. */
    public void write(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(fields.get(i));
        }
        out.write("\r\n");
    }

    private void writeField(String value) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (!needsQuotes(value)) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
