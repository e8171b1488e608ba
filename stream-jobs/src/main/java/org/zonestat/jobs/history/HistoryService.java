package org.zonestat.jobs.history;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.io.ZoneLayerUpdateDeserializer;
import org.zonestat.jobs.model.ZoneLayerUpdate;
import org.zonestat.topics.HistoryMessage;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.MalformedMessageException;
import org.zonestat.topics.ReprocessMessage;
import org.zonestat.topics.RunMessage;
import org.zonestat.topics.TopicCodec;

/**
 * The history service beside the live job: it follows the {@code history} topic and runs each
 * published load that has no finished run yet through {@link HistoryJob} (batch mode, a local
 * MiniCluster), one at a time in the order the loads were published, writing a {@code running},
 * {@code progress} about once a second ({@link ProgressPublisher}), then a {@code done} (with the
 * reconciliation) or {@code failed} {@link RunMessage}. It reads the whole topic before it starts a
 * run, so after a restart it runs only the loads still open.
 *
 * <p>Its thread is started by {@link #start()} and stopped by {@link #close()}; the public methods
 * are thread-safe.
 */
public final class HistoryService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final JobConfig config;
    private final int parallelism;
    private final Clock clock;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param config the live job's configuration (topics, layers, limits)
     * @param parallelism each run's parallelism
     */
    public HistoryService(JobConfig config, int parallelism, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.parallelism = parallelism;
        this.clock = Objects.requireNonNull(clock, "clock");
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(c);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p);
        this.thread = new Thread(this::loop, "zonestat-history");
        this.thread.setDaemon(true);
    }

    /** Starts following the topic. */
    public HistoryService start() {
        thread.start();
        return this;
    }

    private void loop() {
        TopicPartition history = new TopicPartition(config.topics().history(), 0);
        Set<String> finished = new HashSet<>();
        Deque<HistoryMessage> open = new ArrayDeque<>();
        try {
            consumer.assign(List.of(history));
            consumer.seekToBeginning(List.of(history));
            long caughtUpAt = consumer.endOffsets(List.of(history)).get(history);
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    read(r, finished, open);
                }
                if (consumer.position(history) < caughtUpAt) {
                    continue;
                }
                open.removeIf(m -> finished.contains(m.key()));
                HistoryMessage next = open.pollFirst();
                if (next instanceof LoadMessage load) {
                    run(load);
                } else if (next instanceof ReprocessMessage request) {
                    reprocess(request);
                }
                if (next != null) {
                    finished.add(next.key());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the history service stopped", e);
        } finally {
            consumer.close();
        }
    }

    private static void read(
            ConsumerRecord<String, String> r, Set<String> finished, Deque<HistoryMessage> open) {
        if (r.value() == null) {
            return;
        }
        HistoryMessage m;
        try {
            m = TopicCodec.decode(r.topic(), r.value(), HistoryMessage.class);
        } catch (MalformedMessageException e) {
            LOG.warn(
                    "history record {}@{} is not a history message: {}",
                    r.topic(),
                    r.offset(),
                    e.getMessage());
            return;
        }
        if (m instanceof LoadMessage l && l.isPublished() && !finished.contains(l.loadId())) {
            open.addLast(l);
        } else if (m instanceof ReprocessMessage q && !finished.contains(q.requestId())) {
            open.addLast(q);
        } else if (m instanceof RunMessage run && run.isFinal()) {
            finished.addAll(run.loads());
            finished.addAll(run.requests());
        }
    }

    /** Runs one load and writes its run messages; a failure of the run fails that load only. */
    private void run(LoadMessage load) {
        Run run =
                new Run(
                        "run/" + load.loadId(),
                        List.of(load.loadId()),
                        List.of(),
                        null,
                        layerVersionsNow(),
                        null,
                        null,
                        load.records());
        execute(
                run,
                processed ->
                        load.records() == 0 || load.ranges().isEmpty()
                                ? new RunMessage.Reconciliation(0, 0, Map.of(), 0)
                                : new HistoryJob(config).runLocally(load, parallelism, processed));
    }

    /**
     * Recomputes one layer's past counts ({@link ReprocessJob}); a request without a layer, or for
     * a layer not on the {@code zones} topic, fails with a detail saying so.
     */
    private void reprocess(ReprocessMessage request) {
        Optional<ZoneLayerUpdate> layer =
                request.layer() == null ? Optional.empty() : currentLayer(request.layer());
        Run run =
                new Run(
                        "run/" + request.requestId(),
                        List.of(),
                        List.of(request.requestId()),
                        request.layer(),
                        layer.map(l -> Map.of(l.layerId(), l.version())).orElse(Map.of()),
                        request.from(),
                        request.to(),
                        0);
        if (layer.isEmpty()) {
            write(
                    run.failed(
                            request.layer() == null
                                    ? "a reprocess names the layer to recompute (--layer)"
                                    : "layer "
                                            + request.layer()
                                            + " is not on the "
                                            + config.topics().zones()
                                            + " topic",
                            clock.instant()));
            return;
        }
        execute(
                run,
                processed ->
                        new ReprocessJob(config)
                                .runLocally(
                                        layer.get(),
                                        request.from(),
                                        request.to(),
                                        parallelism,
                                        processed));
    }

    /** A run's work, telling its listener the records processed so far. */
    private interface Work {
        RunMessage.Reconciliation call(LongConsumer processed) throws Exception;
    }

    /**
     * Writes {@code running}, does the work while writing its {@code progress}, then writes {@code
     * done} or {@code failed}.
     */
    private void execute(Run run, Work work) {
        write(run.running(clock.instant()));
        long t0 = System.nanoTime();
        try {
            RunMessage.Reconciliation rec =
                    work.call(
                            new ProgressPublisher(
                                    run::progress,
                                    run.total(),
                                    this::write,
                                    clock,
                                    System::nanoTime,
                                    BatchRun.EVERY));
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.info(
                    "{}: {} records in {} s: {} events, rejected {}, {} zone-days",
                    run.runId(),
                    rec.loadedIn(),
                    String.format("%.1f", seconds),
                    rec.eventsWritten(),
                    rec.rejected(),
                    rec.zoneDaysWritten());
            write(run.done(rec, seconds, clock.instant()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("{}: the run failed", run.runId(), e);
            write(run.failed(String.valueOf(e.getMessage()), clock.instant()));
        }
    }

    /** What a run's messages share; each method is one of them. */
    private record Run(
            String runId,
            List<String> loads,
            List<String> requests,
            String layer,
            Map<String, Integer> versions,
            LocalDate from,
            LocalDate to,
            long total) {
        RunMessage running(Instant at) {
            return message(RunMessage.RUNNING, 0, total, 0, null, null, at, null);
        }

        RunMessage progress(long read, double rate, Double secondsLeft, Instant at) {
            return message(RunMessage.PROGRESS, read, total, rate, secondsLeft, null, at, null);
        }

        RunMessage done(RunMessage.Reconciliation rec, double seconds, Instant at) {
            long read = rec.loadedIn();
            return message(
                    RunMessage.DONE,
                    read,
                    Math.max(total, read),
                    seconds <= 0 ? 0 : read / seconds,
                    0.0,
                    rec,
                    at,
                    null);
        }

        RunMessage failed(String detail, Instant at) {
            return message(RunMessage.FAILED, 0, total, 0, null, null, at, detail);
        }

        private RunMessage message(
                String status,
                long read,
                long of,
                double rate,
                Double secondsLeft,
                RunMessage.Reconciliation rec,
                Instant at,
                String detail) {
            return new RunMessage(
                    runId,
                    status,
                    loads,
                    requests,
                    layer,
                    versions,
                    from,
                    to,
                    read,
                    of,
                    rate,
                    secondsLeft,
                    rec,
                    at,
                    detail);
        }
    }

    /** The layer as the {@code zones} topic holds it now, if it is there. */
    private Optional<ZoneLayerUpdate> currentLayer(String layerId) {
        return Optional.ofNullable(latestLayerUpdates().get(layerId))
                .filter(u -> !u.isRemoval() && u.geojson() != null);
    }

    /**
     * Every layer a load's run tags with, by id, with its version: the configured layers (version
     * 1, as the job starts them) overlaid with the {@code zones} topic as it is now (an update
     * gives its version, a removal takes the layer away).
     */
    private Map<String, Integer> layerVersionsNow() {
        Map<String, Integer> versions = new TreeMap<>();
        config.layers().forEach(spec -> versions.put(spec.id(), 1));
        Map<String, ZoneLayerUpdate> updates;
        try {
            updates = latestLayerUpdates();
        } catch (RuntimeException e) {
            LOG.warn("the zones topic could not be read; the run names the configured layers", e);
            updates = Map.of();
        }
        updates.forEach(
                (id, u) -> {
                    if (u.isRemoval() || u.geojson() == null) {
                        versions.remove(id);
                    } else {
                        versions.put(id, u.version());
                    }
                });
        return versions;
    }

    /** The last update of each layer on the {@code zones} topic (removals included), by id. */
    private Map<String, ZoneLayerUpdate> latestLayerUpdates() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, JobConfig.ZONES_MAX_MESSAGE_BYTES);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, JobConfig.ZONES_MAX_MESSAGE_BYTES);
        Map<String, ZoneLayerUpdate> last = new HashMap<>();
        ZoneLayerUpdateDeserializer reader = new ZoneLayerUpdateDeserializer();
        try (KafkaConsumer<byte[], byte[]> zones = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    zones.partitionsFor(config.topics().zones()).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            zones.assign(partitions);
            zones.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = zones.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> zones.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : zones.poll(POLL)) {
                    if (r.key() != null) {
                        String id = new String(r.key(), StandardCharsets.UTF_8);
                        List<ZoneLayerUpdate> u = new ArrayList<>();
                        reader.deserialize(r, new ListCollector<>(u));
                        if (u.isEmpty()) {
                            last.remove(id);
                        } else {
                            last.put(id, u.get(0));
                        }
                    }
                }
            }
        }
        return last;
    }

    private void write(RunMessage m) {
        try {
            producer.send(
                            new ProducerRecord<>(
                                    config.topics().history(),
                                    null,
                                    m.timestamp().toEpochMilli(),
                                    m.key(),
                                    TopicCodec.encodeToString(m)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("cannot write run {} to {}", m.runId(), config.topics().history(), e);
        }
    }

    /** Stops following the topic; a run in progress finishes first. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofMinutes(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
