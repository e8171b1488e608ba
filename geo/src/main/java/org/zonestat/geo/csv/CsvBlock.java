package org.zonestat.geo.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A block of whole CSV records as {@link CsvBlockReader} read them: the records' bytes, exactly as
 * in the input, and per record where it lies in them, how many fields it has, whether its bytes can
 * be written back as they are, and where its two chosen fields lie.
 *
 * <p>A block is filled by the reader and then read by one other thread at a time; it is reused for
 * later records once that thread is done with it. Not thread-safe: hand it over through a
 * synchronizing queue.
 */
public final class CsvBlock {
    /** Bytes of a block to start with; a record longer than this makes the block grow. */
    public static final int DEFAULT_BYTES = 1 << 20;

    byte[] data;

    /** Bytes of {@link #data} that hold whole records. */
    int length;

    int records;
    int[] start = new int[4096];
    int[] end = new int[4096];
    int[] fields = new int[4096];
    boolean[] plain = new boolean[4096];

    /** Per record, the start and end of the first and second chosen field, -1 when absent. */
    int[] firstFrom = new int[4096];

    int[] firstTo = new int[4096];
    int[] secondFrom = new int[4096];
    int[] secondTo = new int[4096];

    /** An empty block of {@link #DEFAULT_BYTES} bytes. */
    public CsvBlock() {
        this(DEFAULT_BYTES);
    }

    /** An empty block of {@code bytes} bytes (it grows for longer records). */
    public CsvBlock(int bytes) {
        this.data = new byte[Math.max(16, bytes)];
    }

    /** Records in the block. */
    public int records() {
        return records;
    }

    /** The bytes of the block; record {@code r} is {@code data()[start(r)..end(r))}. */
    public byte[] data() {
        return data;
    }

    /** Where record {@code r} starts in {@link #data()}. */
    public int start(int r) {
        return start[r];
    }

    /** Where record {@code r} ends in {@link #data()}, before its line break. */
    public int end(int r) {
        return end[r];
    }

    /** The number of fields of record {@code r}. */
    public int fields(int r) {
        return fields[r];
    }

    /**
     * Whether record {@code r}'s bytes are also its {@link CsvWriter} form: no field is quoted in
     * the input or would need quoting in the output (a quote, or a leading or trailing space).
     */
    public boolean plain(int r) {
        return plain[r];
    }

    /**
     * The first chosen field of record {@code r} as text (quotes removed), {@code ""} when the
     * record is too short to have it.
     */
    public String first(int r) {
        return text(firstFrom[r], firstTo[r]);
    }

    /** The second chosen field of record {@code r}, like {@link #first}. */
    public String second(int r) {
        return text(secondFrom[r], secondTo[r]);
    }

    /**
     * The first chosen field of record {@code r} as a plain decimal ({@link
     * Coordinates#plainDecimal}); {@code NaN} when it is not one or the record lacks the field.
     */
    public double firstDecimal(int r) {
        return firstFrom[r] < 0
                ? Double.NaN
                : Coordinates.plainDecimal(data, firstFrom[r], firstTo[r]);
    }

    /**
     * The second chosen field of record {@code r} as a plain decimal, like {@link #firstDecimal}.
     */
    public double secondDecimal(int r) {
        return secondFrom[r] < 0
                ? Double.NaN
                : Coordinates.plainDecimal(data, secondFrom[r], secondTo[r]);
    }

    /** The fields of record {@code r} as text, quotes removed. */
    public List<String> fieldList(int r) {
        List<String> out = new ArrayList<>(fields[r] + 2);
        int p = start[r];
        int e = end[r];
        while (true) {
            int from = p;
            if (p < e && data[p] == '"') {
                p++;
                while (p < e) {
                    if (data[p] == '"') {
                        if (p + 1 < e && data[p + 1] == '"') {
                            p += 2;
                            continue;
                        }
                        break;
                    }
                    p++;
                }
                out.add(text(from, p + 1));
                p++;
                while (p < e && data[p] != ',') {
                    p++; // spaces after the closing quote
                }
            } else {
                while (p < e && data[p] != ',') {
                    p++;
                }
                out.add(text(from, p));
            }
            if (p >= e) {
                return out;
            }
            p++; // the comma
        }
    }

    /** The text of a field's bytes: a quoted field loses its quotes and its doubled quotes. */
    String text(int from, int to) {
        if (from < 0) {
            return "";
        }
        if (to - from >= 2 && data[from] == '"') {
            String inner = new String(data, from + 1, to - from - 2, StandardCharsets.UTF_8);
            return inner.indexOf('"') < 0 ? inner : inner.replace("\"\"", "\"");
        }
        return new String(data, from, to - from, StandardCharsets.UTF_8);
    }

    void clear() {
        records = 0;
        length = 0;
    }

    void ensureRecords(int n) {
        if (n > start.length) {
            int size = Math.max(n, start.length * 2);
            start = Arrays.copyOf(start, size);
            end = Arrays.copyOf(end, size);
            fields = Arrays.copyOf(fields, size);
            plain = Arrays.copyOf(plain, size);
            firstFrom = Arrays.copyOf(firstFrom, size);
            firstTo = Arrays.copyOf(firstTo, size);
            secondFrom = Arrays.copyOf(secondFrom, size);
            secondTo = Arrays.copyOf(secondTo, size);
        }
    }
}
