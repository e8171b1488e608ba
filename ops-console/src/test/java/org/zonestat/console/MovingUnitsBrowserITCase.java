package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.field.UnitTokens;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.AlertMessage;
import org.zonestat.topics.FixMessage;
import org.zonestat.topics.NearbyUnit;
import org.zonestat.topics.OutputMessage;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.TransitionMessage;

/**
 * Units in headless Chromium: a dispatcher's live map draws units where their fixes put them, moves
 * them as new fixes arrive and lists their transitions, and never draws a monitored device; a
 * handheld at phone size (375 × 812) shows its unit, its zone, the dosage timer of the box it is in
 * and an alert pushed to it. Screenshots: {@code target/screenshots/live-units.png}, {@code
 * field.png}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MovingUnitsBrowserITCase {
    private static final String DISPATCHER = "dispatcher-token-for-browser";
    private static final String CAR_1 = "handheld-token-of-car-1";
    private static final String TRANSITIONS = "transitions-browser";
    private static final String ALERTS = "alerts-browser";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final double[] EASTERN1 = {-76.5982, 39.3135};
    private static final double[] ELSEWHERE = {-76.6346, 39.2991};

    @TempDir static Path tempDir;

    private static final ZoneCatalog BALTIMORE =
            ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static OpsConsole.Running console;
    private static KafkaProducer<byte[], byte[]> producer;
    private static WebDriver browser;
    private static Instant clock = Instant.now().minusSeconds(600);

    @BeforeAll
    static void startEverything() {
        BrowserSupport.requireBrowser();
        for (String t : List.of("events-browser", ALERTS, TRANSITIONS, "audit-browser")) {
            KAFKA.broker().createTopic(t, 1, Map.of());
        }
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
        console =
                OpsConsole.builder()
                        .bootstrapServers(KAFKA.bootstrapServers())
                        .eventsTopic("events-browser")
                        .analyticsTopics(ALERTS, null)
                        .positionTopics(TRANSITIONS, "audit-browser")
                        .port(0)
                        .tokens(AccessTokens.of(Map.of(DISPATCHER, Role.DISPATCHER)))
                        .unitTokens(UnitTokens.of(Map.of(CAR_1, "car-1")))
                        .catalog(BALTIMORE)
                        .build()
                        .start();
        browser = BrowserSupport.startChromium(tempDir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void units_move_on_the_dispatchers_live_map_and_their_transitions_are_listed()
            throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 900));
        open("/?token=" + DISPATCHER);
        waiting()
                .until(
                        d ->
                                "live"
                                        .equals(
                                                d.findElement(By.id("zs-status"))
                                                        .getDomAttribute("data-state")));

        send(fix("car-1", "unit", "available", EASTERN1));
        send(fix("car-2", "unit", "busy", ELSEWHERE));
        send(fix("m-1", "monitored", null, EASTERN1));
        waiting().until(d -> count("path.zs-unit") == 2);
        assertThat(count("path.zs-unit-available")).isEqualTo(1);
        assertThat(count("path.zs-unit-busy")).isEqualTo(1);
        assertThat(count("path.zs-unit-monitored")).as("never on a dispatcher's map").isZero();

        // car-1 drives east, about 860 m a fix: its marker follows each fix.
        List<Number> before = box("path.zs-unit-id-car-1");
        for (int step = 1; step <= 3; step++) {
            send(
                    fix(
                            "car-1",
                            "unit",
                            "available",
                            new double[] {EASTERN1[0] + 0.01 * step, EASTERN1[1]}));
            int s = step;
            waiting()
                    .until(
                            d ->
                                    box("path.zs-unit-id-car-1").get(0).doubleValue()
                                            > before.get(0).doubleValue() + 20 * s);
        }
        send(enter("car-1", "Eastern1"));
        waiting().until(d -> count("#zs-transitions-list li") == 1);
        assertThat(browser.findElement(By.cssSelector("#zs-transitions-list li")).getText())
                .contains("car-1 entered Eastern1");
        assertThat(browser.findElement(By.id("zs-count-units")).getText()).isEqualTo("2");
        screenshot("live-units.png");
    }

    @Test
    void a_handheld_at_phone_size_shows_its_zone_its_timer_and_an_alert_pushed_to_it()
            throws Exception {
        send(fix("car-1", "unit", "available", EASTERN1));
        send(enter("car-1", "Eastern1"));
        browser.manage().window().setSize(new Dimension(375, 812));
        open("/field?token=" + CAR_1);
        waiting()
                .until(
                        d ->
                                "live"
                                        .equals(
                                                d.findElement(By.id("zs-field-status"))
                                                        .getDomAttribute("data-state")));
        assertThat(browser.findElement(By.id("zs-field-unit")).getText()).isEqualTo("car-1");
        waiting().until(d -> count("path.zs-field-zone") == 1);
        waiting()
                .until(
                        d ->
                                d.findElement(By.id("zs-field-box"))
                                        .getText()
                                        .startsWith("In Eastern1 since"));
        assertThat(browser.findElement(By.id("zs-field-assignment")).getText())
                .contains("Eastern1");
        assertThat(count("li.zs-field-alert")).isZero();

        send(violence("s1", new double[] {EASTERN1[0] + 0.002, EASTERN1[1]}));
        send(violence("far", ELSEWHERE));
        waiting().until(d -> count("li.zs-field-alert") == 1);
        String alert = browser.findElement(By.cssSelector("li.zs-field-alert")).getText();
        assertThat(alert).contains("Shooting").contains("In Eastern1").contains("m away");
        // Readable in sunlight: large type, white on black.
        assertThat(px("li.zs-field-alert strong", "font-size")).isGreaterThanOrEqualTo(22);
        assertThat(px("#zs-field-timer", "font-size")).isGreaterThanOrEqualTo(48);
        assertThat(style("body", "background-color")).isEqualTo("rgb(0, 0, 0)");
        Number width = (Number) js("return document.documentElement.scrollWidth");
        assertThat(width.intValue())
                .as("no sideways scrolling on a phone")
                .isLessThanOrEqualTo(375);
        screenshot("field.png");
    }

    private static FixMessage fix(String id, String kind, String status, double[] at) {
        clock = clock.plusSeconds(10);
        boolean unit = kind.equals("unit");
        return new FixMessage(
                id,
                kind,
                unit ? "patrol" : null,
                status,
                clock,
                at[0],
                at[1],
                null,
                null,
                unit ? List.of("vri-zones:Eastern1") : List.of(),
                BALTIMORE.tag(at[0], at[1]),
                null);
    }

    private static TransitionMessage enter(String id, String zone) {
        return new TransitionMessage(
                id + "/" + clock.toEpochMilli() + "/vri-zones/" + zone + "/ENTER",
                id,
                "unit",
                "patrol",
                "ENTER",
                "vri-zones",
                zone,
                clock,
                EASTERN1[0],
                EASTERN1[1],
                null,
                null,
                null);
    }

    private static AlertMessage violence(String id, double[] at) {
        return new AlertMessage(
                "violence/incident/b/" + id,
                AlertMessage.VIOLENCE,
                clock,
                "incident/b/" + id,
                null,
                "SHOOTING",
                at[0],
                at[1],
                BALTIMORE.tag(at[0], at[1]),
                null,
                null,
                false,
                List.of(new NearbyUnit("car-1", "patrol", 170, 0.2)),
                null,
                null);
    }

    private static void send(OutputMessage m) throws Exception {
        String topic = m instanceof AlertMessage ? ALERTS : TRANSITIONS;
        producer.send(
                        new ProducerRecord<>(
                                topic,
                                m.key().getBytes(StandardCharsets.UTF_8),
                                TopicCodec.encode(m)))
                .get();
    }

    private static void open(String pathAndQuery) {
        browser.get(console.url().toString());
        js("sessionStorage.clear()");
        browser.get(console.url() + pathAndQuery.substring(1));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    @SuppressWarnings("unchecked")
    private static List<Number> box(String css) {
        return (List<Number>)
                js(
                        "const b = document.querySelector(arguments[0]).getBoundingClientRect();"
                                + "return [b.left, b.top, b.right, b.bottom];",
                        css);
    }

    private static String style(String css, String property) {
        return (String)
                js(
                        "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]]",
                        css,
                        property);
    }

    private static double px(String css, String property) {
        return Double.parseDouble(style(css, property).replace("px", ""));
    }

    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.JavascriptException.class);
        return wait;
    }

    private static void screenshot(String name) throws Exception {
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(
                screenshots.resolve(name),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
