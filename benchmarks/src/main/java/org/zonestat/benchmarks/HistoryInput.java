package org.zonestat.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.csv.CsvTable;

/**
 * The history benchmark's input: two export files in the layouts {@code ./zonestat backfill} reads,
 * resampled from the shipped Baltimore history, seeded.
 *
 * <p><b>Incidents</b> ({@code baltimore-part1-legacy} layout): each row takes the kind, place and
 * address of a shipped incident drawn at random (the 3,479 shooting cases of 2012–2017 and the 515
 * Part 1 homicides and shootings of 2018, rows without coordinates included, as shipped), a day
 * drawn uniformly from {@link #FIRST_DAY} to {@link #LAST_DAY} and the time of day of a shipped
 * Part 1 row. Rows are written in time order.
 *
 * <p><b>311</b> ({@code baltimore-311} layout): {@link #REAL_311_ROWS} export rows per {@link
 * #REAL_INCIDENT_ROWS} incident rows, as shipped. Each is a shipped export row drawn at random with
 * a new request number and all its dates moved by the days that put its creation on a day drawn as
 * above; the backfill turns each row into its lifecycle records (a "New" record and one for its
 * status), about 1.7 records a row as in the shipped export. Rows are written in creation order.
 *
 * <p>While writing, it counts the homicides and shootings that fall in a zone of each layer (point
 * in polygon, {@link ZoneCatalog}): what the scorecard must show for the ten years.
 *
 * <p>Deterministic: the same seed and sizes give the same files. Not thread-safe.
 *
 * @param incidents the incident file
 * @param requests311 the 311 file
 * @param incidentRows rows of the incident file
 * @param requestRows rows of the 311 file
 * @param gunViolenceByLayer per layer id, homicides and shootings inside its zones
 */
record HistoryInput(
        Path incidents,
        Path requests311,
        long incidentRows,
        long requestRows,
        Map<String, Long> gunViolenceByLayer) {
    static final LocalDate FIRST_DAY = LocalDate.of(2010, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2019, 12, 31);

    /** Incident rows shipped: the shooting cases of 2012-2017 and the 2018 Part 1 rows. */
    static final long REAL_INCIDENT_ROWS = 3_479 + 515;

    /** Rows of the shipped 311 export. */
    static final long REAL_311_ROWS = 3_000;

    private static final String INCIDENT_HEADER =
            "CrimeDate,CrimeTime,CrimeCode,Location,Description,Inside/Outside,Weapon,Post,District,"
                    + "Neighborhood,Longitude,Latitude,Location 1,Premise,Total Incidents";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter TIME_311 =
            DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
    private static final List<String> DATES_311 =
            List.of("CreatedDate", "StatusDate", "DueDate", "CloseDate");

    /** A shipped incident to draw from. */
    private record Incident(String kind, String address, String lon, String lat) {}

    /** The 311 rows in the shipped proportion to {@code incidentRows}. */
    static long requestRowsFor(long incidentRows) {
        return Math.round((double) incidentRows * REAL_311_ROWS / REAL_INCIDENT_ROWS);
    }

    /** Writes both files under {@code dir}. */
    static HistoryInput write(Path dir, long incidentRows, long seed, List<ZoneLayerSpec> layers)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ZoneCatalog catalog = ZoneCatalog.load(layers);
        Map<String, Long> byLayer = new TreeMap<>();
        layers.forEach(l -> byLayer.put(l.id(), 0L));
        Path incidents = dir.resolve("incidents-history.csv");
        writeIncidents(incidents, incidentRows, random.split(), catalog, byLayer);
        long requestRows = requestRowsFor(incidentRows);
        Path requests = dir.resolve("311-history.csv");
        write311(requests, requestRows, random.split());
        return new HistoryInput(incidents, requests, incidentRows, requestRows, byLayer);
    }

    private static void writeIncidents(
            Path file,
            long rows,
            SplittableRandom random,
            ZoneCatalog catalog,
            Map<String, Long> byLayer)
            throws IOException {
        List<Incident> pool = new ArrayList<>();
        List<String> times = new ArrayList<>();
        read(
                BaltimoreData.SHOOTINGS_2012_2017,
                r ->
                        pool.add(
                                new Incident(
                                        r.get("case_type").orElse("").contains("HOMICIDE")
                                                ? "HOMICIDE"
                                                : "SHOOTING",
                                        r.get("block_address").orElse(""),
                                        r.get("longitude").orElse(""),
                                        r.get("latitude").orElse(""))));
        read(
                BaltimoreData.PART1_2018,
                r -> {
                    pool.add(
                            new Incident(
                                    r.get("Description").orElse(""),
                                    r.get("Location").orElse(""),
                                    r.get("Longitude").orElse(""),
                                    r.get("Latitude").orElse("")));
                    r.get("CrimeTime").ifPresent(times::add);
                });
        int days = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay() + 1);
        int[] dayOf = new int[Math.toIntExact(rows)];
        for (int i = 0; i < dayOf.length; i++) {
            dayOf[i] = random.nextInt(days);
        }
        Arrays.sort(dayOf);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(INCIDENT_HEADER);
            w.newLine();
            for (int day : dayOf) {
                Incident in = pool.get(random.nextInt(pool.size()));
                String time = times.get(random.nextInt(times.size()));
                boolean homicide = in.kind().contains("HOMICIDE");
                w.write(
                        csv(
                                FIRST_DAY.plusDays(day).format(DAY),
                                time,
                                homicide ? "1F" : "9S",
                                in.address(),
                                homicide ? "HOMICIDE" : "SHOOTING",
                                "",
                                "FIREARM",
                                "",
                                "",
                                "",
                                in.lon(),
                                in.lat(),
                                "",
                                "",
                                "1"));
                w.newLine();
                if (!in.lon().isEmpty() && !in.lat().isEmpty()) {
                    catalog.tag(Double.parseDouble(in.lon()), Double.parseDouble(in.lat()))
                            .keySet()
                            .forEach(layer -> byLayer.merge(layer, 1L, Long::sum));
                }
            }
        }
    }

    private static void write311(Path file, long rows, SplittableRandom random) throws IOException {
        List<String> header = new ArrayList<>();
        List<CsvTable.Row> pool = new ArrayList<>();
        read(
                BaltimoreData.SERVICE_311_2019,
                r -> {
                    if (header.isEmpty()) {
                        String[] names = new String[r.header().size()];
                        r.header().forEach((name, i) -> names[i] = name);
                        header.addAll(Arrays.asList(names));
                    }
                    if (r.get("CreatedDate").isPresent()) {
                        pool.add(r);
                    }
                });
        int days = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay() + 1);
        int[] dayOf = new int[Math.toIntExact(rows)];
        for (int i = 0; i < dayOf.length; i++) {
            dayOf[i] = random.nextInt(days);
        }
        Arrays.sort(dayOf);
        int requestNumber = header.indexOf("ServiceRequestNum");
        int recordId = header.indexOf("SRRecordID");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(csv(header.toArray(String[]::new)));
            w.newLine();
            for (int n = 0; n < dayOf.length; n++) {
                CsvTable.Row row = pool.get(random.nextInt(pool.size()));
                LocalDate created =
                        LocalDateTime.parse(row.get("CreatedDate").orElseThrow(), TIME_311)
                                .toLocalDate();
                long shift = FIRST_DAY.plusDays(dayOf[n]).toEpochDay() - created.toEpochDay();
                String[] values = row.values().toArray(String[]::new);
                for (String column : DATES_311) {
                    int i = header.indexOf(column);
                    if (row.get(column).isPresent()) {
                        values[i] =
                                LocalDateTime.parse(values[i].trim(), TIME_311)
                                        .plusDays(shift)
                                        .format(TIME_311);
                    }
                }
                values[0] = String.valueOf(n + 1);
                values[requestNumber] = String.format(Locale.ROOT, "H-%09d", n + 1);
                values[recordId] = String.format(Locale.ROOT, "HR%016d", n + 1);
                w.write(csv(values));
                w.newLine();
            }
        }
    }

    private static void read(String shipped, java.util.function.Consumer<CsvTable.Row> rows) {
        try (InputStream in = BaltimoreData.open(shipped)) {
            CsvTable.forEachRow(in, shipped, rows);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One CSV line, every field quoted where it needs it. */
    static String csv(String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String f = fields[i] == null ? "" : fields[i];
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        return b.toString();
    }
}
