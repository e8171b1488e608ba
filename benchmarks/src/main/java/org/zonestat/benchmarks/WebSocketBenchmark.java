package org.zonestat.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.zonestat.city.CityProfiles;
import org.zonestat.config.Cli;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./zonestat bench websocket}: many concurrent {@code /ws/live} clients with different
 * subscriptions while {@code events} records arrive at a steady rate. Everything is real and in one
 * JVM on 127.0.0.1: the embedded KRaft broker, the ops console as {@link OpsConsole} starts it
 * (Kafka feed, live hub, Javalin/Jetty), and {@link java.net.http.WebSocket} clients.
 *
 * <pre>
 * ./zonestat bench websocket [--clients 200] [--rate 1000] [--seconds 60]
 *     [--warmup 10] [--seed 20240101] [--output benchmarks/results/websocket.md] [--date YYYY-MM-DD]
 * </pre>
 *
 * Every client connects and subscribes (and has its snapshot) before the first record is sent.
 * Records are then published to {@code events} at the fixed rate for the warm-up and the measured
 * seconds; the send time of record {@code i} is {@code System.nanoTime()} when it is handed to the
 * producer, and its event id names {@code i}. Latency = receipt by a client − send, for every
 * delivery of a record sent in the measured phase. Each client's received set is compared with what
 * {@link WebSocketLoad.Subscription#expects} says it must get, over all records: missing, extra and
 * duplicate deliveries are counted per client.
 */
@Command(
        name = "websocket",
        description =
                "Many WebSocket clients with different subscriptions against the real console and"
                        + " embedded broker; writes a markdown results file.")
public final class WebSocketBenchmark implements Callable<Integer> {
    private static final String DISPATCHER_TOKEN = "bench-dispatcher";
    private static final String ANALYST_TOKEN = "bench-analyst";
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Spec private CommandSpec spec;

    @Option(names = "--clients", paramLabel = "N", description = "WebSocket clients, 1..5000.")
    private int clients = 200;

    @Option(names = "--rate", paramLabel = "R", description = "Events per second, 1..50000.")
    private double rate = 1000;

    @Option(names = "--seconds", paramLabel = "S", description = "Measured seconds.")
    private int seconds = 60;

    @Option(names = "--warmup", paramLabel = "S", description = "Warm-up seconds.")
    private int warmup = 10;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Seed of the events and subscriptions.")
    private long seed = 20240101;

    @Option(names = "--output", paramLabel = "FILE", description = "The results file.")
    private Path output = Path.of("benchmarks", "results", "websocket.md");

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "The date written in the results (default: today).")
    private LocalDate date;

    record Arguments(
            int clients,
            double rate,
            int seconds,
            int warmup,
            long seed,
            Path output,
            String date) {
        int records() {
            return (int) Math.round(rate * (seconds + warmup));
        }

        int firstMeasured() {
            return (int) Math.round(rate * warmup);
        }
    }

    /**
     * What one client saw. Callbacks of one WebSocket run one at a time; reads happen after they
     * stop.
     */
    static final class Client implements WebSocket.Listener {
        final int id;
        final WebSocketLoad.Subscription subscription;
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final long[] sentNanos;
        private final int firstMeasured;
        private final StringBuilder partial = new StringBuilder();
        private final BitSet received = new BitSet();
        private final Histogram latencies = Percentiles.newHistogram();
        private int deliveries;
        private int duplicates;
        private int foreign;
        private String error;
        private volatile int closeCode = -1;
        WebSocket socket;

        Client(
                int id,
                WebSocketLoad.Subscription subscription,
                long[] sentNanos,
                int firstMeasured) {
            this.id = id;
            this.subscription = subscription;
            this.sentNanos = sentNanos;
            this.firstMeasured = firstMeasured;
        }

        @Override
        public synchronized CompletionStage<?> onText(
                WebSocket ws, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                handle(partial.toString(), now);
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void handle(String text, long now) {
            if (text.startsWith("{\"type\":\"event\"")) {
                int at = text.indexOf("\"eventId\":\"");
                int end = at < 0 ? -1 : text.indexOf('"', at + 11);
                int i = end < 0 ? -1 : WebSocketLoad.indexOf(text.substring(at + 11, end));
                if (i < 0 || i >= sentNanos.length) {
                    foreign++;
                    return;
                }
                deliveries++;
                if (received.get(i)) {
                    duplicates++;
                    return;
                }
                received.set(i);
                if (i >= firstMeasured) {
                    latencies.recordValue(now - sentNanos[i]);
                }
            } else if (text.startsWith("{\"type\":\"snapshot\"")) {
                subscribed.complete(null);
            } else if (text.startsWith("{\"type\":\"error\"")) {
                error = text;
                subscribed.completeExceptionally(new IllegalStateException(text));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable e) {
            closeCode = 1006;
        }

        synchronized int receivedCount() {
            return received.cardinality();
        }

        synchronized Check check(BitSet expected) {
            BitSet missing = (BitSet) expected.clone();
            missing.andNot(received);
            BitSet extra = (BitSet) received.clone();
            extra.andNot(expected);
            return new Check(
                    id,
                    expected.cardinality(),
                    deliveries,
                    missing.cardinality(),
                    extra.cardinality(),
                    duplicates,
                    foreign,
                    error,
                    closeCode,
                    latencies.copy());
        }
    }

    /** One client's outcome. */
    record Check(
            int client,
            int expected,
            int deliveries,
            int missing,
            int extra,
            int duplicates,
            int foreign,
            String error,
            int closeCode,
            Histogram latencies) {
        boolean exact() {
            return missing == 0
                    && extra == 0
                    && duplicates == 0
                    && foreign == 0
                    && error == null
                    && closeCode < 0;
        }
    }

    /** Exits the JVM when done: Kafka and Jetty leave non-daemon threads behind. */
    public static void main(String[] args) {
        Cli.main(new WebSocketBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || clients > 5000) {
            throw invalid("--clients must be in [1, 5000], was " + clients);
        }
        if (!(rate >= 1 && rate <= 50_000)) {
            throw invalid("--rate must be in [1, 50000], was " + rate);
        }
        if (seconds < 1 || warmup < 0) {
            throw invalid("--seconds must be >= 1 and --warmup >= 0");
        }
        Arguments a =
                new Arguments(
                        clients,
                        rate,
                        seconds,
                        warmup,
                        seed,
                        output,
                        (date != null ? date : LocalDate.now()).toString());
        run(a, spec.commandLine().getParseResult().originalArgs());
        return 0;
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void run(Arguments a, List<String> args) throws Exception {
        String loadAtStart = MachineDescription.loadAverage();
        ZoneCatalog catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        long genStart = System.nanoTime();
        WebSocketLoad load = WebSocketLoad.generate(catalog, a.seed(), a.records(), a.clients());
        double genSeconds = (System.nanoTime() - genStart) / 1e9;
        System.out.printf(
                "Generated %,d records and %d subscriptions in %.1f s%n",
                a.records(), a.clients(), genSeconds);

        Path work = Files.createTempDirectory("zonestat-websocket-bench-");
        WebSocketResultsReport.Run run;
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDir(work).build().start()) {
            broker.createTopic("events", 2, Map.of());
            try (OpsConsole.Running console =
                    OpsConsole.builder()
                            .bootstrapServers(broker.bootstrapServers())
                            .analyticsTopics(null, null)
                            .port(0)
                            .tokens(
                                    AccessTokens.of(
                                            Map.of(
                                                    DISPATCHER_TOKEN,
                                                    Role.DISPATCHER,
                                                    ANALYST_TOKEN,
                                                    Role.ANALYST)))
                            .catalog(catalog)
                            .config(ConsoleConfig.defaults().withWarmUpZones(false))
                            .start()) {
                run = measure(a, load, broker, console);
            }
        } finally {
            deleteRecursively(work);
        }
        String command =
                ("java -cp <benchmarks classpath> org.zonestat.benchmarks.WebSocketBenchmark "
                                + String.join(" ", args))
                        .trim();
        String md =
                WebSocketResultsReport.render(
                        a, run, genSeconds, MachineDescription.current(), loadAtStart, command);
        ResultsFile.write(a.output(), md);
    }

    private static WebSocketResultsReport.Run measure(
            Arguments a, WebSocketLoad load, EmbeddedKafkaBroker broker, OpsConsole.Running console)
            throws Exception {
        List<WebSocketLoad.Item> items = load.items();
        long[] sentNanos = new long[items.size()];
        int firstMeasured = a.firstMeasured();
        // A few HTTP clients, so that one selector thread does not read for all sockets.
        ExecutorService listeners = Executors.newFixedThreadPool(4);
        List<HttpClient> http = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            http.add(HttpClient.newBuilder().executor(listeners).build());
        }
        List<Client> clients = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int c = 0; c < a.clients(); c++) {
            WebSocketLoad.Subscription s = load.subscriptions().get(c);
            Client client = new Client(c, s, sentNanos, firstMeasured);
            String token = s.analyst() ? ANALYST_TOKEN : DISPATCHER_TOKEN;
            client.socket =
                    http.get(c % http.size())
                            .newWebSocketBuilder()
                            .buildAsync(
                                    URI.create(
                                            "ws://127.0.0.1:"
                                                    + console.port()
                                                    + "/ws/live?token="
                                                    + token),
                                    client)
                            .get(30, TimeUnit.SECONDS);
            client.socket.sendText(s.subscribeJson(), true).get(30, TimeUnit.SECONDS);
            clients.add(client);
        }
        CompletableFuture.allOf(
                        clients.stream().map(c -> c.subscribed).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        System.out.printf(
                "%d clients connected and subscribed in %.1f s%n", clients.size(), connectSeconds);

        BitSet[] expected = new BitSet[clients.size()];
        long expectedDeliveries = 0;
        long expectedMeasured = 0;
        for (int c = 0; c < clients.size(); c++) {
            expected[c] = new BitSet(items.size());
            for (WebSocketLoad.Item item : items) {
                if (clients.get(c).subscription.expects(item)) {
                    expected[c].set(item.index());
                    expectedDeliveries++;
                    if (item.index() >= firstMeasured) {
                        expectedMeasured++;
                    }
                }
            }
        }

        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        0);
        CpuMeter cpu = null;
        long measuredStart = 0;
        long measuredEnd;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            double interval = 1e9 / a.rate();
            for (WebSocketLoad.Item item : items) {
                long due = start + (long) (item.index() * interval);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (item.index() == firstMeasured) {
                    cpu = CpuMeter.start();
                    measuredStart = System.nanoTime();
                }
                sentNanos[item.index()] = System.nanoTime();
                producer.send(
                        new ProducerRecord<>(
                                "events",
                                item.eventId().getBytes(StandardCharsets.UTF_8),
                                item.json()));
            }
            producer.flush();
            measuredEnd = System.nanoTime();
        }
        CpuMeter.Usage usage = cpu.sinceStart();
        String loadAfter = MachineDescription.loadAverage();
        double achievedRate =
                (items.size() - firstMeasured) / ((measuredEnd - measuredStart) / 1e9);

        long drainStart = System.nanoTime();
        while (System.nanoTime() - drainStart < DRAIN_NANOS) {
            boolean done = true;
            for (int c = 0; c < clients.size() && done; c++) {
                done = clients.get(c).receivedCount() >= expected[c].cardinality();
            }
            if (done) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(
                    100); // polling a condition with a deadline, not synchronising
        }
        // A further second catches late duplicates or extras after the last expected message.
        TimeUnit.SECONDS.sleep(1);
        List<Check> checks = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            checks.add(clients.get(c).check(expected[c]));
        }
        for (Client c : clients) {
            c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        listeners.shutdownNow();
        Histogram all = Percentiles.newHistogram();
        checks.forEach(ch -> all.add(ch.latencies()));
        Map<String, Long> perKind =
                items.stream()
                        .collect(
                                Collectors.groupingBy(
                                        WebSocketLoad.Item::kind,
                                        LinkedHashMap::new,
                                        Collectors.counting()));
        return new WebSocketResultsReport.Run(
                items.size(),
                firstMeasured,
                achievedRate,
                connectSeconds,
                expectedDeliveries,
                expectedMeasured,
                checks,
                Percentiles.of(all),
                usage,
                loadAfter,
                perKind);
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
