package org.zonestat.console.tipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zonestat.console.AccessLog;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.BrowserSupport;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.console.open311.Open311Settings;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.kafka.TopicContents;

/**
 * The anonymous tip line in a real headless Chromium against a real broker: a tipster sends a tip
 * on {@code /tip} (category, a tap on the map, text) and gets a number and a phrase; on {@code
 * /tip/status} sees it received, adds information, and after an analyst's review sees it reviewed
 * with the analyst's answer. Screenshots go to {@code target/screenshots/} ({@code tip.png}, {@code
 * tip-receipt.png}, {@code tip-status.png}). Then: no identity is stored or logged (the access log
 * and every topic hold no address, user agent or the phrase), no cookie is set, and only analysts
 * and admins see tips.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TipLineBrowserITCase {
    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir static Path tempDir;

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ANALYST = "tips-analyst-0001";
    private static final String DISPATCHER = "tips-dispatcher-0001";
    private static final String PUBLIC = "tips-public-0001";
    private static final List<String> ACCESS_LOG = Collections.synchronizedList(new ArrayList<>());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpsConsole.Running console;
    private static WebDriver browser;
    private static String tipNumber;
    private static String phrase;
    private static String userAgent;

    @BeforeAll
    static void start() throws Exception {
        BrowserSupport.requireBrowser();
        for (String t : List.of("tips.raw", "tip-line", "requests311.raw", "contacts", "events")) {
            KAFKA.broker().createTopic(t, 1, Map.of());
        }
        console =
                OpsConsole.builder()
                        .bootstrapServers(KAFKA.bootstrapServers())
                        .port(0)
                        .analyticsTopics(null, null)
                        .zonesTopic(null)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(
                                                ANALYST, Role.ANALYST,
                                                DISPATCHER, Role.DISPATCHER,
                                                PUBLIC, Role.PUBLIC)))
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .huddle(
                                HuddleSettings.defaults()
                                        .withTopics("zone-stats", "hotspots", "action-items"))
                        .open311(Open311Settings.defaults())
                        .tipLine(TipLineSettings.defaults().withLimits(5, 30, 10, 1_000))
                        .accessLog(new AccessLog(ACCESS_LOG::add))
                        .start();
        browser = BrowserSupport.startChromium(tempDir.resolve("chromium-profile"), 420, 900);
        userAgent =
                (String)
                        ((org.openqa.selenium.JavascriptExecutor) browser)
                                .executeScript("return navigator.userAgent");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    @Order(1)
    void a_tipster_sends_a_tip_and_gets_a_number_and_a_phrase() throws Exception {
        browser.get(console.url().resolve("/tip").toString());
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(
                d ->
                        !d.findElements(By.cssSelector("#zs-tip-map path.leaflet-interactive"))
                                .isEmpty());
        new Select(browser.findElement(By.id("zs-tip-category"))).selectByValue("GUNS");
        WebElement map = browser.findElement(By.id("zs-tip-map"));
        new Actions(browser).moveToElement(map).click().perform();
        wait.until(
                d ->
                        "true"
                                .equals(
                                        d.findElement(By.id("zs-tip-where"))
                                                .getDomAttribute("data-chosen")));
        browser.findElement(By.id("zs-tip-text"))
                .sendKeys("A man keeps a handgun in the blue car behind the corner store.");
        screenshot("tip.png");
        browser.findElement(By.id("zs-tip-send")).click();

        wait.until(d -> d.findElement(By.id("zs-tip-receipt")).isDisplayed());
        tipNumber = browser.findElement(By.id("zs-tip-number")).getText();
        phrase = browser.findElement(By.id("zs-tip-phrase")).getText();
        screenshot("tip-receipt.png");
        assertThat(tipNumber).matches("\\d{4}-\\d{4}");
        assertThat(phrase.split(" ")).hasSize(5);
        await().atMost(WAIT).until(() -> console.tipLine().get(tipNumber).isPresent());
        assertThat(console.tipLine().get(tipNumber).orElseThrow().category()).isEqualTo("GUNS");
    }

    @Test
    @Order(2)
    void
            with_the_number_and_phrase_the_tipster_sees_it_received_adds_information_and_reads_the_answer()
                    throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        openStatus(wait, "not the phrase at all");
        wait.until(d -> d.findElement(By.id("zs-status-error")).isDisplayed());
        assertThat(browser.findElement(By.id("zs-status-error")).getText())
                .isEqualTo("no tip with that number and phrase");

        openStatus(wait, phrase.toUpperCase());
        wait.until(d -> d.findElement(By.id("zs-status-view")).isDisplayed());
        assertThat(browser.findElement(By.id("zs-status-state")).getDomAttribute("data-state"))
                .isEqualTo("received");
        browser.findElement(By.id("zs-followup-text"))
                .sendKeys("The car is parked there every evening after 9.");
        browser.findElement(By.cssSelector("#zs-followup-form button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#zs-status-messages li")).size() == 2);

        HttpResponse<String> review =
                http(
                        "POST",
                        "/api/tips/" + tipNumber + "/review",
                        ANALYST,
                        "{\"reply\":\"Thank you. Can you tell us the car's make?\"}");
        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);

        openStatus(wait, phrase);
        wait.until(d -> d.findElement(By.id("zs-status-view")).isDisplayed());
        assertThat(browser.findElement(By.id("zs-status-state")).getDomAttribute("data-state"))
                .isEqualTo("reviewed");
        List<WebElement> messages = browser.findElements(By.cssSelector("#zs-status-messages li"));
        assertThat(messages)
                .extracting(m -> m.getDomAttribute("data-from"))
                .containsExactly("tipster", "tipster", "analyst");
        assertThat(messages.get(2).getText()).contains("Can you tell us the car's make?");
        screenshot("tip-status.png");
    }

    @Test
    @Order(3)
    void analysts_see_tips_and_follow_ups_and_dispatchers_and_the_public_never_do()
            throws Exception {
        HttpResponse<String> desk = http("GET", "/api/tips", ANALYST, null);
        assertThat(desk.statusCode()).isEqualTo(200);
        JsonNode c = JSON.readTree(desk.body()).get(0);
        assertThat(c.path("tipNumber").asText()).isEqualTo(tipNumber);
        assertThat(c.path("messages")).hasSize(3);
        assertThat(c.has("phraseHash")).isFalse();
        for (String token : new String[] {DISPATCHER, PUBLIC}) {
            assertThat(http("GET", "/api/tips", token, null).statusCode()).isEqualTo(403);
            assertThat(http("POST", "/api/tips/" + tipNumber + "/review", token, "{}").statusCode())
                    .isEqualTo(403);
        }
        assertThat(http("GET", "/api/tips", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void no_identity_is_stored_or_logged_for_the_tip_line() throws Exception {
        HttpResponse<String> posted =
                http(
                        "POST",
                        "/api/tips",
                        null,
                        "{\"category\":\"DRUGS\",\"place\":\"Sandtown-Winchester\",\"text\":\"Sales at the corner every night\"}",
                        "X-Forwarded-For",
                        "198.51.100.23",
                        "User-Agent",
                        "TipsterPhone/1.0 (unique-device-4471)",
                        "Cookie",
                        "session=tipster-cookie-9911");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        assertThat(posted.headers().map().keySet())
                .noneMatch(h -> h.equalsIgnoreCase("set-cookie"));
        assertThat(posted.headers().firstValue("Cache-Control")).hasValue("no-store");

        List<String> identity =
                List.of(
                        "127.0.0.1",
                        "198.51.100.23",
                        userAgent,
                        "HeadlessChrome",
                        "TipsterPhone",
                        "unique-device-4471",
                        "tipster-cookie-9911",
                        phrase);
        assertThat(ACCESS_LOG).anyMatch(l -> l.startsWith("POST /api/tips 201"));
        assertThat(ACCESS_LOG).anyMatch(l -> l.startsWith("POST /api/tips/status "));
        for (String line : ACCESS_LOG) {
            for (String id : identity) {
                assertThat(line).as("access log line").doesNotContain(id);
            }
            assertThat(line).doesNotContain(tipNumber);
        }

        Set<String> topics;
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers()))) {
            topics = admin.listTopics().names().get();
        }
        assertThat(topics).contains("tips.raw", "tip-line");
        StringBuilder everything = new StringBuilder();
        for (String topic : topics) {
            try (KafkaConsumer<String, String> c =
                    new KafkaConsumer<>(
                            Map.of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    KAFKA.bootstrapServers(),
                                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                    "read_uncommitted"),
                            new StringDeserializer(),
                            new StringDeserializer())) {
                TopicContents.readFromBeginning(
                        c,
                        topic,
                        WAIT,
                        r -> everything.append(r.key()).append(' ').append(r.value()).append('\n'));
            }
        }
        String all = everything.toString();
        assertThat(all).contains("A man keeps a handgun", "Sales at the corner every night");
        for (String id : identity) {
            assertThat(all).as("every topic").doesNotContain(id);
        }
        assertThat(all.toLowerCase()).doesNotContain("user-agent", "\"ip\"", "cookie");
    }

    private void openStatus(WebDriverWait wait, String typedPhrase) {
        browser.get(console.url().resolve("/tip/status").toString());
        wait.until(d -> d.findElement(By.id("zs-status-number")).isDisplayed());
        browser.findElement(By.id("zs-status-number")).sendKeys(tipNumber);
        browser.findElement(By.id("zs-status-phrase")).sendKeys(typedPhrase);
        browser.findElement(By.cssSelector("#zs-status-form button")).click();
    }

    private static HttpResponse<String> http(
            String method, String path, String token, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(console.url().resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(
                dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
