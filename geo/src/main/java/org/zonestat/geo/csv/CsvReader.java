package org.zonestat.geo.csv;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader on Jackson's CSV parser: one record at a time, so files of any
 * length are read in constant memory (bounded by the longest record). Every CSV file ZoneStat reads
 * (the {@code tag} command, the replayers' mappings, the shipped tables) goes through this class.
 *
 * <ul>
 *   <li>Fields are separated by commas and records by CRLF, LF or CR.
 *   <li>A field that starts with a double quote is quoted: it may hold commas, line breaks and
 *       doubled quotes ({@code ""} stands for one {@code "}). After the closing quote only spaces
 *       (dropped) may come before the next comma or line end; any other text there is an error. A
 *       quote inside an unquoted field is an ordinary character.
 *   <li>A UTF-8 byte-order mark at the very start of the input is skipped.
 *   <li>A record is a list of its fields; an empty line is a record with one empty field.
 * </ul>
 *
 * <p>Errors name the record and the physical line it starts on ({@link #recordLine()}): a quoted
 * field may span lines, so the two differ.
 *
 * <p>Not thread-safe: one reader per input, used by one thread.
 */
public final class CsvReader implements Closeable {
    private static final int BOM = '\uFEFF';
    private static final CsvFactory FACTORY =
            CsvFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private final PushbackReader in;
    private final CsvParser parser;
    private boolean started;
    private long recordNumber;
    private long recordLine;

    /** Reads {@code in}, which need not be buffered: the parser reads it in blocks. */
    public CsvReader(Reader in) throws IOException {
        this.in = new PushbackReader(in, 1);
        this.parser = FACTORY.createParser(this.in); // reads nothing yet
    }

    /**
     * Reads the next record.
     *
     * @return the fields (a list the caller may change), or {@code null} at the end of the input
     * @throws CsvFormatException when the input is not CSV (a quoted field left open at the end of
     *     the input, text after a closing quote); the message names the record and its line
     */
    public List<String> next() throws IOException {
        if (!started) {
            started = true;
            int first = in.read();
            if (first >= 0 && first != BOM) {
                in.unread(first);
            }
        }
        try {
            if (parser.nextToken() == null) {
                return null;
            }
            recordNumber++;
            recordLine = parser.currentLocation().getLineNr();
            List<String> fields = new ArrayList<>();
            while (parser.nextToken() == JsonToken.VALUE_STRING) {
                fields.add(parser.getText());
            }
            return fields;
        } catch (JsonProcessingException e) {
            // Parse errors come while reading a record's fields, after its number and line are
            // known.
            throw new CsvFormatException(
                    "record " + recordNumber + " (line " + recordLine + "): " + problem(e), e);
        }
    }

    /** The 1-based number of the record last returned by {@link #next()}. */
    public long recordNumber() {
        return recordNumber;
    }

    /** The physical line (1-based) on which the record last returned by {@link #next()} starts. */
    public long recordLine() {
        return recordLine;
    }

    private static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Missing closing quote")) {
            return "quoted field not closed before end of input";
        }
        JsonLocation at = e.getLocation();
        return at == null ? message : message + " (at line " + at.getLineNr() + ")";
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            in.close();
        }
    }

    /** Thrown for input that is not CSV. */
    public static final class CsvFormatException extends IOException {
        public CsvFormatException(String message) {
            super(message);
        }

        public CsvFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
