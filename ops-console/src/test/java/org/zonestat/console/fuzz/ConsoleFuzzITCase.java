package org.zonestat.console.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaExtension;

/**
 * Hostile HTTP requests and WebSocket messages ({@link HostileRequests}, seeded) against a running
 * console on a real broker: no answer is a 5xx, no answer carries a stack trace, no socket is
 * closed as a server error (1011), and the console still answers and serves a live client
 * afterwards.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleFuzzITCase {
    private static final long SEED = Long.getLong("zonestat.fuzz.seed", 20_261_204L);
    private static final int HTTP_REQUESTS = 27 * 200;
    private static final int SOCKET_MESSAGES = HostileRequests.FrameCase.values().length * 40;
    private static final Pattern STACK_TRACE =
            Pattern.compile(
                    "(\\tat |\\bat (org|java|javax|jakarta|io|jdk|kotlin)\\.[\\w.$]+\\(|Caused by:|\\.java:\\d+\\))");

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static OpsConsole.Running console;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        ZoneCatalog catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        KAFKA.broker().createTopic("events", 1, Map.of());
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.send(
                    new ProducerRecord<>(
                            "events",
                            "incident/fuzz/1",
                            "{\"eventId\":\"incident/fuzz/1\",\"stream\":\"incident\",\"kind\":\"SHOOTING\","
                                    + "\"occurredAt\":\"2018-07-07T12:00:00Z\",\"lon\":-76.62,\"lat\":39.30,"
                                    + "\"zones\":{},\"address\":\"1600 W NORTH AVE\"}"));
        }
        console =
                OpsConsole.builder()
                        .bootstrapServers(KAFKA.bootstrapServers())
                        .port(0)
                        .tokens(
                                AccessTokens.of(
                                        Map.of(
                                                "public-token-fuzz", Role.PUBLIC,
                                                "dispatcher-token-fuzz", Role.DISPATCHER,
                                                "analyst-token-fuzz", Role.ANALYST,
                                                "admin-token-fuzz", Role.ADMIN)))
                        .catalog(catalog)
                        .config(ConsoleConfig.defaults().withWarmUpZones(false))
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    private record Answer(int status, String text) {}

    /** Sends raw bytes and reads the answer to the end (the request says Connection: close). */
    private static Answer exchange(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", console.port())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException refusedMidway) {
                // the server answered and closed before taking the whole request
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                in.transferTo(got);
            } catch (SocketTimeoutException | java.net.SocketException cut) {
                // what arrived is what we judge
            }
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int status = -1;
            if (text.startsWith("HTTP/1.")) {
                status = Integer.parseInt(text.substring(9, 12));
            }
            return new Answer(status, text);
        }
    }

    @Test
    void hostile_http_requests_get_no_5xx_and_no_stack_trace_and_the_console_stays_up()
            throws Exception {
        HostileRequests gen = new HostileRequests(SEED, new ArrayList<>(console.routes()));
        Map<HostileRequests.Case, Integer> perCase = new EnumMap<>(HostileRequests.Case.class);
        Map<Integer, Integer> perStatus = new java.util.TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < HTTP_REQUESTS; i++) {
            HostileRequests.Request r = gen.request(i);
            Answer a = exchange(r.bytes());
            perCase.merge(r.kind(), 1, Integer::sum);
            perStatus.merge(a.status(), 1, Integer::sum);
            // 503 is /api/health's word for a pipeline that is not ok; 505 is the HTTP parser's
            // answer to a request line naming a version it does not speak (HTTP/0.9, HTTP/9.9).
            boolean meant =
                    r.description().contains("/api/health") && a.status() == 503
                            || r.kind() == HostileRequests.Case.REQUEST_LINE_MALFORMED
                                    && a.status() == 505;
            if (a.status() >= 500 && !meant) {
                failures.add(
                        String.format(
                                "seed %d #%d %s %s -> %d %s",
                                SEED,
                                i,
                                r.kind(),
                                r.description(),
                                a.status(),
                                abbreviate(a.text())));
            }
            if (STACK_TRACE.matcher(a.text()).find()) {
                failures.add(
                        String.format(
                                "seed %d #%d %s %s -> stack trace: %s",
                                SEED, i, r.kind(), r.description(), abbreviate(a.text())));
            }
            if (a.status() == -1 && !tolerated(r.kind())) {
                failures.add(
                        String.format(
                                "seed %d #%d %s %s -> no HTTP answer: %s",
                                SEED, i, r.kind(), r.description(), abbreviate(a.text())));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "console fuzz (HTTP): seed %d, %d requests in %d cases, %d ms; statuses %s%n",
                SEED, HTTP_REQUESTS, perCase.size(), millis, perStatus);
        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertThat(perCase).hasSize(HostileRequests.Case.values().length);
        assertStillServing();
    }

    /** Malformed framing may be dropped by the server without an answer. */
    private static boolean tolerated(HostileRequests.Case c) {
        return c == HostileRequests.Case.REQUEST_LINE_MALFORMED
                || c == HostileRequests.Case.BODY_LENGTH_LIES
                || c == HostileRequests.Case.HEADER_HUGE
                || c == HostileRequests.Case.PATH_LONG
                || c == HostileRequests.Case.QUERY_LONG;
    }

    @Test
    void hostile_socket_messages_get_errors_or_a_policy_close_never_a_server_error()
            throws Exception {
        HostileRequests gen = new HostileRequests(SEED, List.of("GET /"));
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < SOCKET_MESSAGES; i++) {
            HostileRequests.Frame frame = gen.socketFrame(i);
            String got;
            try (RawWebSocket ws =
                    new RawWebSocket(
                            console.port(), "/ws/live?token=analyst-token-fuzz", SEED + i)) {
                if (frame.mayGoUnanswered()) {
                    ws.timeout(Duration.ofMillis(300));
                }
                try {
                    ws.send(
                            frame.opcode(),
                            frame.payload(),
                            frame.fin(),
                            frame.masked(),
                            frame.declaredLength());
                    if (!frame.fin()) {
                        ws.send(RawWebSocket.PING, new byte[0], true, true, -1);
                        ws.send(0, "]}".getBytes(StandardCharsets.UTF_8), true, true, -1);
                    }
                } catch (IOException closedWhileSending) {
                    // judged by what the server sent
                }
                got = ws.next();
            }
            String outcome =
                    got.startsWith("close:") || got.equals("eof") || got.equals("timeout")
                            ? got
                            : got.contains("\"type\":\"error\"")
                                    ? "error-message"
                                    : got.contains("\"type\":\"snapshot\"") ? "snapshot" : "other";
            outcomes.merge(frame.kind() + " " + outcome, 1, Integer::sum);
            boolean bad =
                    got.equals("close:1011")
                            || outcome.equals("other")
                            || got.equals("timeout") && !frame.mayGoUnanswered()
                            || STACK_TRACE.matcher(got).find();
            if (bad) {
                failures.add(
                        String.format(
                                "seed %d #%d %s %s -> %s",
                                SEED,
                                i,
                                frame.kind(),
                                abbreviate(new String(frame.payload(), StandardCharsets.UTF_8)),
                                abbreviate(got)));
            }
        }
        System.out.printf(
                "console fuzz (WebSocket): seed %d, %d frames in %d cases; outcomes %s%n",
                SEED, SOCKET_MESSAGES, HostileRequests.FrameCase.values().length, outcomes);
        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertStillServing();
    }

    private static void assertStillServing() throws Exception {
        HttpResponse<String> health =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + console.port()
                                                        + "/api/health/console"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> layers =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + console.port()
                                                        + "/api/layers"))
                                .header("Authorization", "Bearer dispatcher-token-fuzz")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(layers.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> console.hub().stats().recentEvents() >= 1);
    }

    private static String abbreviate(String s) {
        StringBuilder printable = new StringBuilder();
        s.codePoints()
                .forEach(
                        c ->
                                printable.append(
                                        c < 0x20 || c > 0x7e
                                                ? String.format("\\u%04x", c)
                                                : String.valueOf((char) c)));
        String flat = printable.toString();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
