package org.zonestat.sim.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.zonestat.geo.csv.CsvReader;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.csv.CsvTable;

/**
 * Reads a CSV export through a {@link FeedMapping}: one raw record per row, or, for a 311 mapping
 * with a {@code lifecycle}, one record per lifecycle step. Values that are blank or {@code NA} are
 * absent. The header must hold every column the mapping names (else {@link InvalidInputException}
 * before any row is read); a row that cannot be read (no id, a time in no known format, a row with
 * another number of fields than the header, ...) is rejected with its line and the reason.
 *
 * <p>Coordinates are copied as numbers; a value that is not a number is copied as text so that the
 * pipeline rejects it with the original. Rows without coordinates are kept (the pipeline reports
 * them as {@code missing-location}).
 *
 * <p>Immutable; thread-safe.
 */
public final class MappedCsvAdapter implements RecordAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeedMapping mapping;

    public MappedCsvAdapter(FeedMapping mapping) {
        if (mapping.format() != FeedMapping.Format.CSV) {
            throw new IllegalArgumentException(
                    "mapping " + mapping.name() + " is not a CSV mapping");
        }
        this.mapping = mapping;
    }

    @Override
    public Feed feed() {
        return mapping.feed();
    }

    @Override
    public void read(InputStream in, String name, RecordSink sink) {
        try (CsvReader reader =
                new CsvReader(
                        new BufferedReader(
                                new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16))) {
            List<String> headerFields = reader.next();
            if (headerFields == null) {
                throw new InvalidInputException(name + ": empty file, no header");
            }
            Map<String, Integer> header = new HashMap<>();
            for (int i = 0; i < headerFields.size(); i++) {
                header.putIfAbsent(headerFields.get(i).trim(), i);
            }
            List<String> missing =
                    mapping.columns().stream().filter(c -> !header.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidInputException(
                        name
                                + ": mapping "
                                + mapping.name()
                                + " names columns "
                                + missing
                                + " that the header does not have (header: "
                                + headerFields
                                + ")");
            }
            List<String> values;
            while ((values = reader.next()) != null) {
                if (values.size() == 1 && values.get(0).isEmpty()) {
                    continue;
                }
                long line = reader.recordLine();
                if (values.size() != headerFields.size()) {
                    sink.rejected(
                            new Rejection(
                                    name,
                                    line,
                                    "the row has "
                                            + values.size()
                                            + " fields, the header "
                                            + headerFields.size()));
                    continue;
                }
                CsvTable.Row row = new CsvTable.Row(header, values, line);
                List<RawEvent> records;
                try {
                    records = records(row);
                } catch (DateTimeException | IllegalArgumentException e) {
                    sink.rejected(new Rejection(name, line, e.getMessage()));
                    continue;
                }
                sink.accepted(records);
            }
        } catch (IOException e) {
            throw new InvalidInputException(name + ": " + e.getMessage(), e);
        }
    }

    /** The records of one row (one, or a 311 lifecycle). */
    List<RawEvent> records(CsvTable.Row row) {
        String id =
                mapping.idColumn().isPresent()
                        ? mapping.idPrefix() + require(row, mapping.idColumn().get())
                        : mapping.idPrefix() + row.line();
        ObjectNode base = JSON.createObjectNode();
        base.put("id", id);
        base.put("source", mapping.source());
        mapping.kind().ifPresent(k -> base.put("kind", k.map(k.column().flatMap(row::get))));
        mapping.category()
                .ifPresent(c -> base.put("category", c.map(c.column().flatMap(row::get))));
        mapping.column("type")
                .ifPresent(
                        c ->
                                base.put(
                                        "type",
                                        mapping.feed() == Feed.REQUESTS311
                                                ? require(row, c)
                                                : row.getOrNull(c)));
        if (mapping.lifecycle().isPresent()) {
            return lifecycle(row, id, base, mapping.lifecycle().get());
        }
        mapping.column("status").ifPresent(c -> base.put("status", require(row, c)));
        Instant occurredAt = occurredAt(row, mapping.time().orElseThrow());
        base.put("occurredAt", occurredAt.toString());
        putLocationAndDetails(row, base);
        putFields(row, base, false);
        return List.of(new RawEvent(mapping.feed(), id, base.toString(), occurredAt));
    }

    private List<RawEvent> lifecycle(
            CsvTable.Row row, String id, ObjectNode base, FeedMapping.Lifecycle l) {
        String status = require(row, mapping.column("status").orElseThrow());
        Instant created = time(require(row, l.createdColumn()));
        Optional<Instant> closed = l.closedColumn().flatMap(row::get).map(this::time);
        Optional<Instant> statusAt = l.statusColumn().flatMap(row::get).map(this::time);
        base.put("createdAt", created.toString());
        putLocationAndDetails(row, base);
        putFields(row, base, false);

        List<RawEvent> records = new ArrayList<>(2);
        ObjectNode first = base.deepCopy();
        first.put("status", l.createdStatus());
        first.put("occurredAt", created.toString());
        records.add(new RawEvent(mapping.feed(), id, first.toString(), created));
        if (!status.equalsIgnoreCase(l.createdStatus())) {
            boolean isClosed = status.toLowerCase(Locale.ROOT).startsWith("closed");
            Instant at = (isClosed ? closed.or(() -> statusAt) : statusAt).orElse(created);
            if (at.isBefore(created)) {
                at = created; // some exports close a request "before" it was created
            }
            ObjectNode update = base.deepCopy();
            update.put("status", status);
            update.put("occurredAt", at.toString());
            closed.ifPresent(c -> update.put("closedAt", c.toString()));
            putFields(row, update, true);
            records.add(new RawEvent(mapping.feed(), id, update.toString(), at));
        }
        return records;
    }

    private void putLocationAndDetails(CsvTable.Row row, ObjectNode n) {
        Optional<String> lat = mapping.latColumn().flatMap(row::get);
        Optional<String> lon = mapping.lonColumn().flatMap(row::get);
        if ((lat.isEmpty() || lon.isEmpty()) && mapping.pointColumn().isPresent()) {
            Optional<double[]> point =
                    mapping.pointColumn().flatMap(row::get).flatMap(MappedCsvAdapter::point);
            if (point.isPresent()) {
                n.put("lat", point.get()[0]);
                n.put("lon", point.get()[1]);
            }
        } else {
            putCoordinate(n, "lat", lat);
            putCoordinate(n, "lon", lon);
        }
        mapping.column("address").ifPresent(c -> n.put("address", row.getOrNull(c)));
        mapping.column("text").ifPresent(c -> n.put("text", row.getOrNull(c)));
        mapping.column("due").flatMap(row::get).ifPresent(d -> n.put("dueAt", time(d).toString()));
    }

    private void putFields(CsvTable.Row row, ObjectNode n, boolean updateRecord) {
        for (FieldSpec f : mapping.fields()) {
            boolean updateOnly =
                    mapping.lifecycle()
                            .map(l -> l.updateOnlyFields().contains(f.name()))
                            .orElse(false);
            if (updateOnly != updateRecord) {
                continue;
            }
            Optional<String> v = row.get(f.column());
            switch (f.type()) {
                case STRING -> n.put(f.name(), v.orElse(null));
                case INT -> v.ifPresent(x -> n.put(f.name(), Long.parseLong(x)));
                case NUMBER -> v.ifPresent(x -> n.put(f.name(), Double.parseDouble(x)));
                case TIME -> v.ifPresent(x -> n.put(f.name(), time(x).toString()));
            }
        }
    }

    private Instant occurredAt(CsvTable.Row row, FeedMapping.TimeSpec t) {
        if (t.column().isPresent()) {
            return time(require(row, t.column().get()));
        }
        LocalDate date = t.dateFormats().date(require(row, t.dateColumn().orElseThrow()));
        LocalTime timeOfDay =
                t.timeColumn()
                        .flatMap(row::get)
                        .map(t.timeFormats()::timeOfDay)
                        .orElse(t.defaultTime());
        return date.atTime(timeOfDay).atZone(mapping.zone()).toInstant();
    }

    private Instant time(String text) {
        return mapping.timeFormats().instant(text, mapping.zone());
    }

    private static String require(CsvTable.Row row, String column) {
        return row.get(column)
                .orElseThrow(
                        () -> new IllegalArgumentException("column '" + column + "' is empty"));
    }

    private static void putCoordinate(ObjectNode n, String field, Optional<String> value) {
        if (value.isEmpty()) {
            return;
        }
        try {
            n.put(field, Double.parseDouble(value.get()));
        } catch (NumberFormatException e) {
            n.put(field, value.get()); // the pipeline rejects it as not a number, with the original
        }
    }

    /** {@code (39.3, -76.6)} or {@code 39.3,-76.6} as {lat, lon}. */
    static Optional<double[]> point(String text) {
        String t = text.replace("(", "").replace(")", "").strip();
        String[] parts = t.split("[,\\s]+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
