package org.zonestat.sim.baltimore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.csv.CsvTable;

/**
 * Turns Baltimore's real public exports into raw-topic JSON records (the field tables in the
 * README), keeping the sources' own ids and times. Local times are Baltimore's ({@code
 * America/New_York}) and become UTC instants; a date without a time is taken as the start of that
 * local day.
 *
 * <ul>
 *   <li>{@link #part1Legacy}: Open Baltimore "BPD Part 1 Victim Based Crime Data", the pre-2021
 *       layout (CrimeDate, CrimeTime, CrimeCode, Description, District, Longitude, Latitude...).
 *       Rows have no id of their own; the id is {@code L<line>} of the file.
 *   <li>{@link #traceShootings}: The Trace / BuzzFeed News shooting cases 2012-2017 (one row per
 *       case: case_number, date, case_type, latitude, longitude).
 *   <li>{@link #service311}: the Open Baltimore 311 export. Each row becomes its lifecycle: a
 *       {@code New} record at CreatedDate, then, if the row's status is another, a record with that
 *       status at CloseDate (closed) or StatusDate.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class BaltimoreAdapters {
    /** Baltimore's time zone, for the exports' local times. */
    public static final ZoneId BALTIMORE = ZoneId.of("America/New_York");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US);
    private static final DateTimeFormatter CRIME_TIME = DateTimeFormatter.ofPattern("H:mm[:ss]", Locale.US);
    private static final DateTimeFormatter US_DATE_TIME_AMPM =
            DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);

    private BaltimoreAdapters() {}

    public static AdapterResult part1Legacy(InputStream in, String fileName, String source) {
        List<RawEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] rows = {0};
        CsvTable.forEachRow(in, fileName, row -> {
            rows[0]++;
            String id = "L" + row.line();
            try {
                LocalDate date = LocalDate.parse(row.get("CrimeDate").orElseThrow(() -> missing("CrimeDate")), US_DATE);
                LocalTime time = parseCrimeTime(row.get("CrimeTime").orElse("00:00:00"));
                Instant occurredAt = date.atTime(time).atZone(BALTIMORE).toInstant();
                String description = row.get("Description").orElseThrow(() -> missing("Description"));
                ObjectNode n = JSON.createObjectNode();
                n.put("id", id);
                n.put("source", source);
                n.put("kind", incidentKind(description));
                n.put("type", description);
                n.put("occurredAt", occurredAt.toString());
                putCoordinate(n, "lat", row.get("Latitude"));
                putCoordinate(n, "lon", row.get("Longitude"));
                n.put("address", row.getOrNull("Location"));
                n.put("crimeCode", row.getOrNull("CrimeCode"));
                n.put("weapon", row.getOrNull("Weapon"));
                n.put("district", row.getOrNull("District"));
                n.put("post", row.getOrNull("Post"));
                n.put("neighborhood", row.getOrNull("Neighborhood"));
                n.put("premise", row.getOrNull("Premise"));
                events.add(new RawEvent(Feed.INCIDENTS, id, n.toString(), occurredAt));
            } catch (DateTimeException | IllegalArgumentException e) {
                problems.add(fileName + " line " + row.line() + ": " + e.getMessage());
            }
        });
        return new AdapterResult(events, problems, rows[0]);
    }

    public static AdapterResult traceShootings(InputStream in, String fileName, String source) {
        List<RawEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] rows = {0};
        CsvTable.forEachRow(in, fileName, row -> {
            rows[0]++;
            try {
                String id = row.get("case_number").orElseThrow(() -> missing("case_number"));
                Instant occurredAt = LocalDate.parse(row.get("date").orElseThrow(() -> missing("date")))
                        .atStartOfDay(BALTIMORE).toInstant();
                String caseType = row.get("case_type").orElseThrow(() -> missing("case_type"));
                ObjectNode n = JSON.createObjectNode();
                n.put("id", id);
                n.put("source", source);
                n.put("kind", caseType.contains("HOMICIDE") ? "HOMICIDE" : "SHOOTING");
                n.put("type", caseType);
                n.put("occurredAt", occurredAt.toString());
                putCoordinate(n, "lat", row.get("latitude"));
                putCoordinate(n, "lon", row.get("longitude"));
                n.put("address", row.getOrNull("block_address"));
                row.get("victims").ifPresent(v -> n.put("victims", Integer.parseInt(v)));
                events.add(new RawEvent(Feed.INCIDENTS, id, n.toString(), occurredAt));
            } catch (DateTimeException | IllegalArgumentException e) {
                problems.add(fileName + " line " + row.line() + ": " + e.getMessage());
            }
        });
        return new AdapterResult(events, problems, rows[0]);
    }

    public static AdapterResult service311(InputStream in, String fileName, String source) {
        List<RawEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] rows = {0};
        CsvTable.forEachRow(in, fileName, row -> {
            rows[0]++;
            try {
                String id = row.get("ServiceRequestNum").orElseThrow(() -> missing("ServiceRequestNum"));
                String status = row.get("SRStatus").orElseThrow(() -> missing("SRStatus"));
                Instant created = usDateTime(row.get("CreatedDate").orElseThrow(() -> missing("CreatedDate")));
                Optional<Instant> closed = row.get("CloseDate").map(BaltimoreAdapters::usDateTime);
                Optional<Instant> statusAt = row.get("StatusDate").map(BaltimoreAdapters::usDateTime);
                ObjectNode base = JSON.createObjectNode();
                base.put("id", id);
                base.put("source", source);
                base.put("type", row.get("SRType").orElseThrow(() -> missing("SRType")));
                base.put("createdAt", created.toString());
                row.get("DueDate").map(BaltimoreAdapters::usDateTime).ifPresent(d -> base.put("dueAt", d.toString()));
                putCoordinate(base, "lat", row.get("Latitude"));
                putCoordinate(base, "lon", row.get("Longitude"));
                base.put("address", row.getOrNull("Address"));
                base.put("agency", row.getOrNull("Agency"));
                base.put("method", row.getOrNull("MethodReceived"));
                base.put("neighborhood", row.getOrNull("Neighborhood"));
                base.put("councilDistrict", row.getOrNull("CouncilDistrict"));
                base.put("policeDistrict", row.getOrNull("PoliceDistrict"));

                ObjectNode created311 = base.deepCopy();
                created311.put("status", "New");
                created311.put("occurredAt", created.toString());
                events.add(new RawEvent(Feed.REQUESTS311, id, created311.toString(), created));

                if (!status.equalsIgnoreCase("New")) {
                    boolean isClosed = status.toLowerCase(Locale.ROOT).startsWith("closed");
                    Instant at = (isClosed ? closed.or(() -> statusAt) : statusAt).orElse(created);
                    if (at.isBefore(created)) {
                        at = created; // a few exports close a request "before" it was created
                    }
                    ObjectNode update = base.deepCopy();
                    update.put("status", status);
                    update.put("occurredAt", at.toString());
                    closed.ifPresent(c -> update.put("closedAt", c.toString()));
                    update.put("outcome", row.getOrNull("Outcome"));
                    events.add(new RawEvent(Feed.REQUESTS311, id, update.toString(), at));
                }
            } catch (DateTimeException | IllegalArgumentException e) {
                problems.add(fileName + " line " + row.line() + ": " + e.getMessage());
            }
        });
        return new AdapterResult(events, problems, rows[0]);
    }

    /** Maps a Part 1 Description to an incident kind. */
    static String incidentKind(String description) {
        String d = description.toUpperCase(Locale.ROOT);
        if (d.contains("HOMICIDE")) {
            return "HOMICIDE";
        }
        if (d.contains("SHOOTING")) {
            return "SHOOTING";
        }
        if (d.contains("AGG") && d.contains("ASSAULT")) {
            return "AGGRAVATED_ASSAULT";
        }
        if (d.contains("ROBBERY")) {
            return "ROBBERY";
        }
        if (d.contains("RAPE")) {
            return "OTHER_VIOLENT";
        }
        return "OTHER";
    }

    /**
     * Parses the legacy export's CrimeTime, which comes as {@code 23:53:00}, {@code 0:32:00},
     * {@code 23:53}, or bare digits {@code 2353}, {@code 137} (01:37), {@code 30} (00:30), sometimes
     * with a stray character or a second copy ({@code 2300`}, {@code 1230 12:30}).
     */
    static LocalTime parseCrimeTime(String text) {
        String t = text.trim().split("\\s+")[0].replaceAll("[^0-9:]", "");
        if (t.contains(":")) {
            return LocalTime.parse(t, CRIME_TIME);
        }
        if (t.isEmpty() || t.length() > 4) {
            throw new IllegalArgumentException("CrimeTime '" + text + "' is not a time");
        }
        String hhmm = "0".repeat(4 - t.length()) + t;
        int hour = Integer.parseInt(hhmm.substring(0, 2));
        int minute = Integer.parseInt(hhmm.substring(2));
        if (hour == 24 && minute == 0) {
            hour = 0;
        }
        return LocalTime.of(hour, minute);
    }

    private static Instant usDateTime(String text) {
        return LocalDateTime.parse(text.trim(), US_DATE_TIME_AMPM).atZone(BALTIMORE).toInstant();
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

    private static IllegalArgumentException missing(String column) {
        return new IllegalArgumentException("column '" + column + "' is empty");
    }
}
