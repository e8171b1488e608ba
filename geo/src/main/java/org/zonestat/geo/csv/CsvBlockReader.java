package org.zonestat.geo.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.zonestat.geo.csv.CsvReader.CsvFormatException;

/**
 * Reads CSV as bytes, many records at a time, into {@link CsvBlock}s: the fast path of the {@code
 * tag} command, which reads a million rows without making a string of every field. It reads exactly
 * what {@link CsvReader} reads (the same records and fields, checked against it by a test): fields
 * separated by commas, records by CRLF, LF or CR, RFC 4180 quoted fields (commas, line breaks and
 * doubled quotes inside; after the closing quote only spaces and other characters up to U+0020,
 * dropped, before the next comma or line end), a quote inside an unquoted field is an ordinary
 * character, a UTF-8 byte-order mark at the start is skipped, and an empty line is a record with
 * one empty field. The input must be UTF-8.
 *
 * <p>Errors are {@link CsvFormatException}s naming the record and the line it starts on, as {@link
 * CsvReader}'s: a quoted field left open at the end of the input, text after a closing quote, bytes
 * that are not UTF-8.
 *
 * <p>Memory: one read buffer about the size of a block (larger only for a longer record). Not
 * thread-safe: one reader per input, used by one thread.
 */
public final class CsvBlockReader {
    private static final int INCOMPLETE = -1;

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private long recordNumber;
    private long line = 1;

    // Scratch results of the record being parsed, committed when it is whole.
    private int fieldCount;
    private boolean plainRecord;
    private int lineBreaks;

    /** Reads {@code in} (which need not be buffered) in reads of about {@code bufferBytes}. */
    public CsvBlockReader(InputStream in, int bufferBytes) {
        this.in = in;
        this.buf = new byte[Math.max(16, bufferBytes)];
    }

    /** Reads {@code in} with a buffer of {@link CsvBlock#DEFAULT_BYTES}. */
    public CsvBlockReader(InputStream in) {
        this(in, CsvBlock.DEFAULT_BYTES);
    }

    /** The next record as text (for the header row), or {@code null} at the end of the input. */
    public List<String> next() throws IOException {
        CsvBlock one = new CsvBlock(64);
        if (!fill(one, -1, -1, 1)) {
            return null;
        }
        return one.fieldList(0);
    }

    /**
     * Fills {@code block} with the next whole records (as many as the read buffer holds, at least
     * one), recording where fields {@code first} and {@code second} of each lie (-1: none).
     *
     * @return false, with the block empty, at the end of the input
     */
    public boolean next(CsvBlock block, int first, int second) throws IOException {
        return fill(block, first, second, Integer.MAX_VALUE);
    }

    /** The 1-based number of the last record read. */
    public long recordNumber() {
        return recordNumber;
    }

    private boolean fill(CsvBlock block, int first, int second, int maxRecords) throws IOException {
        block.clear();
        if (pos == limit || !started) {
            read();
        }
        int base = pos;
        while (block.records < maxRecords) {
            if (pos == limit && eof) {
                break;
            }
            block.ensureRecords(block.records + 1);
            int after = parse(block, block.records, base, first, second);
            if (after == INCOMPLETE) {
                if (block.records > 0) {
                    break;
                }
                base -= compactAndRead(base);
                continue;
            }
            recordNumber++;
            line += lineBreaks;
            pos = after;
            block.records++;
        }
        int bytes = pos - base;
        if (block.data.length < bytes) {
            block.data = new byte[Math.max(bytes, block.data.length * 2)];
        }
        System.arraycopy(buf, base, block.data, 0, bytes);
        block.length = bytes;
        return block.records > 0;
    }

    /** Moves the unread bytes from {@code base} to the front, reads more; returns the shift. */
    private int compactAndRead(int base) throws IOException {
        int keep = limit - base;
        if (keep == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        } else if (base > 0) {
            System.arraycopy(buf, base, buf, 0, keep);
        }
        pos -= base;
        limit = keep;
        readMore();
        return base;
    }

    private void read() throws IOException {
        if (pos < limit) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
        }
        limit -= pos;
        pos = 0;
        readMore();
    }

    private void readMore() throws IOException {
        while (!eof && limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        if (!started && (limit >= 3 || eof)) {
            started = true;
            if (limit >= 3
                    && buf[0] == (byte) 0xEF
                    && buf[1] == (byte) 0xBB
                    && buf[2] == (byte) 0xBF) {
                pos = 3;
            }
        }
    }

    /**
     * Parses the record at {@link #pos} into row {@code r} of the block, offsets relative to {@code
     * base}; returns the position after its line break, or {@link #INCOMPLETE} when the buffer ends
     * before the record does (and the input does not).
     */
    private int parse(CsvBlock block, int r, int base, int first, int second)
            throws CsvFormatException {
        final byte[] b = buf;
        final int lim = limit;
        int p = pos;
        int field = 0;
        boolean plain = true;
        int breaks = 0;
        block.firstFrom[r] = -1;
        block.secondFrom[r] = -1;
        block.start[r] = p - base;
        while (true) {
            int from = p;
            int to;
            if (p < lim && b[p] == '"') {
                plain = false;
                p++;
                while (true) {
                    if (p >= lim) {
                        if (!eof) {
                            return INCOMPLETE;
                        }
                        throw error("quoted field not closed before end of input");
                    }
                    byte c = b[p++];
                    if (c == '"') {
                        if (p >= lim && !eof) {
                            return INCOMPLETE;
                        }
                        if (p < lim && b[p] == '"') {
                            p++;
                            continue;
                        }
                        break;
                    } else if (c == '\n') {
                        breaks++;
                    } else if (c == '\r') {
                        if (p >= lim && !eof) {
                            return INCOMPLETE;
                        }
                        if (p >= lim || b[p] != '\n') {
                            breaks++;
                        }
                    } else if (c < 0) {
                        int n = utf8(b, p - 1, lim, breaks);
                        if (n == 0) {
                            return INCOMPLETE;
                        }
                        p += n - 1;
                    }
                }
                to = p;
                while (p < lim && (b[p] & 0xff) <= ' ' && b[p] != '\r' && b[p] != '\n') {
                    p++;
                }
                if (p >= lim && !eof) {
                    return INCOMPLETE;
                }
                if (p < lim && b[p] != ',' && b[p] != '\r' && b[p] != '\n') {
                    throw error(afterQuote(b, p, lim), breaks);
                }
            } else {
                while (p < lim) {
                    byte c = b[p];
                    if (c == ',' || c == '\n' || c == '\r') {
                        break;
                    }
                    if (c == '"') {
                        plain = false;
                    } else if (c < 0) {
                        int n = utf8(b, p, lim, breaks);
                        if (n == 0) {
                            return INCOMPLETE;
                        }
                        p += n - 1;
                    }
                    p++;
                }
                if (p >= lim && !eof) {
                    return INCOMPLETE;
                }
                to = p;
                if (to > from && (b[from] == ' ' || b[to - 1] == ' ')) {
                    plain = false;
                }
            }
            if (field == first) {
                block.firstFrom[r] = from - base;
                block.firstTo[r] = to - base;
            }
            if (field == second) {
                block.secondFrom[r] = from - base;
                block.secondTo[r] = to - base;
            }
            field++;
            if (p < lim && b[p] == ',') {
                p++;
                continue;
            }
            block.end[r] = p - base;
            if (p < lim) {
                if (b[p] == '\r') {
                    p++;
                    if (p >= lim && !eof) {
                        return INCOMPLETE;
                    }
                    if (p < lim && b[p] == '\n') {
                        p++;
                    }
                } else {
                    p++;
                }
                breaks++;
            }
            block.fields[r] = field;
            block.plain[r] = plain;
            lineBreaks = breaks;
            return p;
        }
    }

    /**
     * The length of the valid UTF-8 sequence at {@code p}, 0 when the buffer ends inside it (and
     * the input does not).
     */
    private int utf8(byte[] b, int p, int lim, int breaks) throws CsvFormatException {
        int lead = b[p] & 0xff;
        int n;
        int min2 = 0x80;
        int max2 = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
            if (lead == 0xE0) {
                min2 = 0xA0;
            } else if (lead == 0xED) {
                max2 = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
            if (lead == 0xF0) {
                min2 = 0x90;
            } else if (lead == 0xF4) {
                max2 = 0x8F;
            }
        } else {
            throw notUtf8(lead, breaks);
        }
        for (int k = 1; k < n; k++) {
            if (p + k >= lim) {
                if (!eof) {
                    return 0;
                }
                throw notUtf8(lead, breaks);
            }
            int c = b[p + k] & 0xff;
            if (k == 1 ? c < min2 || c > max2 : c < 0x80 || c > 0xBF) {
                throw notUtf8(lead, breaks);
            }
        }
        return n;
    }

    private CsvFormatException notUtf8(int lead, int breaks) {
        return error(
                String.format("not UTF-8 text (a byte 0x%02X at line %d)", lead, line + breaks));
    }

    /** Jackson's words for text after a closing quote, so both readers report it alike. */
    private static String afterQuote(byte[] b, int p, int lim) {
        int lead = b[p] & 0xff;
        int n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        char c = new String(b, p, Math.min(n, lim - p), StandardCharsets.UTF_8).charAt(0);
        return "Unexpected character ("
                + describe(c)
                + "): Expected column separator character ("
                + describe(',')
                + ") or end-of-line";
    }

    private static String describe(char c) {
        if (Character.isISOControl(c)) {
            return "(CTRL-CHAR, code " + (int) c + ")";
        }
        if (c > 255) {
            return "'" + c + "' (code " + (int) c + " / 0x" + Integer.toHexString(c) + ")";
        }
        return "'" + c + "' (code " + (int) c + ")";
    }

    private CsvFormatException error(String problem, int breaks) {
        return error(problem + " (at line " + (line + breaks) + ")");
    }

    private CsvFormatException error(String problem) {
        return new CsvFormatException(
                "record " + (recordNumber + 1) + " (line " + line + "): " + problem);
    }
}
