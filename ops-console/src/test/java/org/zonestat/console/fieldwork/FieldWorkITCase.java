package org.zonestat.console.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.BrowserSupport;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.ActivityMessage;
import org.zonestat.topics.ContactSketch;
import org.zonestat.topics.ContactTokens;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.ForecastScoreMessage;
import org.zonestat.topics.PlaceMessage;
import org.zonestat.topics.RawActivity;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.TopicMessage;
import org.zonestat.topics.Topics;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * The field-work endpoints (access per role, the 4xx of bad requests, the exports, the Knox table
 * and the forecast series) and pages in a real headless Chromium, against the real console and an
 * embedded KRaft broker shared by the class. The pages: the priority inspection list with an
 * inspection recorded from it, the huddle card's "log this visit" form and forecast line, and the
 * weekly report's inputs against outcomes. The test writes what the job would write ({@code
 * events}, {@code zone-stats}, {@code hotspots}, {@code activity-log}; the job's side is {@code
 * ActivitiesJobITCase}) and reads what the console writes ({@code activities.raw}). Screenshots
 * under {@code target/screenshots/}. Needs Debian's {@code chromium} and {@code chromium-driver};
 * fails (never skips) without them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FieldWorkITCase {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ZoneId BALTIMORE = ZoneId.of("America/New_York");
    private static final String VRI = "vri-zones";
    private static final String DISPATCHER = "dispatcher-token-0001";
    private static final String ANALYST = "analyst-token-0001";
    private static final String PUBLIC = "public-token-0001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant NOW = Instant.parse("2018-07-07T14:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2018-07-07");
    private static final ContactTokens CONTACTS =
            ContactTokens.withKey(
                    "field-work-browser-test-key-0001".getBytes(StandardCharsets.UTF_8));
    private static final Topics T = Topics.defaults();

    @TempDir static Path tempDir;

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static OpsConsole.Running console;
    private static WebDriver browser;
    private static ZoneCatalog catalog;
    private static double[] western;

    @BeforeAll
    static void startEverything() throws Exception {
        BrowserSupport.requireBrowser();
        broker = KAFKA.broker();
        broker.createTopics(T.newTopics(1, (short) 1));
        catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        org.locationtech.jts.geom.Point p =
                catalog.layer(VRI).orElseThrow().zones().stream()
                        .filter(z -> z.name().equals("Western"))
                        .findFirst()
                        .orElseThrow()
                        .geometry()
                        .getInteriorPoint();
        western = new double[] {p.getX(), p.getY()};
        publishScenario();
        console =
                OpsConsole.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(
                                                DISPATCHER, Role.DISPATCHER,
                                                ANALYST, Role.ANALYST,
                                                PUBLIC, Role.PUBLIC)))
                        .catalog(catalog)
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .huddle(
                                HuddleSettings.defaults()
                                        .withClock(Clock.fixed(NOW, ZoneOffset.UTC)))
                        .fieldWork(
                                FieldWorkSettings.defaults()
                                        .withContactTokens(CONTACTS)
                                        .withClock(Clock.fixed(NOW, ZoneOffset.UTC)))
                        .start();
        await().atMost(WAIT)
                .until(
                        () ->
                                console.scorecards().readers().stream()
                                                .allMatch(TopicProgress::caughtUp)
                                        && console.fieldWork().readers().stream()
                                                .allMatch(TopicProgress::caughtUp));
        browser = BrowserSupport.startChromium(tempDir.resolve("chromium-profile"), 1600, 1100);
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    /** A point {@code north} meters north and {@code east} meters east of Western's inside. */
    private static double[] near(double north, double east) {
        return new double[] {
            western[0] + org.zonestat.geo.Distances.longitudeDegrees(east, western[1]),
            western[1] + org.zonestat.geo.Distances.latitudeDegrees(north)
        };
    }

    /**
     * Three places in Western (p1 with two shootings and a homicide within 100 m in June, p2 with
     * one shooting, p3 with nothing near); a week of zone days for the huddle and the report, with
     * activities this week and the same week last year; forecast scores for the huddle's line and
     * the report's chart.
     */
    private static void publishScenario() throws Exception {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        double[] p1 = near(0, 0);
        double[] p2 = near(500, 0);
        double[] p3 = near(-500, 300);
        for (Object[] p :
                new Object[][] {
                    {"test/p1", "SYNTHETIC CORNER STORE ONE", p1},
                    {"test/p2", "SYNTHETIC TAVERN TWO", p2},
                    {"test/p3", "SYNTHETIC CARRY-OUT THREE", p3}
                }) {
            double[] at = (double[]) p[2];
            add(
                    out,
                    T.places(),
                    (String) p[0],
                    new PlaceMessage(
                            (String) p[0],
                            (String) p[1],
                            "business-license",
                            null,
                            at[0],
                            at[1],
                            PlaceMessage.OPEN,
                            null,
                            null,
                            "test",
                            NOW.minusSeconds(86_400 * 30)));
        }
        int n = 0;
        for (Object[] e :
                new Object[][] {
                    {"SHOOTING", near(30, 0), "2018-06-20T02:00:00Z"},
                    {"SHOOTING", near(-40, 20), "2018-06-28T03:00:00Z"},
                    {"HOMICIDE", near(0, 60), "2018-07-01T01:00:00Z"},
                    {"SHOOTING", near(520, 10), "2018-07-02T05:00:00Z"}
                }) {
            double[] at = (double[]) e[1];
            String id = "incident/test/c" + n++;
            add(
                    out,
                    T.events(),
                    id,
                    new EventMessage(
                            id,
                            "incident",
                            (String) e[0],
                            null,
                            null,
                            id,
                            "test",
                            Instant.parse((String) e[2]),
                            at[0],
                            at[1],
                            null,
                            catalog.tag(at[0], at[1]),
                            Map.of(),
                            null,
                            null));
        }
        for (String zone : List.of("Western", "Central", "Eastern1")) {
            for (LocalDate d = TODAY.minusDays(6); !d.isAfter(TODAY); d = d.plusDays(1)) {
                Map<String, Long> did = new LinkedHashMap<>();
                String sketch = null;
                Long unique = null;
                if (zone.equals("Western") && d.equals(LocalDate.parse("2018-07-03"))) {
                    did.put("OUTREACH_CONTACT", 5L);
                    did.put("SITE_VISIT", 1L);
                    ContactSketch s = ContactSketch.empty();
                    for (String who : List.of("a", "b", "c", "d")) {
                        s.add(CONTACTS.token(who, d));
                    }
                    sketch = s.encode();
                    unique = s.estimate();
                }
                add(
                        out,
                        T.zoneStats(),
                        zone + d,
                        day(
                                zone,
                                d,
                                zone.equals("Western") && d.equals(TODAY) ? 1 : 0,
                                did,
                                unique,
                                sketch));
            }
            // The same ISO week a year earlier (52 weeks before: 2017-07-03 to 07-09).
            LocalDate lastYear = LocalDate.parse("2017-07-04");
            add(
                    out,
                    T.zoneStats(),
                    zone + lastYear,
                    day(
                            zone,
                            lastYear,
                            2,
                            zone.equals("Western") ? Map.of("OUTREACH_CONTACT", 2L) : Map.of(),
                            null,
                            null));
        }
        for (String monday : List.of("2018-06-11", "2018-06-18", "2018-06-25")) {
            Instant at = LocalDate.parse(monday).atStartOfDay(BALTIMORE).toInstant();
            add(out, T.hotspots(), monday, score(at, 5, 11, 3, 2));
        }
        Instant friday = LocalDate.parse("2018-06-29").atStartOfDay(BALTIMORE).toInstant();
        add(out, T.hotspots(), "friday", score(friday, 7, 11, 2, 1));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ProducerRecord<String, byte[]> r : out) {
                producer.send(r);
            }
            producer.flush();
        }
    }

    private static ForecastScoreMessage score(
            Instant at, int flagged, long events, long hits, long base) {
        double share = flagged / 332.0;
        double rate = (double) hits / events;
        double baseRate = (double) base / events;
        return new ForecastScoreMessage(
                7,
                7,
                28,
                at,
                at.plusSeconds(7 * 86_400),
                332,
                flagged,
                events,
                hits,
                rate,
                share,
                rate / share,
                base,
                baseRate,
                baseRate / share);
    }

    private static ZoneStatsMessage day(
            String zone,
            LocalDate d,
            long shootings,
            Map<String, Long> did,
            Long unique,
            String sketch) {
        Instant from = d.atStartOfDay(BALTIMORE).toInstant();
        return new ZoneStatsMessage(
                VRI,
                zone,
                d,
                from,
                d.plusDays(1).atStartOfDay(BALTIMORE).toInstant(),
                0,
                shootings,
                0,
                2,
                1,
                0,
                0L,
                3L,
                1L,
                1,
                null,
                did,
                unique,
                sketch);
    }

    private static void add(
            List<ProducerRecord<String, byte[]>> out, String topic, String key, TopicMessage m) {
        out.add(new ProducerRecord<>(topic, key, TopicCodec.encode(m)));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The console's writes on {@code activities.raw}, read back. */
    private static List<RawActivity> rawActivities() {
        List<RawActivity> all = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(T.activities(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    assertThat(r.value()).as("a raw activity").doesNotContainIgnoringCase("jones");
                    all.add(TopicCodec.decode(T.activities(), r.value(), RawActivity.class));
                }
            }
        }
        return all;
    }

    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void open(String pathAndQuery) {
        browser.get(console.url().toString());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(console.url() + pathAndQuery.substring(1));
    }

    private static void awaitAttribute(String name) {
        waiting()
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute(name)));
    }

    /** A screenshot of the whole page, beyond the window (Chromium's DevTools capture). */
    private static void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long width = (Long) js.executeScript("return document.documentElement.scrollWidth");
        long height = (Long) js.executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> clip =
                Map.of(
                        "x",
                        0,
                        "y",
                        0,
                        "width",
                        width,
                        "height",
                        Math.min(height, 4000),
                        "scale",
                        1);
        Map<String, Object> shot =
                ((org.openqa.selenium.chromium.HasCdp) browser)
                        .executeCdpCommand(
                                "Page.captureScreenshot",
                                Map.of(
                                        "format",
                                        "png",
                                        "captureBeyondViewport",
                                        true,
                                        "clip",
                                        clip));
        Files.write(
                dir.resolve(name), java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static List<String> rankedPlaceIds() {
        return browser.findElements(By.cssSelector("#zs-places-table tbody tr")).stream()
                .map(tr -> tr.getDomAttribute("data-place-id"))
                .toList();
    }

    @Test
    void the_priority_list_ranks_the_places_and_shows_an_inspection_recorded_from_it()
            throws Exception {
        open("/places?token=" + DISPATCHER + "&layer=vri-zones&zone=Western&asOf=2018-07-07");
        awaitAttribute("data-loaded");
        assertThat(rankedPlaceIds()).containsExactly("test/p1", "test/p2", "test/p3");
        WebElement first = browser.findElement(By.cssSelector("#zs-places-table tbody tr"));
        assertThat(first.findElement(By.cssSelector(".zs-why")).getText())
                .startsWith("2 shootings and 1 homicide within 100 m in the last 90 days")
                .contains("no inspection recorded");

        first.findElement(By.cssSelector(".zs-inspect-agency")).sendKeys("Liquor Board");
        first.findElement(By.cssSelector(".zs-inspect-outcome")).sendKeys("violation: hours");
        first.findElement(By.cssSelector(".zs-inspect button")).click();
        waiting().until(d -> !d.findElements(By.cssSelector(".zs-inspect-sent")).isEmpty());

        RawActivity sent =
                await().atMost(WAIT)
                        .until(
                                () ->
                                        rawActivities().stream()
                                                .filter(a -> "test/p1".equals(a.placeId()))
                                                .findFirst(),
                                java.util.Optional::isPresent)
                        .orElseThrow();
        assertThat(sent.kind()).isEqualTo("INSPECTION");
        assertThat(sent.agency()).isEqualTo("Liquor Board");
        assertThat(sent.outcome()).isEqualTo("violation: hours");
        assertThat(sent.occurredAt()).isEqualTo(NOW);

        // The job validates and tags it (ActivitiesJobITCase); here its activity-log record.
        try (KafkaProducer<String, byte[]> p = producer()) {
            String id = "activity/console/" + sent.id();
            p.send(
                            new ProducerRecord<>(
                                    T.activityLog(),
                                    id,
                                    TopicCodec.encode(
                                            new ActivityMessage(
                                                    id,
                                                    sent.kind(),
                                                    sent.agency(),
                                                    sent.id(),
                                                    "console",
                                                    sent.occurredAt(),
                                                    sent.lon(),
                                                    sent.lat(),
                                                    null,
                                                    catalog.tag(sent.lon(), sent.lat()),
                                                    sent.placeId(),
                                                    1,
                                                    sent.outcome(),
                                                    null))))
                    .get();
        }
        await().atMost(WAIT).until(() -> console.fieldWork().activities().size() == 1);
        browser.findElement(By.cssSelector("#zs-places-form button[type=submit]")).click();
        // Inspected today: listed after the places not yet inspected, with what was found.
        waiting()
                .until(
                        d -> {
                            if (!rankedPlaceIds()
                                    .equals(List.of("test/p2", "test/p3", "test/p1"))) {
                                return false;
                            }
                            WebElement p1 =
                                    d.findElement(
                                            By.cssSelector(
                                                    "#zs-places-table tr[data-place-id='test/p1']"));
                            return p1.findElement(By.cssSelector(".zs-last-inspection"))
                                            .getText()
                                            .equals(
                                                    "Inspected 2018-07-07 by Liquor Board: violation:"
                                                            + " hours")
                                    && p1.findElement(By.cssSelector(".zs-why"))
                                            .getText()
                                            .endsWith(
                                                    "last inspected 2018-07-07 by Liquor Board"
                                                            + " (violation: hours)");
                        });
        screenshot("places-priority-list.png");
    }

    @Test
    void the_huddle_card_logs_a_visit_and_shows_last_weeks_forecast_score() throws Exception {
        open("/huddle?token=" + DISPATCHER + "&rotate=3600");
        WebElement tile =
                waiting()
                        .until(
                                d ->
                                        d
                                                .findElements(
                                                        By.cssSelector(
                                                                "#zs-huddle-current .zs-activity-tile"))
                                                .stream()
                                                .findFirst()
                                                .orElse(null));
        String zone =
                browser.findElement(By.cssSelector("#zs-huddle-current .zs-card"))
                        .getDomAttribute("data-zone");
        waiting()
                .until(
                        d ->
                                d.findElement(By.id("zs-forecast-line"))
                                        .getText()
                                        .equals(
                                                "Forecast check: hot cells covered 2.1% of the city"
                                                        + " and 18% of the 11 shootings and homicides"
                                                        + " of the following week: PAI 8.6; the"
                                                        + " simple rule: 4.3."));

        new Select(tile.findElement(By.cssSelector(".zs-activity-kind")))
                .selectByValue("OUTREACH_CONTACT");
        tile.findElement(By.cssSelector(".zs-activity-agency")).sendKeys("Safe Streets");
        tile.findElement(By.cssSelector(".zs-activity-contact"))
                .sendKeys("Ms. Jones, 1600 W North");
        tile.findElement(By.cssSelector(".zs-log-visit")).click();
        waiting()
                .until(
                        d ->
                                d.findElement(By.cssSelector(".zs-activity-status"))
                                        .getText()
                                        .equals("logged: outreach contact by Safe Streets"));

        RawActivity sent =
                await().atMost(WAIT)
                        .until(
                                () ->
                                        rawActivities().stream()
                                                .filter(a -> a.kind().equals("OUTREACH_CONTACT"))
                                                .findFirst(),
                                java.util.Optional::isPresent)
                        .orElseThrow();
        assertThat(sent.agency()).isEqualTo("Safe Streets");
        assertThat(sent.contactToken())
                .as("the contact only as the week's token")
                .isEqualTo(CONTACTS.token("ms. jones, 1600 w north", TODAY));
        assertThat(catalog.tag(sent.lon(), sent.lat())).containsEntry(VRI, zone);
        screenshot("huddle-activity-form.png");
    }

    @Test
    void the_weekly_report_puts_each_zones_inputs_against_its_outcomes() throws Exception {
        open("/report?token=" + DISPATCHER + "&layer=vri-zones&zone=Western&week=2018-W27");
        WebElement row =
                waiting()
                        .until(
                                d ->
                                        d
                                                .findElements(
                                                        By.cssSelector(
                                                                ".zs-inputs tr[data-zone='Western']"))
                                                .stream()
                                                .findFirst()
                                                .orElse(null));
        assertThat(row.getDomAttribute("class")).isEqualTo("zs-this-zone");
        assertThat(row.findElement(By.cssSelector("td[data-kind='SITE_VISIT']")).getText())
                .isEqualTo("1 (0)");
        assertThat(row.findElement(By.cssSelector("td[data-kind='OUTREACH_CONTACT']")).getText())
                .isEqualTo("5 (2)");
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertThat(cells.get(7).getText()).as("people reached").isEqualTo("4 (0)");
        assertThat(cells.get(8).getText()).as("patrol dosage, not recorded").isEqualTo("–");
        assertThat(row.findElement(By.cssSelector(".zs-outcome")).getText())
                .as("homicides + shootings this week (same week last year)")
                .isEqualTo("1 (2)");
        assertThat(browser.findElements(By.cssSelector(".zs-inputs tr[data-zone]"))).hasSize(8);
        assertThat(browser.findElement(By.cssSelector(".zs-forecast-scores")).getText())
                .contains("Mean over 3 weeks");
        assertThat(browser.findElements(By.cssSelector(".zs-pai-chart path.zs-chart-line")))
                .hasSize(2);
        screenshot("report-inputs-outcomes.png");
    }

    private static HttpResponse<String> call(String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(console.url() + path.substring(1)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void each_role_gets_what_it_may_and_bad_requests_get_a_4xx_naming_what_is_wrong()
            throws Exception {
        String list = "/api/places/priority?layer=vri-zones&zone=Western&asOf=2018-07-07";
        assertThat(call("GET", list, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", list, PUBLIC, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", list, DISPATCHER, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/places", DISPATCHER, "{}").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/activities", PUBLIC, "{}").statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/forecast", PUBLIC, null).statusCode()).isEqualTo(403);
        for (String[] bad :
                new String[][] {
                    {
                        "GET",
                        "/api/places/priority?layer=vri-zones",
                        null,
                        "400",
                        "'zone' is required"
                    },
                    {
                        "GET",
                        "/api/places/priority?layer=vri-zones&zone=Atlantis",
                        null,
                        "404",
                        "unknown zone 'Atlantis'"
                    },
                    {"GET", list + "&radius=0", null, "400", "'radius' must be from 1"},
                    {
                        "GET",
                        list + "&format=xml",
                        null,
                        "400",
                        "'format' must be json, csv or geojson"
                    },
                    {"GET", "/api/knox?bands=100,50:7", null, "400", "increasing"},
                    {
                        "POST",
                        "/api/activities",
                        "{\"kind\":\"patrol\",\"agency\":\"BPD\",\"layer\":\"vri-zones\",\"zone\":\"Western\"}",
                        "400",
                        "field 'kind' must be one of"
                    },
                    {
                        "POST",
                        "/api/activities",
                        "{\"kind\":\"SITE_VISIT\",\"agency\":\"CitiStat\"}",
                        "400",
                        "say where"
                    },
                    {
                        "POST",
                        "/api/activities",
                        "{\"kind\":\"SITE_VISIT\",\"agency\":\"CitiStat\",\"lat\":38.0,\"lon\":-76.0}",
                        "400",
                        "lie in no zone"
                    },
                    {
                        "POST",
                        "/api/activities",
                        "{\"kind\":\"CLEANUP\",\"agency\":\"DPW\",\"placeId\":\"test/p1\",\"contact\":\"x\"}",
                        "400",
                        "'contact' is for OUTREACH_CONTACT only"
                    },
                    {
                        "POST",
                        "/api/places/inspections",
                        "{\"placeId\":\"nowhere\",\"agency\":\"A\",\"outcome\":\"B\"}",
                        "404",
                        "no place 'nowhere'"
                    },
                    {
                        "POST",
                        "/api/places/inspections",
                        "{\"placeId\":\"test/p2\",\"agency\":\"A\"}",
                        "400",
                        "field 'outcome' is required"
                    },
                }) {
            HttpResponse<String> r = call(bad[0], bad[1], DISPATCHER, bad[2]);
            assertThat(r.statusCode())
                    .as(bad[1] + " " + bad[2])
                    .isEqualTo(Integer.parseInt(bad[3]));
            assertThat(r.body()).as(bad[1]).startsWith("{\"error\":").contains(bad[4]);
        }
    }

    @Test
    void the_list_exports_as_csv_and_geojson_in_rank_order() throws Exception {
        String list = "/api/places/priority?layer=vri-zones&zone=Western&asOf=2018-06-30&format=";
        HttpResponse<String> csv = call("GET", list + "csv", DISPATCHER, null);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("rank,placeId,name,category,address,lon,lat,score,");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1))
                .startsWith("1,test/p1,SYNTHETIC CORNER STORE ONE,business-license,,");
        // The homicide at 01:00 UTC on 1 July is 21:00 on 30 June in Baltimore: within asOf.
        assertThat(lines.get(1))
                .endsWith(
                        ",false,\"2 shootings and 1 homicide within 100 m in the last 90 days; no inspection"
                                + " recorded\"");
        HttpResponse<String> geo = call("GET", list + "geojson", DISPATCHER, null);
        assertThat(geo.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/geo+json");
        JsonNode fc = new ObjectMapper().readTree(geo.body());
        assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.get("features")).hasSize(3);
        assertThat(fc.get("features").get(0).at("/geometry/type").asText()).isEqualTo("Point");
        assertThat(fc.get("features").get(0).at("/properties/rank").asInt()).isEqualTo(1);
        assertThat(fc.get("features").get(0).at("/properties/zone").asText()).isEqualTo("Western");
    }

    @Test
    void the_forecast_series_and_the_knox_table_come_from_what_the_console_holds()
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode f =
                json.readTree(
                        call("GET", "/api/forecast?date=2018-07-07", DISPATCHER, null).body());
        assertThat(f.get("weekly")).hasSize(52);
        assertThat(f.get("weekly").get(51).get("week").asText())
                .as("the last final week")
                .isEqualTo("2018-W26");
        assertThat(f.get("scoredWeeks").asInt()).isEqualTo(3);
        // Three weeks of 5 cells of 332, 3 hits of 11 (PAI 18.109) and 2 baseline hits (12.073).
        assertThat(f.get("meanPai").asDouble()).isEqualTo(18.11);
        assertThat(f.get("meanBaselinePai").asDouble()).isEqualTo(12.07);
        JsonNode k =
                json.readTree(
                        call(
                                        "GET",
                                        "/api/knox?bands=100,1000:7,30&permutations=19&seed=3",
                                        DISPATCHER,
                                        null)
                                .body());
        assertThat(k.get("incidents").asInt()).as("the shootings and the homicide").isEqualTo(4);
        assertThat(k.get("cells")).hasSize(4);
        assertThat(k.get("permutations").asInt()).isEqualTo(19);
        long pairs = 0;
        for (JsonNode c : k.get("cells")) {
            pairs += c.get("observed").asLong();
        }
        assertThat(pairs)
                .as("pairs within 1 km and 30 days among 4 incidents")
                .isLessThanOrEqualTo(6);
    }
}
