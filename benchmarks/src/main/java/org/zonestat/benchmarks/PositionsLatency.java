package org.zonestat.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.sim.synthetic.CityGeography;
import org.zonestat.topics.RawPosition;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.TransitionMessage;
import org.zonestat.topics.TransitionsMessage;

/**
 * Fix-to-screen and transition-to-screen latency at a fixed rate: the full job runs unbounded on a
 * local MiniCluster, the ops console reads its {@code transitions}, and one dispatcher's {@code
 * /ws/live} client subscribed to units and transitions notes when each arrives. A publisher sends
 * the fleet's fixes and the other streams ({@link PositionsInput}) when the wall clock reaches
 * their event times, so {@code devices / interval} fixes a second. Latency = arrival on the socket
 * − the moment the fix was handed to the producer, both by {@link System#nanoTime()}; a transition
 * is matched to the fix that showed it by its id ({@code <deviceId>/<at millis>/...}). Exits the
 * silence timer closes are left out (their time is the timeout's). After the run every unit fix and
 * transition of the measured phase on {@code transitions} must have reached the client.
 *
 * <p>Used from one thread (plus the socket's).
 */
final class PositionsLatency {
    private static final Logger LOG = LoggerFactory.getLogger(PositionsLatency.class);
    private static final String TOKEN = "bench-positions-dispatcher";
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration DRAIN = Duration.ofSeconds(30);

    /** What to run. */
    record Settings(
            int devices,
            Duration interval,
            int warmupSeconds,
            int seconds,
            double cityRate,
            long seed,
            int parallelism,
            int checkpointSeconds) {}

    /**
     * What was measured.
     *
     * @param readySeconds job submission to the first fix on the screen
     * @param fixesSent fixes sent in the measured phase
     * @param otherSent other records sent in the measured phase
     * @param achievedRate fixes per second actually sent in the measured phase
     * @param unitFixesOut unit fixes of the measured phase the job wrote
     * @param unitFixesSeen of those, the ones that reached the screen
     * @param transitionsOut unit transitions of the measured phase the job wrote (not silence
     *     exits)
     * @param transitionsSeen of those, the ones that reached the screen
     * @param fixLatency fix to screen, microseconds
     * @param transitionLatency transition to screen, microseconds
     */
    record Result(
            Settings settings,
            double readySeconds,
            long fixesSent,
            long otherSent,
            double achievedRate,
            long unitFixesOut,
            long unitFixesSeen,
            long transitionsOut,
            long transitionsSeen,
            Percentiles fixLatency,
            Percentiles transitionLatency,
            CpuMeter.Usage cpu,
            String loadAverageAfter) {}

    private PositionsLatency() {}

    static Result run(EmbeddedKafkaBroker broker, Path workDir, Settings s) throws Exception {
        JobConfig config =
                PipelineSetup.jobConfig(broker.bootstrapServers(), "", false)
                        .withCheckpointInterval(Duration.ofSeconds(s.checkpointSeconds()));
        broker.createTopics(config.topics().newTopics(2, (short) 1));
        int restPort = PipelineSetup.freePort();
        StreamExecutionEnvironment env =
                PipelineSetup.environment(
                        config,
                        s.parallelism(),
                        workDir.resolve("checkpoints-positions-latency"),
                        restPort,
                        Map.of());
        ZoneTaggingJob.withKafka(config).build(env);

        Screen screen = new Screen();
        JobClient job = null;
        try (OpsConsole.Running console =
                        OpsConsole.builder()
                                .bootstrapServers(broker.bootstrapServers())
                                .eventsTopic(config.topics().events())
                                .analyticsTopics(
                                        config.topics().alerts(), config.topics().hotspots())
                                .positionTopics(
                                        config.topics().transitions(), config.topics().audit())
                                .port(0)
                                .tokens(AccessTokens.of(Map.of(TOKEN, Role.DISPATCHER)))
                                .catalog(ZoneCatalog.load(PositionsInput.CITY.layers()))
                                .config(ConsoleConfig.defaults().withWarmUpZones(false))
                                .start();
                KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
            WebSocket socket =
                    HttpClient.newHttpClient()
                            .newWebSocketBuilder()
                            .buildAsync(
                                    URI.create(
                                            "ws://127.0.0.1:"
                                                    + console.port()
                                                    + "/ws/live?token="
                                                    + TOKEN),
                                    screen)
                            .get(30, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"subscribe\",\"messages\":[\"unit\",\"transition\"]}", true)
                    .get(30, TimeUnit.SECONDS);
            screen.subscribed.get(30, TimeUnit.SECONDS);

            long submit = System.nanoTime();
            job = env.executeAsync("zonestat-bench-positions-latency");
            double ready = probeUntilShown(producer, config, s, screen, submit);
            LOG.info(
                    "positions latency run: a fix reached the screen {} s after submission",
                    String.format("%.1f", ready));

            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
            long measureFrom = start.plusSeconds(s.warmupSeconds()).toEpochMilli();
            long measureTo = measureFrom + s.seconds() * 1000L;
            PositionsInput input =
                    new PositionsInput(
                            config, s.seed(), start, s.devices(), s.interval(), s.cityRate());
            long fixes = 0;
            long other = 0;
            CpuMeter cpu = null;
            long measureStartNanos = 0;
            while (input.nextAtMillis() < measureTo) {
                long due = input.nextAtMillis();
                long wait;
                while ((wait = due - System.currentTimeMillis()) > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
                }
                if (cpu == null && due >= measureFrom) {
                    cpu = CpuMeter.start();
                    measureStartNanos = System.nanoTime();
                }
                PositionsInput.Item item = input.next();
                if (item.fix() != null) {
                    screen.sent.put(
                            fixKey(item.fix().deviceId(), item.atMillis()), System.nanoTime());
                }
                producer.send(
                        new ProducerRecord<>(
                                item.topic(),
                                item.key().getBytes(StandardCharsets.UTF_8),
                                item.json().getBytes(StandardCharsets.UTF_8)));
                if (item.atMillis() >= measureFrom) {
                    if (item.fix() != null) {
                        fixes++;
                    } else {
                        other++;
                    }
                }
            }
            producer.flush();
            double achieved = fixes / ((System.nanoTime() - measureStartNanos) / 1e9);
            CpuMeter.Usage usage = cpu.sinceStart();
            String loadAfter = MachineDescription.loadAverage();

            // Everything the job wrote for the measured phase must reach the screen.
            Set<String> fixesOut = new HashSet<>();
            Set<String> transitionsOut = new HashSet<>();
            long deadline = System.nanoTime() + DRAIN.toNanos();
            do {
                TimeUnit.SECONDS.sleep(2); // polling a condition with a deadline
                fixesOut.clear();
                transitionsOut.clear();
                readMeasured(broker, config, measureFrom, measureTo, fixesOut, transitionsOut);
            } while (System.nanoTime() < deadline
                    && !(screen.fixesSeen(fixesOut) == fixesOut.size()
                            && screen.transitionsSeen(transitionsOut) == transitionsOut.size()));
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            return new Result(
                    s,
                    ready,
                    fixes,
                    other,
                    achieved,
                    fixesOut.size(),
                    screen.fixesSeen(fixesOut),
                    transitionsOut.size(),
                    screen.transitionsSeen(transitionsOut),
                    screen.latencies(fixesOut, screen.fixArrivals),
                    screen.latencies(transitionsOut, screen.transitionArrivals),
                    usage,
                    loadAfter);
        } finally {
            if (job != null) {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Sends a fix of a probe unit every half second until one shows on the screen. */
    private static double probeUntilShown(
            KafkaProducer<byte[], byte[]> producer,
            JobConfig config,
            Settings s,
            Screen screen,
            long submit) {
        double[] place =
                PositionsInput.fleetOptions(
                                s.seed(),
                                Instant.EPOCH,
                                CityGeography.of(PositionsInput.CITY),
                                s.devices(),
                                s.interval())
                        .hotPlaces()
                        .get(0);
        while (!screen.probeSeen) {
            if (System.nanoTime() - submit > READY.toNanos()) {
                throw new IllegalStateException(
                        "no fix reached the screen within " + READY + " of starting the job");
            }
            RawPosition probe =
                    new RawPosition(
                            "bench-probe",
                            RawPosition.UNIT,
                            null,
                            null,
                            Instant.now(),
                            place[0],
                            place[1],
                            null,
                            null,
                            null,
                            "bench");
            producer.send(
                    new ProducerRecord<>(
                            config.topics().positions(),
                            probe.key().getBytes(StandardCharsets.UTF_8),
                            TopicCodec.encode(probe)));
            producer.flush();
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        return (System.nanoTime() - submit) / 1e9;
    }

    private static void readMeasured(
            EmbeddedKafkaBroker broker,
            JobConfig config,
            long from,
            long to,
            Set<String> fixes,
            Set<String> transitions) {
        String topic = config.topics().transitions();
        PositionsThroughput.read(
                broker.bootstrapServers(),
                topic,
                false,
                v -> {
                    TransitionsMessage m = TopicCodec.decode(topic, v, TransitionsMessage.class);
                    if (!m.kind().equals(RawPosition.UNIT)) {
                        return;
                    }
                    if (m instanceof org.zonestat.topics.FixMessage f) {
                        long at = f.at().toEpochMilli();
                        if (at >= from && at < to) {
                            fixes.add(fixKey(f.deviceId(), at));
                        }
                    } else if (m instanceof TransitionMessage t) {
                        long at = t.at().toEpochMilli();
                        if (at >= from
                                && at < to
                                && !TransitionMessage.SIGNAL_LOST.equals(t.reason())) {
                            transitions.add(t.transitionId());
                        }
                    }
                });
    }

    static String fixKey(String deviceId, long atMillis) {
        return deviceId + "/" + atMillis;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The dispatcher's screen: when each fix and transition arrived. */
    static final class Screen implements WebSocket.Listener {
        private static final ObjectMapper JSON = new ObjectMapper();
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        final Map<String, Long> sent = new ConcurrentHashMap<>();
        final Map<String, Long> fixArrivals = new ConcurrentHashMap<>();
        final Map<String, Long> transitionArrivals = new ConcurrentHashMap<>();
        volatile boolean probeSeen;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
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
            try {
                JsonNode m = JSON.readTree(text);
                switch (m.path("type").asText()) {
                    case "snapshot" -> subscribed.complete(null);
                    case "unit" -> {
                        JsonNode u = m.path("unit");
                        String id = u.path("deviceId").asText();
                        if (id.equals("bench-probe")) {
                            probeSeen = true;
                        }
                        fixArrivals.putIfAbsent(
                                fixKey(id, Instant.parse(u.path("at").asText()).toEpochMilli()),
                                now);
                    }
                    case "transition" ->
                            transitionArrivals.putIfAbsent(
                                    m.path("transition").path("transitionId").asText(), now);
                    case "error" ->
                            subscribed.completeExceptionally(new IllegalStateException(text));
                    default -> {}
                }
            } catch (Exception e) {
                LOG.warn("unreadable message: {}", text, e);
            }
        }

        long fixesSeen(Set<String> expected) {
            return expected.stream().filter(fixArrivals::containsKey).count();
        }

        long transitionsSeen(Set<String> expected) {
            return expected.stream().filter(transitionArrivals::containsKey).count();
        }

        /** Arrival − send of the expected ids that arrived, in microseconds. */
        Percentiles latencies(Set<String> expected, Map<String, Long> arrivals) {
            Histogram h = Percentiles.newHistogram();
            for (String id : expected) {
                Long at = arrivals.get(id);
                // A transition's id starts with its fix's: <deviceId>/<at millis>/...
                String[] parts = id.split("/", 3);
                Long sentAt = sent.get(parts[0] + "/" + parts[1]);
                if (at != null && sentAt != null) {
                    h.recordValue(Math.max(0, (at - sentAt) / 1000));
                }
            }
            return Percentiles.of(h);
        }
    }
}
