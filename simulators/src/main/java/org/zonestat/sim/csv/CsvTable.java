package org.zonestat.sim.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.zonestat.geo.csv.CsvReader;

/**
 * A CSV file read row by row with access to fields by header name. Header names are trimmed; values
 * equal to {@code NA} or blank read as absent (R's {@code write.csv} writes {@code NA}).
 *
 * <p>Not thread-safe.
 */
public final class CsvTable {
    private CsvTable() {}

    /** One data row with its header and physical line number. */
    public record Row(Map<String, Integer> header, List<String> values, long line) {
        /** The trimmed value, or empty if the column is missing, the value blank or {@code NA}. */
        public Optional<String> get(String column) {
            Integer i = header.get(column);
            if (i == null || i >= values.size()) {
                return Optional.empty();
            }
            String v = values.get(i).trim();
            return v.isEmpty() || v.equals("NA") ? Optional.empty() : Optional.of(v);
        }

        public String getOrNull(String column) {
            return get(column).orElse(null);
        }
    }

    /** Calls {@code rowConsumer} for every data row of the stream; the stream is closed after. */
    public static void forEachRow(InputStream in, String name, Consumer<Row> rowConsumer) {
        try (CsvReader reader = new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> headerFields = reader.next();
            if (headerFields == null) {
                throw new IllegalArgumentException(name + ": empty file, no header");
            }
            Map<String, Integer> header = new HashMap<>();
            for (int i = 0; i < headerFields.size(); i++) {
                header.put(headerFields.get(i).trim(), i);
            }
            List<String> values;
            while ((values = reader.next()) != null) {
                if (values.size() == 1 && values.get(0).isEmpty()) {
                    continue;
                }
                rowConsumer.accept(new Row(header, values, reader.recordLine()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }
}
