package org.zonestat.geo.csv;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 CSV records on Jackson's CSV generator: fields separated by commas, records ended
 * by CRLF; a field is quoted (with inner quotes doubled) only when it contains a comma, a quote, CR
 * or LF, or starts or ends with a space (so that readers that trim keep the spaces). A {@code null}
 * field is written empty.
 *
 * <p>Not thread-safe: one writer per output, used by one thread. Each record is handed to the
 * target as it is written; buffering is the caller's choice (wrap the target in a {@link
 * java.io.BufferedWriter}).
 */
public final class CsvWriter implements Closeable, Flushable {
    private static final CsvFactory FACTORY =
            CsvFactory.builder()
                    .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                    .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
                    .build();
    private static final CsvSchema CRLF = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private final Writer target;
    private final CsvGenerator out;

    public CsvWriter(Writer target) throws IOException {
        this.target = target;
        this.out = FACTORY.createGenerator(target);
        this.out.setSchema(CRLF);
    }

    /** Writes one record. */
    public void write(List<String> fields) throws IOException {
        out.writeStartArray();
        for (int i = 0; i < fields.size(); i++) {
            String value = fields.get(i);
            if (isPadded(value)) {
                // Jackson quotes by content only; a padded value is quoted to keep its spaces.
                out.enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
                out.writeString(value);
                out.disable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
            } else {
                out.writeString(value);
            }
        }
        out.writeEndArray();
        out.flush(); // hands the record to the target, which buffers or not
    }

    private static boolean isPadded(String value) {
        return value != null
                && !value.isEmpty()
                && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        target.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
