package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.city.CityProfile;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.Role;
import org.zonestat.geo.BruteForceZoneLocator;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLocator;
import org.zonestat.kafka.TopicContents;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.backfill.BackfillCommand;
import org.zonestat.sim.backfill.KafkaRecordPublisher;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.csv.CsvTable;
import org.zonestat.topics.HistoryMessage;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.RunMessage;
import org.zonestat.topics.TopicCodec;

/**
 * History loaded into a running system, in either order: the one-process demo's wiring (broker,
 * unbounded live job, history service, console) with nothing published by the demo itself. Live
 * records of 2018 flow first (Part 1 homicides and shootings, January to July), so the live job's
 * event time stands at the end of July 2018; then two loads are backfilled with {@code ./zonestat
 * backfill}'s command: the real shooting cases of 2012-2017, and a second source for the same years
 * (seeded: a resample of those cases moved by up to three days and 200 m, recorded as another
 * source). No record is rejected as late, every record ends in {@code events} or {@code rejected},
 * and the console's scorecard gives, per zone of every layer, exactly the homicides and shootings
 * counted in the test from the files by brute-force point in polygon; the same numbers with the
 * loads in reverse order; and a replayed week of 2015 holds exactly that week's events. Then a
 * second city joins the same running system: New York City's precincts are uploaded as a layer and
 * its 2019 shootings backfilled with their shipped mapping; per precinct the scorecard equals brute
 * force, the scorecard names the layer version it shows, and Baltimore's numbers do not move.
 */
class HistoryInAnyOrderITCase {
    private static final long SEED = 20_151_301L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BALTIMORE = ZoneId.of("America/New_York");
    private static final LocalDate FIRST = LocalDate.of(2012, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2018, 7, 31);
    private static final LocalDate WEEK_START = LocalDate.of(2015, 6, 1); // 2015-W23
    private static final String SECOND_SOURCE = "test-resampled-cases";

    @TempDir static Path dir;

    private static CityProfile city;
    private static Path trace;
    private static Path second;
    private static Path part1;
    private static Map<String, Map<String, long[]>> expected;
    private static Set<String> expectedWeek;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void filesAndTheirCounts() throws Exception {
        city = CityProfiles.shipped("baltimore");
        trace = copy(BaltimoreData.SHOOTINGS_2012_2017);
        part1 = copy(BaltimoreData.PART1_2018);
        second = dir.resolve("resampled_cases_2012_2017.csv");
        writeSecondSource(trace, second, SEED);

        ZoneCatalog catalog = ZoneCatalog.load(city.layers());
        List<ZoneLocator> bruteForce = new ArrayList<>();
        catalog.layers().forEach(l -> bruteForce.add(new BruteForceZoneLocator(l)));
        List<Row> rows = new ArrayList<>();
        rows.addAll(traceRows(trace, "trace"));
        rows.addAll(traceRows(second, SECOND_SOURCE));
        rows.addAll(part1Rows(part1));
        expected = new TreeMap<>();
        expectedWeek = new HashSet<>();
        Instant weekFrom = WEEK_START.atStartOfDay(BALTIMORE).toInstant();
        Instant weekTo = WEEK_START.plusDays(7).atStartOfDay(BALTIMORE).toInstant();
        for (Row r : rows) {
            boolean inSomeZone = false;
            for (ZoneLocator locator : bruteForce) {
                int zone = locator.locate(r.lon, r.lat);
                if (zone < 0) {
                    continue;
                }
                inSomeZone = true;
                String name = locator.layer().zones().get(zone).name();
                long[] counts =
                        expected.computeIfAbsent(locator.layer().id(), l -> new TreeMap<>())
                                .computeIfAbsent(name, z -> new long[2]);
                counts[r.homicide ? 0 : 1]++;
            }
            if (inSomeZone && !r.at.isBefore(weekFrom) && r.at.isBefore(weekTo)) {
                expectedWeek.add(r.source + "/" + r.id);
            }
        }
        expected.replaceAll((layer, zones) -> new LongArrays(zones));
        System.out.printf(
                "seed %d: %d rows; %d in the replayed week; expected per VRI zone %s%n",
                SEED, rows.size(), expectedWeek.size(), expected.get("vri-zones"));
    }

    @Test
    void backfillsAfterLiveDataAddUpToTheFilesCountsWithNoLateRejection() throws Exception {
        runAndCheck(dir.resolve("forward"), List.of(trace, second), true);
    }

    @Test
    void theSameLoadsInReverseOrderGiveTheSameNumbers() throws Exception {
        runAndCheck(dir.resolve("reverse"), List.of(second, trace), false);
    }

    private void runAndCheck(Path dataDir, List<Path> loads, boolean replay) throws Exception {
        DemoOptions options =
                new DemoOptions(
                        dataDir,
                        0,
                        0,
                        0,
                        DemoOptions.DemoFeed.NONE,
                        2,
                        0,
                        city,
                        1,
                        Clock.fixed(Instant.parse("2019-10-22T12:00:00Z"), ZoneOffset.UTC));
        try (ZoneStatDemo demo = new ZoneStatDemo(options).start()) {
            String base = "http://127.0.0.1:" + demo.consolePort();
            String token = demo.tokens().tokenFor(Role.ADMIN).orElseThrow();
            long published = publishLive2018(demo.bootstrapServers());

            // The live job has closed July 2018: its days are on the scorecard.
            Map<String, long[]> live2018 = part1Expected("vri-zones");
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> counts(base, token, "vri-zones", 2018, 2018).equals(live2018));

            long t0 = System.nanoTime();
            for (Path load : loads) {
                published += backfill(demo.bootstrapServers(), load);
            }
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> doneRuns(demo.bootstrapServers()).size() == loads.size());
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (RunMessage run : doneRuns(demo.bootstrapServers())) {
                RunMessage.Reconciliation r = run.reconciliation();
                System.out.printf(
                        "%s: %d records, %d events, rejected %s, %d zone-days%n",
                        run.runId(),
                        r.loadedIn(),
                        r.eventsWritten(),
                        r.rejected(),
                        r.zoneDaysWritten());
                assertThat(r.rejected())
                        .as("rejections of %s", run.runId())
                        .doesNotContainKey("late");
                assertThat(r.loadedIn()).isEqualTo(run.recordsTotal());
            }
            System.out.printf(
                    "two loads published and processed in %.1f s (order %s)%n",
                    seconds, loads.stream().map(p -> p.getFileName().toString()).toList());

            for (String layer : expected.keySet()) {
                await().atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(200))
                        .untilAsserted(
                                () ->
                                        assertThat(counts(base, token, layer, 2012, 2018))
                                                .as("homicides/shootings per zone of %s", layer)
                                                .isEqualTo(expected.get(layer)));
            }

            // in = events + rejected, and no record was late.
            awaitInIsEventsPlusRejected(demo.bootstrapServers(), published);
            assertThat(rejected(demo.bootstrapServers())).doesNotContain("late");
            JsonNode pipeline = JSON.readTree(get(base + "/api/pipeline", token).body());
            assertThat(pipeline.path("rejectedByReason").has("late")).isFalse();

            if (replay) {
                uploadAndReprocess(demo.bootstrapServers(), base, token);
                JsonNode week =
                        JSON.readTree(get(base + "/api/replay?week=2015-W23", token).body());
                assertThat(week.get("truncated").asBoolean()).isFalse();
                Set<String> ids = new HashSet<>();
                week.get("events")
                        .forEach(
                                e ->
                                        ids.add(
                                                e.get("source").asText()
                                                        + "/"
                                                        + e.get("recordId").asText()));
                assertThat(ids).as("the events of 2015-W23").isEqualTo(expectedWeek);
                System.out.printf(
                        "replay of 2015-W23: %d events, %d records read in %d ms%n",
                        ids.size(),
                        week.get("recordsRead").asLong(),
                        week.get("readMillis").asLong());
                published += loadSecondCity(demo.bootstrapServers(), base, token);
                awaitInIsEventsPlusRejected(demo.bootstrapServers(), published);
            }
        }
    }

    /** Waits until every record published is an event or a rejection. */
    private static void awaitInIsEventsPlusRejected(String bootstrap, long published) {
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> distinctEventIds(bootstrap) + rejected(bootstrap).size() == published);
    }

    /**
     * A second city after Baltimore's history, in the same running system: New York City's 77
     * precincts are uploaded as a layer through the console, then its 2019 shootings are backfilled
     * as a load with the mapping its profile ships ({@code nyc-shootings}: the victim rows of one
     * incident_key are one incident, of its most severe kind). The load has no {@code late}
     * rejection and {@code in = events + rejected}; per precinct, the scorecard's 2019 homicides
     * and shootings equal brute force over the CSV with the same merge rule, incidents outside
     * every precinct being the load's {@code outside-zones} rejections; every output names the
     * precinct layer's uploaded version; Baltimore's per-zone numbers do not move.
     *
     * @return the records the load published
     */
    private long loadSecondCity(String bootstrap, String base, String token) throws Exception {
        long t0 = System.nanoTime();
        byte[] precincts;
        try (InputStream in = resource(NYC + "nyc_police_precincts.geojson")) {
            precincts = in.readAllBytes();
        }
        int version = upload(base, token, NYC_LAYER, NYC_UPLOAD, precincts);

        Path shootings = dir.resolve("nyc_shootings_2019.csv");
        try (InputStream in = resource(NYC + "nyc_shootings_2019.csv")) {
            Files.copy(in, shootings);
        }
        long published = backfill(bootstrap, shootings, "nyc-shootings", null);

        NycExpected nyc = nycExpected(precincts);
        assertThat(published).as("one record per incident_key").isEqualTo(nyc.incidents());
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> nycRun(bootstrap).isPresent());
        RunMessage run = nycRun(bootstrap).orElseThrow();
        assertThat(run.isDone()).as("%s: %s", run.runId(), run.detail()).isTrue();
        RunMessage.Reconciliation r = run.reconciliation();
        assertThat(r.rejected()).as("rejections of %s", run.runId()).doesNotContainKey("late");
        assertThat(r.loadedIn()).isEqualTo(run.recordsTotal()).isEqualTo(published);
        assertThat(r.eventsWritten() + r.rejectedTotal())
                .as("in = events + rejected")
                .isEqualTo(r.loadedIn());
        assertThat(r.rejected())
                .as("the incidents outside every precinct")
                .isEqualTo(nyc.outside() == 0 ? Map.of() : Map.of("outside-zones", nyc.outside()));

        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () ->
                                assertThat(countsIn2019(base, token, NYC_LAYER))
                                        .as("homicides/shootings per NYPD precinct, 2019")
                                        .isEqualTo(nyc.perPrecinct()));
        JsonNode card = nycScorecard(base, token);
        assertThat(card.get("layer").asText()).isEqualTo(NYC_LAYER);
        assertThat(card.get("layerVersion").asInt()).isEqualTo(version);
        assertThat(card.get("olderVersionZoneDays").asInt()).isZero();
        assertThat(zoneStatsVersions(bootstrap, NYC_LAYER))
                .as("the precincts' zone-days name the uploaded version")
                .isNotEmpty()
                .allMatch(v -> v == version);

        // The precincts are edited (uploaded again): until a reprocess, the scorecard says its
        // numbers are of the earlier version; after it, of the new one, with the same counts.
        int edited = upload(base, token, NYC_LAYER, NYC_UPLOAD, precincts);
        assertThat(edited).isGreaterThan(version);
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> nycScorecard(base, token).get("layerVersion").asInt() == edited);
        JsonNode stale = nycScorecard(base, token);
        assertThat(stale.get("versions")).hasSize(1);
        assertThat(stale.get("versions").get(0).get("version").asInt()).isEqualTo(version);
        assertThat(stale.get("olderVersionZoneDays").asLong())
                .isEqualTo(stale.get("versions").get(0).get("zoneDays").asLong())
                .isPositive();
        reprocess(bootstrap, NYC_LAYER);
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> nycScorecard(base, token).get("olderVersionZoneDays").asLong() == 0);
        JsonNode current = nycScorecard(base, token);
        assertThat(current.get("versions")).hasSize(1);
        assertThat(current.get("versions").get(0).get("version").asInt()).isEqualTo(edited);
        assertThat(countsIn2019(base, token, NYC_LAYER))
                .as("the edited precincts' 2019, reprocessed")
                .isEqualTo(nyc.perPrecinct());

        for (String layer : expected.keySet()) {
            assertThat(counts(base, token, layer, 2012, 2018))
                    .as("Baltimore's %s after New York's load", layer)
                    .isEqualTo(expected.get(layer));
            assertThat(countsIn2019(base, token, layer))
                    .as("Baltimore's %s in 2019 (it has no 2019 records)", layer)
                    .isEmpty();
        }
        assertThat(counts(base, token, NEW_LAYER, 2012, 2018)).isEqualTo(newLayerExpected());
        System.out.printf(
                "New York City after Baltimore: %d rows, %d incidents, %d outside every precinct,"
                        + " %s v%d (edited: v%d) in %.1f s: %s%n",
                nyc.rows(),
                nyc.incidents(),
                nyc.outside(),
                NYC_LAYER,
                version,
                edited,
                (System.nanoTime() - t0) / 1e9,
                nyc.perPrecinct());
        return published;
    }

    /** The scorecard of New York's precincts for 2019. */
    private JsonNode nycScorecard(String base, String token) throws Exception {
        HttpResponse<String> r =
                get(
                        base
                                + "/api/scorecard?layer="
                                + NYC_LAYER
                                + "&from=2019-01-01&to=2019-12-31",
                        token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static final String NYC = "zonestat/cities/nyc/";
    private static final String NYC_LAYER = "nyc-precincts";
    private static final String NYC_UPLOAD = "title=NYPD%20precincts&nameProperty=Precinct";

    /** The finished run of New York's load (done or failed), once it is there. */
    private static java.util.Optional<RunMessage> nycRun(String bootstrap) {
        return runs(bootstrap, HistoryInAnyOrderITCase::isFinishedNycRun).stream().findFirst();
    }

    private static boolean isFinishedNycRun(RunMessage run) {
        return run.isFinal()
                && run.loads().stream().anyMatch(l -> l.startsWith("nyc_shootings_2019.csv-"));
    }

    /** New York's CSV counted without the product: rows, incidents, those outside, per precinct. */
    private record NycExpected(
            long rows, long incidents, long outside, Map<String, long[]> perPrecinct) {}

    /**
     * One incident per incident_key (HOMICIDE when any of its rows has murder TRUE, at its first
     * row's point), located by brute force in the precincts as uploaded.
     */
    private static NycExpected nycExpected(byte[] precincts) throws Exception {
        BruteForceZoneLocator locator =
                new BruteForceZoneLocator(
                        new org.zonestat.geo.GeoJsonZoneLayerReader()
                                .read(
                                        NYC_LAYER,
                                        "NYPD precincts",
                                        new java.io.ByteArrayInputStream(precincts),
                                        "Precinct",
                                        "test"));
        Map<String, double[]> incidents = new java.util.LinkedHashMap<>();
        long[] rows = new long[1];
        try (InputStream in = resource(NYC + "nyc_shootings_2019.csv")) {
            CsvTable.forEachRow(
                    in,
                    "nyc_shootings_2019.csv",
                    row -> {
                        rows[0]++;
                        double homicide =
                                row.get("murder").orElseThrow().equalsIgnoreCase("TRUE") ? 1 : 0;
                        incidents.merge(
                                row.get("incident_key").orElseThrow(),
                                new double[] {
                                    Double.parseDouble(row.get("longitude").orElseThrow()),
                                    Double.parseDouble(row.get("latitude").orElseThrow()),
                                    homicide
                                },
                                (first, next) ->
                                        new double[] {
                                            first[0], first[1], Math.max(first[2], next[2])
                                        });
                    });
        }
        Map<String, long[]> sums = new TreeMap<>();
        long outside = 0;
        for (double[] i : incidents.values()) {
            int zone = locator.locate(i[0], i[1]);
            if (zone < 0) {
                outside++;
                continue;
            }
            sums.computeIfAbsent(locator.layer().zones().get(zone).name(), z -> new long[2])[
                    i[2] > 0 ? 0 : 1]++;
        }
        return new NycExpected(rows[0], incidents.size(), outside, new LongArrays(sums));
    }

    private static InputStream resource(String name) {
        InputStream in = HistoryInAnyOrderITCase.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("class-path resource %s", name).isNotNull();
        return in;
    }

    /**
     * A planner draws a new layer of three focus areas after all that history is stored; {@code
     * zonestat reprocess --layer} counts its past: every year's homicides and shootings in it equal
     * brute force over the files with the new polygons, and its days name the uploaded version.
     */
    private void uploadAndReprocess(String bootstrap, String base, String token) throws Exception {
        int version =
                upload(
                        base,
                        token,
                        NEW_LAYER,
                        "title=Focus",
                        NEW_LAYER_GEOJSON.getBytes(StandardCharsets.UTF_8));
        reprocess(bootstrap, NEW_LAYER);

        Map<String, long[]> expectedNew = newLayerExpected();
        assertThat(expectedNew).as("the new layer has history to count").isNotEmpty();
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () ->
                                assertThat(counts(base, token, NEW_LAYER, 2012, 2018))
                                        .as("homicides/shootings per zone of the new layer")
                                        .isEqualTo(expectedNew));
        Map<String, long[]> lastYear = newLayerExpected(2017);
        assertThat(counts(base, token, NEW_LAYER, 2017, 2017))
                .as("the new layer's 2017")
                .isEqualTo(lastYear);
        assertThat(zoneStatsVersions(bootstrap, NEW_LAYER))
                .isNotEmpty()
                .allMatch(v -> v == version);
        System.out.printf(
                "new layer %s v%d: %s; 2017 %s%n", NEW_LAYER, version, expectedNew, lastYear);
    }

    /** The layer version each {@code zone-stats} record of the layer names. */
    private static List<Integer> zoneStatsVersions(String bootstrap, String layer) {
        List<Integer> versions = new ArrayList<>();
        read(
                bootstrap,
                "zone-stats",
                v -> {
                    if (v.contains("\"layer\":\"" + layer + "\"")) {
                        versions.add(
                                Integer.parseInt(
                                        v.replaceAll(".*\"layerVersion\":([0-9]+).*", "$1")));
                    }
                });
        return versions;
    }

    /** {@code POST /api/zones/{layer}} as an admin; returns the version the layer got. */
    private int upload(String base, String token, String layer, String query, byte[] geoJson)
            throws Exception {
        HttpResponse<String> upload =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(base + "/api/zones/" + layer + "?" + query))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/geo+json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(geoJson))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        return JSON.readTree(upload.body()).get("version").asInt();
    }

    /** {@code zonestat reprocess --layer}, waiting for its run. */
    private static void reprocess(String bootstrap, String layer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                org.zonestat.config.Cli.execute(
                        new org.zonestat.jobs.history.ReprocessCommand(
                                new PrintStream(out, true, StandardCharsets.UTF_8)),
                        "--layer",
                        layer,
                        "--bootstrap",
                        bootstrap,
                        "--wait-seconds",
                        "180");
        System.out.print(out.toString(StandardCharsets.UTF_8));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static final String NEW_LAYER = "focus-test";

    /** Three boxes over the west, east and south of the city. */
    private static final String NEW_LAYER_GEOJSON =
            "{\"type\":\"FeatureCollection\",\"features\":["
                    + box("West", -76.665, 39.280, -76.625, 39.310)
                    + ","
                    + box("East", -76.600, 39.290, -76.560, 39.320)
                    + ","
                    + box("South", -76.640, 39.220, -76.600, 39.260)
                    + "]}";

    private static String box(String name, double w, double s, double e, double n) {
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\"},\"geometry\":"
                        + "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],"
                        + "[%f,%f],[%f,%f]]]}}",
                name,
                w,
                s,
                e,
                s,
                e,
                n,
                w,
                n,
                w,
                s);
    }

    /** Every file's homicides and shootings per zone of the new layer, 2012-2018. */
    private static Map<String, long[]> newLayerExpected() throws Exception {
        return newLayerExpected(0);
    }

    /**
     * The same for one year (0: every year). A point the system refused as outside every zone when
     * it arrived is not an event, so no reprocess counts it: points of the new layer count when
     * they lie in a zone of the city's layers too.
     */
    private static Map<String, long[]> newLayerExpected(int year) throws Exception {
        ZoneCatalog cityLayers = ZoneCatalog.load(city.layers());
        List<BruteForceZoneLocator> known =
                cityLayers.layers().stream().map(BruteForceZoneLocator::new).toList();
        BruteForceZoneLocator locator =
                new BruteForceZoneLocator(
                        new org.zonestat.geo.GeoJsonZoneLayerReader()
                                .read(
                                        NEW_LAYER,
                                        "Focus",
                                        new java.io.ByteArrayInputStream(
                                                NEW_LAYER_GEOJSON.getBytes(StandardCharsets.UTF_8)),
                                        "name",
                                        "test"));
        List<Row> rows = new ArrayList<>();
        rows.addAll(traceRows(trace, "trace"));
        rows.addAll(traceRows(second, SECOND_SOURCE));
        rows.addAll(part1Rows(part1));
        Map<String, long[]> sums = new TreeMap<>();
        for (Row r : rows) {
            if (year != 0 && r.at.atZone(BALTIMORE).getYear() != year) {
                continue;
            }
            int zone = locator.locate(r.lon, r.lat);
            if (zone >= 0 && known.stream().anyMatch(k -> k.locate(r.lon, r.lat) >= 0)) {
                sums.computeIfAbsent(locator.layer().zones().get(zone).name(), z -> new long[2])[
                        r.homicide ? 0 : 1]++;
            }
        }
        return new LongArrays(sums);
    }

    /** Part 1 of 2018 as live records, in time order, then one record that closes July. */
    private static long publishLive2018(String bootstrap) {
        List<RawEvent> live = new ArrayList<>(BaltimoreData.part1Of2018().events());
        live.sort(Comparator.comparing(RawEvent::occurredAt));
        live.add(
                RawEvent.of(
                        new RawIncident(
                                "closes-july-2018",
                                "test-clock",
                                "OTHER",
                                null,
                                Instant.parse("2018-08-10T12:00:00Z"),
                                39.2904,
                                -76.6122,
                                null,
                                Map.of())));
        try (KafkaRecordPublisher p = new KafkaRecordPublisher(bootstrap)) {
            live.forEach(r -> p.send("incidents.raw", r));
            p.flush();
        }
        return live.size();
    }

    private static long backfill(String bootstrap, Path input) {
        return backfill(
                bootstrap,
                input,
                "baltimore-shootings-trace",
                input.equals(second) ? SECOND_SOURCE : null);
    }

    /** {@code zonestat backfill} of one incidents file; returns the records it published. */
    private static long backfill(String bootstrap, Path input, String mapping, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kind",
                                "incidents",
                                "--input",
                                input.toString(),
                                "--mapping",
                                mapping,
                                "--bootstrap",
                                bootstrap));
        if (source != null) {
            args.addAll(List.of("--source", source));
        }
        int code =
                new BackfillCommand(KafkaRecordPublisher::forLoad, Duration.ofSeconds(5))
                        .run(
                                args.toArray(String[]::new),
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err);
        String summary = out.toString(StandardCharsets.UTF_8);
        System.out.print(summary);
        assertThat(code).as("backfill of %s", input).isZero();
        return summary.lines()
                .filter(l -> l.contains("records published:"))
                .mapToLong(
                        l ->
                                Long.parseLong(
                                        l.replaceAll(".*records published: *([0-9,]+).*", "$1")
                                                .replace(",", "")))
                .sum();
    }

    /** Per zone of the layer: homicides and shootings on the console's scorecard, years given. */
    private Map<String, long[]> counts(String base, String token, String layer, int from, int to)
            throws Exception {
        Map<String, long[]> sums = new TreeMap<>();
        for (int start = from; start <= to; start += 3) {
            LocalDate a = LocalDate.of(start, 1, 1);
            LocalDate b = LocalDate.of(Math.min(start + 2, to), 12, 31);
            if (b.isAfter(LAST)) {
                b = LAST;
            }
            countsIn(base, token, layer, a, b)
                    .forEach(
                            (zone, hs) -> {
                                long[] c = sums.computeIfAbsent(zone, k -> new long[2]);
                                c[0] += hs[0];
                                c[1] += hs[1];
                            });
        }
        return new LongArrays(sums);
    }

    /** {@link #countsIn} for 2019, New York's year. */
    private Map<String, long[]> countsIn2019(String base, String token, String layer)
            throws Exception {
        return countsIn(base, token, layer, LocalDate.of(2019, 1, 1), LocalDate.of(2019, 12, 31));
    }

    /** Per zone with any: homicides and shootings on the console's scorecard from a to b. */
    private Map<String, long[]> countsIn(
            String base, String token, String layer, LocalDate a, LocalDate b) throws Exception {
        HttpResponse<String> r =
                get(
                        base
                                + "/api/scorecard?layer="
                                + layer
                                + "&from="
                                + a
                                + "&to="
                                + b
                                + "&kinds=homicides,shootings",
                        token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, long[]> sums = new TreeMap<>();
        for (JsonNode z : JSON.readTree(r.body()).get("zones")) {
            long h = z.get("counts").path("homicides").asLong();
            long s = z.get("counts").path("shootings").asLong();
            if (h + s != 0) {
                sums.put(z.get("zone").asText(), new long[] {h, s});
            }
        }
        return new LongArrays(sums);
    }

    /** The Part 1 rows' counts per zone of a layer (2018 only). */
    private static Map<String, long[]> part1Expected(String layer) throws Exception {
        ZoneCatalog catalog = ZoneCatalog.load(city.layers());
        BruteForceZoneLocator locator =
                new BruteForceZoneLocator(catalog.layer(layer).orElseThrow());
        Map<String, long[]> sums = new TreeMap<>();
        for (Row r : part1Rows(part1)) {
            int zone = locator.locate(r.lon, r.lat);
            if (zone >= 0) {
                sums.computeIfAbsent(locator.layer().zones().get(zone).name(), z -> new long[2])[
                        r.homicide ? 0 : 1]++;
            }
        }
        return new LongArrays(sums);
    }

    private static List<RunMessage> doneRuns(String bootstrap) {
        return runs(bootstrap, RunMessage::isDone);
    }

    /** The run messages on {@code history} that {@code which} accepts, in order. */
    private static List<RunMessage> runs(
            String bootstrap, java.util.function.Predicate<RunMessage> which) {
        List<RunMessage> runs = new ArrayList<>();
        read(
                bootstrap,
                "history",
                v -> {
                    HistoryMessage m = TopicCodec.decode("history", v, HistoryMessage.class);
                    if (m instanceof RunMessage run && which.test(run)) {
                        runs.add(run);
                    }
                });
        return runs;
    }

    private static long distinctEventIds(String bootstrap) {
        Set<String> ids = new HashSet<>();
        read(bootstrap, "events", v -> ids.add(v.replaceAll(".*\"eventId\":\"([^\"]*)\".*", "$1")));
        return ids.size();
    }

    /** The reasons of every rejection, one entry per record of {@code rejected}. */
    private static List<String> rejected(String bootstrap) {
        List<String> reasons = new ArrayList<>();
        read(
                bootstrap,
                "rejected",
                v -> reasons.add(v.replaceAll(".*\"reason\":\"([^\"]*)\".*", "$1")));
        return reasons;
    }

    private static void read(
            String bootstrap, String topic, java.util.function.Consumer<String> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            AtomicLong n = new AtomicLong();
            TopicContents.readFromBeginning(
                    c,
                    topic,
                    Duration.ofSeconds(60),
                    r -> {
                        n.incrementAndGet();
                        values.accept(r.value());
                    });
        }
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- The files, read without the product's mappings -------------------------------------

    /** A row of a file: its source and id, time, point and whether it is a homicide. */
    private record Row(
            String source, String id, Instant at, double lon, double lat, boolean homicide) {}

    /** The Trace layout: a date (the record is placed at the start of the local day). */
    private static List<Row> traceRows(Path file, String source) throws Exception {
        List<Row> rows = new ArrayList<>();
        String recordSource = source.equals("trace") ? "trace-shootings-2012-2017" : source;
        try (InputStream in = Files.newInputStream(file)) {
            CsvTable.forEachRow(
                    in,
                    file.toString(),
                    row -> {
                        String lat = row.get("latitude").orElse("");
                        String lon = row.get("longitude").orElse("");
                        if (lat.isBlank() || lon.isBlank()) {
                            return;
                        }
                        rows.add(
                                new Row(
                                        recordSource,
                                        row.get("case_number").orElseThrow(),
                                        LocalDate.parse(row.get("date").orElseThrow())
                                                .atStartOfDay(BALTIMORE)
                                                .toInstant(),
                                        Double.parseDouble(lon),
                                        Double.parseDouble(lat),
                                        row.get("case_type").orElseThrow().contains("HOMICIDE")));
                    });
        }
        return rows;
    }

    /** The Part 1 layout: a date and a time of day, local. */
    private static List<Row> part1Rows(Path file) throws Exception {
        List<Row> rows = new ArrayList<>();
        DateTimeFormatter date = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT);
        try (InputStream in = Files.newInputStream(file)) {
            CsvTable.forEachRow(
                    in,
                    file.toString(),
                    row -> {
                        String lat = row.get("Latitude").orElse("");
                        String lon = row.get("Longitude").orElse("");
                        String what = row.get("Description").orElse("");
                        if (lat.isBlank() || lon.isBlank()) {
                            return;
                        }
                        LocalDateTime at =
                                LocalDate.parse(row.get("CrimeDate").orElseThrow(), date)
                                        .atTime(LocalTime.NOON);
                        rows.add(
                                new Row(
                                        "bpd-part1-2018",
                                        "L" + rows.size(),
                                        at.atZone(BALTIMORE).toInstant(),
                                        Double.parseDouble(lon),
                                        Double.parseDouble(lat),
                                        what.contains("HOMICIDE")));
                    });
        }
        return rows;
    }

    /**
     * The second source: about 40% of the Trace cases, each moved by up to three days (within
     * 2012-2017) and up to about 200 m, 30% of them recorded as homicides, with ids of their own.
     */
    private static void writeSecondSource(Path trace, Path out, long seed) throws Exception {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add(
                "case_number,date,case_type,victims,block_address,latitude,longitude,geocode_type");
        try (InputStream in = Files.newInputStream(trace)) {
            CsvTable.forEachRow(
                    in,
                    trace.toString(),
                    row -> {
                        if (random.nextDouble() >= 0.4) {
                            return;
                        }
                        String lat = row.get("latitude").orElse("");
                        String lon = row.get("longitude").orElse("");
                        LocalDate day =
                                LocalDate.parse(row.get("date").orElseThrow())
                                        .plusDays(random.nextInt(4));
                        if (day.getYear() > 2017) {
                            day = LocalDate.of(2017, 12, 31);
                        }
                        String type = random.nextDouble() < 0.3 ? "HOMICIDE" : "NON FATAL SHOOTING";
                        double dLat = (random.nextDouble() - 0.5) * 0.0036;
                        double dLon = (random.nextDouble() - 0.5) * 0.0046;
                        lines.add(
                                String.join(
                                        ",",
                                        "R" + row.get("case_number").orElseThrow(),
                                        day.toString(),
                                        type,
                                        "1",
                                        "\"" + row.get("block_address").orElse("") + "\"",
                                        lat.isBlank()
                                                ? ""
                                                : String.format(
                                                        Locale.ROOT,
                                                        "%.7f",
                                                        Double.parseDouble(lat) + dLat),
                                        lon.isBlank()
                                                ? ""
                                                : String.format(
                                                        Locale.ROOT,
                                                        "%.7f",
                                                        Double.parseDouble(lon) + dLon),
                                        "resampled"));
                    });
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    private static Path copy(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = BaltimoreData.open(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** A map of zone to {homicides, shootings} whose equality compares the arrays' contents. */
    private static final class LongArrays extends TreeMap<String, long[]> {
        LongArrays(Map<String, long[]> m) {
            super(m);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Map<?, ?> other) || other.size() != size()) {
                return false;
            }
            for (Map.Entry<String, long[]> e : entrySet()) {
                if (!(other.get(e.getKey()) instanceof long[] v)
                        || !java.util.Arrays.equals(v, e.getValue())) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return keySet().hashCode();
        }

        @Override
        public String toString() {
            return entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1])
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
