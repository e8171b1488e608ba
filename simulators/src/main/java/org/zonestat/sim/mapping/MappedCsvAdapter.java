package org.zonestat.sim.mapping;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.zonestat.geo.csv.CsvReader;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.csv.CsvTable;
import org.zonestat.topics.RawActivity;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.RawInput;
import org.zonestat.topics.RawRequestStep;
import org.zonestat.topics.RawTip;

/**
 * Reads a CSV export through a {@link FeedMapping}: one raw record per row, or, for a 311 mapping
 * with a {@code lifecycle}, one record per lifecycle step. Values that are blank or {@code NA} are
 * absent. The header must hold every column the mapping names (else {@link InvalidInputException}
 * before any row is read); a row that cannot be read (no id, a time in no known format, a row with
 * another number of fields than the header, ...) is rejected with its line and the reason.
 *
 * <p>With {@code id.repeats=merge} ({@link FeedMapping.Merge}) the rows that share an id become one
 * record, given to the sink after the last row has been read (in the order of their first rows);
 * each further row of an id is reported as accepted with no record of its own, so rows still
 * reconcile. The records of the file are then held in memory until it ends.
 *
 * <p>Each row becomes the raw contract's record of the mapping's feed ({@code RawIncident}, {@code
 * RawRequestStep}, {@code RawTip}); the mapping's {@code field.*} columns travel as the record's
 * other fields. A coordinate that is not a number rejects the row, naming the column; rows without
 * coordinates are kept (the pipeline reports them as {@code missing-location}).
 *
 * <p>Immutable; thread-safe.
 */
public final class MappedCsvAdapter implements RecordAdapter {
    private final FeedMapping mapping;

    public MappedCsvAdapter(FeedMapping mapping) {
        if (mapping.format() != FeedMapping.Format.CSV) {
            throw new IllegalArgumentException(
                    "mapping " + mapping.name() + " is not a CSV mapping");
        }
        if (mapping.column("contact").isPresent() && mapping.contactTokens().isEmpty()) {
            throw new InvalidInputException(
                    "mapping "
                            + mapping.name()
                            + " reads contacts from column '"
                            + mapping.column("contact").get()
                            + "': give the contact key they are hashed with (--contact-key)");
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
            Merging merging = mapping.merge().map(Merging::new).orElse(null);
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
                if (merging != null) {
                    merging.add(records.get(0), sink);
                } else {
                    sink.accepted(records);
                }
            }
            if (merging != null) {
                merging.finish(sink);
            }
        } catch (IOException e) {
            throw new InvalidInputException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The records of rows that share an id, merged into one per id (the first row's, with the most
     * severe kind of an incident's rows and the number of rows); one instance per file.
     */
    private static final class Merging {
        private final FeedMapping.Merge merge;
        private final Map<String, RawEvent> firsts = new LinkedHashMap<>();
        private final Map<String, String> kinds = new HashMap<>();
        private final Map<String, Integer> rows = new HashMap<>();

        Merging(FeedMapping.Merge merge) {
            this.merge = merge;
        }

        void add(RawEvent record, RecordSink sink) {
            String id = record.key();
            if (firsts.putIfAbsent(id, record) != null) {
                sink.accepted(List.of());
            }
            rows.merge(id, 1, Integer::sum);
            if (record.record() instanceof RawIncident incident) {
                kinds.merge(id, incident.kind(), Merging::moreSevere);
            }
        }

        void finish(RecordSink sink) {
            firsts.forEach(
                    (id, first) -> {
                        RawEvent merged = first;
                        if (first.record() instanceof RawIncident i) {
                            Map<String, Object> details = new LinkedHashMap<>(i.details());
                            merge.countField().ifPresent(f -> details.put(f, rows.get(id)));
                            merged =
                                    RawEvent.of(
                                            new RawIncident(
                                                    i.id(),
                                                    i.source(),
                                                    kinds.get(id),
                                                    i.type(),
                                                    i.occurredAt(),
                                                    i.lat(),
                                                    i.lon(),
                                                    i.address(),
                                                    details));
                        }
                        sink.accepted(List.of(merged));
                    });
        }

        private static String moreSevere(String a, String b) {
            List<String> order = FeedMapping.INCIDENT_KINDS_BY_SEVERITY;
            int ia = order.indexOf(a);
            int ib = order.indexOf(b);
            return ib >= 0 && (ia < 0 || ib < ia) ? b : a;
        }
    }

    /** The records of one row (one, or a 311 lifecycle). */
    List<RawEvent> records(CsvTable.Row row) {
        String id =
                mapping.idColumn().isPresent()
                        ? mapping.idPrefix() + require(row, mapping.idColumn().get())
                        : mapping.idPrefix() + row.line();
        String type =
                mapping.column("type")
                        .map(
                                c ->
                                        mapping.feed() == Feed.REQUESTS311
                                                ? require(row, c)
                                                : row.getOrNull(c))
                        .orElse(null);
        Double[] latLon = location(row);
        String address = mapping.column("address").map(row::getOrNull).orElse(null);
        Instant dueAt = mapping.column("due").flatMap(row::get).map(this::time).orElse(null);
        // Columns a feed's record has no field for travel with the other fields, as before.
        Map<String, Object> others = new LinkedHashMap<>();
        mapping.column("text").ifPresent(c -> others.put("text", row.getOrNull(c)));
        if (mapping.lifecycle().isPresent()) {
            return lifecycle(
                    row, id, type, latLon, address, dueAt, others, mapping.lifecycle().get());
        }
        String status = mapping.column("status").map(c -> require(row, c)).orElse(null);
        Instant occurredAt = occurredAt(row, mapping.time().orElseThrow());
        Map<String, Object> details = fields(row, false);
        RawInput record =
                switch (mapping.feed()) {
                    case INCIDENTS -> {
                        putIfMapped(details, "status", status);
                        putIfPresent(details, "dueAt", dueAt);
                        details.putAll(others);
                        yield new RawIncident(
                                id,
                                mapping.source(),
                                mapping.kind().map(k -> k.map(k.column().flatMap(row::get))).get(),
                                type,
                                occurredAt,
                                latLon[0],
                                latLon[1],
                                address,
                                details);
                    }
                    case REQUESTS311 -> {
                        details.putAll(others);
                        yield new RawRequestStep(
                                id,
                                mapping.source(),
                                type,
                                status,
                                occurredAt,
                                latLon[0],
                                latLon[1],
                                null,
                                dueAt,
                                null,
                                address,
                                details);
                    }
                    case ACTIVITIES -> {
                        putIfMapped(details, "type", type);
                        putIfMapped(details, "status", status);
                        putIfPresent(details, "dueAt", dueAt);
                        details.putAll(others);
                        yield activity(row, id, occurredAt, latLon, address, details);
                    }
                    case TIPS -> {
                        putIfMapped(details, "type", type);
                        putIfMapped(details, "status", status);
                        putIfPresent(details, "dueAt", dueAt);
                        yield new RawTip(
                                id,
                                mapping.source(),
                                mapping.category()
                                        .map(c -> c.map(c.column().flatMap(row::get)))
                                        .get(),
                                occurredAt,
                                latLon[0],
                                latLon[1],
                                address,
                                (String) others.get("text"),
                                details);
                    }
                };
        return List.of(RawEvent.of(record));
    }

    /**
     * An activity row: its kind and agency by their mappings, the place, count and outcome columns,
     * and the contact column hashed into the week's token (the contact is not kept).
     */
    private RawActivity activity(
            CsvTable.Row row,
            String id,
            Instant occurredAt,
            Double[] latLon,
            String address,
            Map<String, Object> details) {
        Integer count =
                mapping.column("count")
                        .flatMap(row::get)
                        .map(v -> wholeNumber(mapping.column("count").get(), v))
                        .orElse(null);
        String token =
                mapping.column("contact")
                        .flatMap(row::get)
                        .map(
                                c ->
                                        mapping.contactTokens()
                                                .orElseThrow()
                                                .token(
                                                        c,
                                                        occurredAt
                                                                .atZone(mapping.zone())
                                                                .toLocalDate()))
                        .orElse(null);
        return new RawActivity(
                id,
                mapping.source(),
                mapping.kind().map(k -> k.map(k.column().flatMap(row::get))).get(),
                mapping.agency().map(a -> a.map(a.column().flatMap(row::get))).get(),
                occurredAt,
                latLon[0],
                latLon[1],
                mapping.column("place").map(row::getOrNull).orElse(null),
                count,
                mapping.column("outcome").map(row::getOrNull).orElse(null),
                token,
                address,
                details);
    }

    private static Integer wholeNumber(String column, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "column '" + column + "' is not a whole number: '" + value + "'");
        }
    }

    /** A 311 row as its lifecycle: created, then its current status if that is another. */
    private List<RawEvent> lifecycle(
            CsvTable.Row row,
            String id,
            String type,
            Double[] latLon,
            String address,
            Instant dueAt,
            Map<String, Object> others,
            FeedMapping.Lifecycle l) {
        String status = require(row, mapping.column("status").orElseThrow());
        Instant created = time(require(row, l.createdColumn()));
        Optional<Instant> closed = l.closedColumn().flatMap(row::get).map(this::time);
        Optional<Instant> statusAt = l.statusColumn().flatMap(row::get).map(this::time);
        Map<String, Object> details = fields(row, false);
        details.putAll(others);

        RawRequestStep first =
                new RawRequestStep(
                        id,
                        mapping.source(),
                        type,
                        l.createdStatus(),
                        created,
                        latLon[0],
                        latLon[1],
                        created,
                        dueAt,
                        null,
                        address,
                        details);
        List<RawEvent> records = new ArrayList<>(2);
        records.add(RawEvent.of(first));
        if (!status.equalsIgnoreCase(l.createdStatus())) {
            boolean isClosed = status.toLowerCase(Locale.ROOT).startsWith("closed");
            Instant at = (isClosed ? closed.or(() -> statusAt) : statusAt).orElse(created);
            if (at.isBefore(created)) {
                at = created; // some exports close a request "before" it was created
            }
            Map<String, Object> updateDetails = new LinkedHashMap<>(details);
            updateDetails.putAll(fields(row, true));
            records.add(RawEvent.of(first.then(status, at, closed.orElse(null), updateDetails)));
        }
        return records;
    }

    /**
     * {lat, lon}, each null when the row has none (the pipeline reports it as missing-location).
     *
     * @throws IllegalArgumentException naming the column if a coordinate is not a number
     */
    private Double[] location(CsvTable.Row row) {
        Optional<String> lat = mapping.latColumn().flatMap(row::get);
        Optional<String> lon = mapping.lonColumn().flatMap(row::get);
        if ((lat.isEmpty() || lon.isEmpty()) && mapping.pointColumn().isPresent()) {
            Optional<double[]> point =
                    mapping.pointColumn().flatMap(row::get).flatMap(MappedCsvAdapter::point);
            return point.map(p -> new Double[] {p[0], p[1]}).orElse(new Double[2]);
        }
        return new Double[] {
            coordinate(mapping.latColumn(), lat), coordinate(mapping.lonColumn(), lon)
        };
    }

    /** The mapping's other fields ({@code field.*}) of the created or the update record. */
    private Map<String, Object> fields(CsvTable.Row row, boolean updateRecord) {
        Map<String, Object> n = new LinkedHashMap<>();
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
        return n;
    }

    private void putIfMapped(Map<String, Object> details, String field, String value) {
        if (mapping.column(field).isPresent()) {
            details.put(field, value);
        }
    }

    private static void putIfPresent(Map<String, Object> details, String field, Instant value) {
        if (value != null) {
            details.put(field, value.toString());
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

    private static Double coordinate(Optional<String> column, Optional<String> value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "column '" + column.orElseThrow() + "' is not a number: '" + value.get() + "'");
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
