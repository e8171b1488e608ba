package org.zonestat.geo.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes CSV records as UTF-8 bytes through one large buffer, quoting exactly as {@link CsvWriter}
 * does (a field is quoted, with inner quotes doubled, when it contains a comma, a quote, CR or LF,
 * or starts or ends with a space; records end with CRLF), so that the two write the same bytes.
 * Also takes bytes that are already CSV ({@link #raw}), which is how the {@code tag} command copies
 * rows that need no quoting.
 *
 * <p>Not thread-safe: one writer per output, used by one thread. Nothing reaches the target before
 * the buffer fills or {@link #flush} is called.
 */
public final class CsvByteWriter {
    private static final int BUFFER = 1 << 20;

    private final OutputStream target;
    private final byte[] buf = new byte[BUFFER];
    private int used;

    public CsvByteWriter(OutputStream target) {
        this.target = target;
    }

    /** A field's CSV form as UTF-8 bytes. */
    public static byte[] encode(String value) {
        byte[] text = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        boolean quote = text.length > 0 && (text[0] == ' ' || text[text.length - 1] == ' ');
        int quotes = 0;
        for (byte b : text) {
            if (b == '"') {
                quotes++;
            }
            quote |= b == ',' || b == '"' || b == '\r' || b == '\n';
        }
        if (!quote) {
            return text;
        }
        byte[] out = new byte[text.length + quotes + 2];
        int k = 0;
        out[k++] = '"';
        for (byte b : text) {
            out[k++] = b;
            if (b == '"') {
                out[k++] = '"';
            }
        }
        out[k] = '"';
        return out;
    }

    /** Writes one whole record. */
    public void record(List<String> fields) throws IOException {
        fields(fields);
        endRecord();
    }

    /** Writes fields separated by commas, without ending the record. */
    public void fields(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                comma();
            }
            raw(encode(fields.get(i)));
        }
    }

    /** Writes bytes that are already CSV. */
    public void raw(byte[] bytes) throws IOException {
        raw(bytes, 0, bytes.length);
    }

    /** Writes bytes that are already CSV. */
    public void raw(byte[] bytes, int from, int length) throws IOException {
        if (length > buf.length - used) {
            drain();
            if (length > buf.length) {
                target.write(bytes, from, length);
                return;
            }
        }
        System.arraycopy(bytes, from, buf, used, length);
        used += length;
    }

    /** Writes a field separator. */
    public void comma() throws IOException {
        if (used == buf.length) {
            drain();
        }
        buf[used++] = ',';
    }

    /** Ends the record with CRLF. */
    public void endRecord() throws IOException {
        if (buf.length - used < 2) {
            drain();
        }
        buf[used++] = '\r';
        buf[used++] = '\n';
    }

    /** Hands everything written to the target and flushes it. */
    public void flush() throws IOException {
        drain();
        target.flush();
    }

    private void drain() throws IOException {
        if (used > 0) {
            target.write(buf, 0, used);
            used = 0;
        }
    }
}
