package org.zonestat.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.jobs.positions.DeviceTrack;
import org.zonestat.jobs.positions.PositionConfig;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.topics.FixMessage;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.RawPosition;
import org.zonestat.topics.RawRequestStep;
import org.zonestat.topics.RawTip;
import org.zonestat.topics.RejectedMessage;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.TransitionMessage;
import org.zonestat.topics.TransitionsMessage;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * How many fixes a second the whole job sustains, with transitions and dosage exact: publishes a
 * fleet's fixes (and the other streams beside them, {@link PositionsInput}) for {@code minutes} of
 * event time ending a minute ago, as fast as a batching producer can, then runs the full job
 * bounded to the end of those topics on a local MiniCluster. {@link EndOffsetSampler} watches
 * {@code transitions} grow (one {@code fix} per accepted fix, plus the transitions), so the figure
 * leaves out MiniCluster start and deployment. Exactness: the same fixes folded through the job's
 * own tracker logic in one thread ({@link TrackReference}) must give the same fixes, zone-layer
 * transitions and dosage per zone and day as the job wrote under load.
 *
 * <p>Used from one thread.
 */
final class PositionsThroughput {
    private static final Logger LOG = LoggerFactory.getLogger(PositionsThroughput.class);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration READ = Duration.ofMinutes(3);
    private static final Duration STALL = Duration.ofSeconds(60);

    /** What to run. */
    record Settings(
            int devices,
            Duration interval,
            int minutes,
            double cityRate,
            long seed,
            int parallelism,
            int checkpointSeconds) {}

    /**
     * What was measured.
     *
     * @param fixesIn fixes published to {@code positions.raw}
     * @param otherIn records of the other raw topics
     * @param publishSeconds generating and publishing them
     * @param fixesOut distinct {@code fix} messages on {@code transitions}
     * @param positionRejections records of {@code positions.raw} on {@code rejected}, by reason
     * @param transitionsOut distinct zone-layer transitions, by type
     * @param hotCellTransitions distinct hot-cell transitions
     * @param redelivered copies of a message already seen on {@code transitions}
     * @param firstToLastSeconds first to last record on {@code transitions}
     * @param steadyFixesPerSecond fixes per second between 10 % and 90 % of the output
     * @param jobWallSeconds submission (MiniCluster start included) to the job's end
     * @param reference the sequential fold's figures
     * @param dosageDays zone days with dosage the reference has
     * @param dosageDaysMatching of those, the ones {@code zone-stats} has equal (minutes to 0.1)
     * @param dosageMismatches a few mismatching days, for the report
     * @param load busy and backpressured time per job vertex in the middle of the run
     * @param cpu machine and process CPU over the job run
     */
    record Result(
            Settings settings,
            long fixesIn,
            long otherIn,
            double publishSeconds,
            long fixesOut,
            Map<String, Long> positionRejections,
            Map<String, Long> transitionsOut,
            long hotCellTransitions,
            long redelivered,
            double firstToLastSeconds,
            double steadyFixesPerSecond,
            double jobWallSeconds,
            Reference reference,
            long dosageDays,
            long dosageDaysMatching,
            List<String> dosageMismatches,
            double[] dosageTotals,
            List<FlinkBusyProbe.VertexLoad> load,
            CpuMeter.Usage cpu,
            String loadAverageAfter) {

        double sustainedFixesPerSecond() {
            return fixesIn / firstToLastSeconds;
        }

        long rejectedPositions() {
            return positionRejections.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Fixes reconcile, transitions and dosage equal the reference's. */
        boolean exact() {
            return fixesOut == reference.accepted()
                    && fixesOut + rejectedPositions() == fixesIn
                    && transitionsOut.equals(reference.transitions())
                    && dosageDaysMatching == dosageDays;
        }
    }

    /** The reference's figures. */
    record Reference(
            long accepted, long refused, long silenceClosed, Map<String, Long> transitions) {}

    private PositionsThroughput() {}

    static Result run(EmbeddedKafkaBroker broker, Path workDir, Settings s) throws Exception {
        JobConfig config =
                PipelineSetup.jobConfig(broker.bootstrapServers(), "-throughput", false)
                        .withCheckpointInterval(Duration.ofSeconds(s.checkpointSeconds()));
        broker.createTopics(config.topics().newTopics(2, (short) 1));

        // Three days ago from 10:00 local: in the past (no fix in the future, room for the
        // clocks that close the day) and not across a midnight.
        ZoneId zone = config.analytics().timeZone();
        Instant start = LocalDate.now(zone).minusDays(3).atTime(10, 0).atZone(zone).toInstant();
        Instant end = start.plus(Duration.ofMinutes(s.minutes()));
        PositionsInput input =
                new PositionsInput(
                        config, s.seed(), start, s.devices(), s.interval(), s.cityRate());
        TrackReference reference =
                new TrackReference(
                        config.layers(),
                        config.hotspots().cellResolution(),
                        zone,
                        PositionConfig.defaults());
        LOG.info(
                "publishing {} devices every {} s for {} minutes of event time, city x{}",
                s.devices(),
                s.interval().toSeconds(),
                s.minutes(),
                s.cityRate());
        long t0 = System.nanoTime();
        long[] counts = publish(broker.bootstrapServers(), input, end, reference);
        double publishSeconds = (System.nanoTime() - t0) / 1e9;
        long backlog = reference.accepted() + total(reference.transitions());
        reference.finish();
        long everything = reference.accepted() + total(reference.transitions());
        LOG.info(
                "published {} fixes and {} other records in {} s; {} records expected on"
                        + " transitions before the devices are closed",
                counts[0],
                counts[1],
                String.format("%.1f", publishSeconds),
                backlog);

        int restPort = PipelineSetup.freePort();
        StreamExecutionEnvironment env =
                PipelineSetup.environment(
                        config,
                        s.parallelism(),
                        workDir.resolve("checkpoints-positions"),
                        restPort,
                        Map.of());
        ZoneTaggingJob.withKafka(config).build(env);
        String transitions = config.topics().transitions();
        double jobWall;
        List<FlinkBusyProbe.VertexLoad> load;
        List<EndOffsetSampler.Sample> samples;
        CpuMeter.Usage usage;
        long reached;
        JobClient job = null;
        try (EndOffsetSampler out =
                new EndOffsetSampler(broker.bootstrapServers(), transitions, Duration.ofMillis(100))
                        .start()) {
            long submit = System.nanoTime();
            CpuMeter cpu = CpuMeter.start();
            job = env.executeAsync("zonestat-bench-positions");
            try (FlinkBusyProbe probe =
                    new FlinkBusyProbe(restPort, job.getJobID().toString(), Duration.ofSeconds(2))
                            .start()) {
                // The backlog: every fix and every transition but the final closes.
                reached = awaitCount(out, backlog, probe, submit);
                jobWall = (System.nanoTime() - submit) / 1e9;
                usage = cpu.sinceStart();
                load = probe.averages();
            }
            out.close();
            samples = out.samples();
            LOG.info(
                    "backlog done: {} of {} records on {} in {} s",
                    reached,
                    backlog,
                    transitions,
                    String.format("%.1f", jobWall));
            String loadAfter = MachineDescription.loadAverage();
            ThroughputTiming timing = ThroughputTiming.of(samples, reached);

            // Close the day: first the positions' clock (every device falls silent and is closed
            // out), then, once those exits are written, the other streams' (the daily windows
            // close), in that order so that no dosage fact comes after its day has closed.
            Instant clock = end.plus(Duration.ofHours(50));
            double[] place = input.hotPlace();
            try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
                send(
                        producer,
                        config.topics().positions(),
                        new RawPosition(
                                CLOCK,
                                RawPosition.UNIT,
                                null,
                                null,
                                clock,
                                place[0],
                                place[1],
                                null,
                                null,
                                null,
                                "bench"));
                try (EndOffsetSampler closing =
                        new EndOffsetSampler(
                                        broker.bootstrapServers(),
                                        transitions,
                                        Duration.ofMillis(200))
                                .start()) {
                    awaitSettled(closing, everything + 1);
                }
                send(producer, config.topics().incidents(), clockIncident(clock, place));
                send(producer, config.topics().requests311(), clockRequest(clock, place));
                send(producer, config.topics().tips(), clockTip(clock, place));
            }
            Result r =
                    outcome(
                            broker,
                            config,
                            s,
                            counts,
                            publishSeconds,
                            reference,
                            timing,
                            jobWall,
                            load,
                            usage,
                            loadAfter);
            LOG.info(
                    "positions throughput: {} fixes/s; exact: {}",
                    String.format("%,.0f", r.sustainedFixesPerSecond()),
                    r.exact());
            return r;
        } finally {
            if (job != null) {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static final String CLOCK = "bench-clock";

    private static long total(Map<String, Long> byType) {
        return byType.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Waits until {@code out} holds {@code expected} records (or stops growing for a minute, or the
     * job timeout passes); the probe measures between 5 % and 95 % of it. Returns the count
     * reached.
     */
    private static long awaitCount(
            EndOffsetSampler out, long expected, FlinkBusyProbe probe, long submit)
            throws InterruptedException {
        long last = -1;
        long lastGrowth = System.nanoTime();
        long lastLog = System.nanoTime();
        while (true) {
            long n = out.latest();
            probe.measuring(n > expected * 0.05 && n < expected * 0.95);
            if (n >= expected) {
                return n;
            }
            if (n != last) {
                last = n;
                lastGrowth = System.nanoTime();
            }
            if (System.nanoTime() - lastGrowth > STALL.toNanos() && n > 0) {
                LOG.warn("transitions stopped growing at {} of {} records", n, expected);
                return n;
            }
            if (System.nanoTime() - submit > JOB_TIMEOUT.toNanos()) {
                throw new IllegalStateException(
                        "the job did not write the backlog within " + JOB_TIMEOUT);
            }
            if (System.nanoTime() - lastLog > 5e9) {
                lastLog = System.nanoTime();
                LOG.info("positions run: {} of {} records on transitions", n, expected);
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling a condition with a deadline
        }
    }

    /**
     * Waits until {@code out} holds at least {@code expected} records and has not grown for 5 s.
     */
    private static void awaitSettled(EndOffsetSampler out, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long n = out.latest();
            if (n != last) {
                last = n;
                since = System.nanoTime();
            } else if (n >= expected && System.nanoTime() - since > 5e9) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling a condition with a deadline
        }
        LOG.warn("the closing exits did not settle: {} of at least {} records", last, expected);
    }

    private static Result outcome(
            EmbeddedKafkaBroker broker,
            JobConfig config,
            Settings s,
            long[] counts,
            double publishSeconds,
            TrackReference reference,
            ThroughputTiming timing,
            double jobWall,
            List<FlinkBusyProbe.VertexLoad> load,
            CpuMeter.Usage usage,
            String loadAfter)
            throws InterruptedException {
        String transitions = config.topics().transitions();
        // What the job wrote.
        Set<String> fixIds = new HashSet<>();
        Set<String> transitionIds = new HashSet<>();
        Map<String, Long> byType = new TreeMap<>();
        long[] hotCells = {0};
        long[] redelivered = {0};
        read(
                broker.bootstrapServers(),
                transitions,
                false,
                v -> {
                    TransitionsMessage m =
                            TopicCodec.decode(transitions, v, TransitionsMessage.class);
                    if (m.deviceId().equals(CLOCK)) {
                        return;
                    }
                    if (m instanceof FixMessage f) {
                        if (!fixIds.add(f.deviceId() + "/" + f.at().toEpochMilli())) {
                            redelivered[0]++;
                        }
                    } else if (m instanceof TransitionMessage t) {
                        if (!transitionIds.add(t.transitionId())) {
                            redelivered[0]++;
                        } else if (t.layer().equals(DeviceTrack.HOT_CELLS)) {
                            hotCells[0]++;
                        } else {
                            byType.merge(t.transition(), 1L, Long::sum);
                        }
                    }
                });
        String positions = config.topics().positions();
        Map<String, Long> rejections = new TreeMap<>();
        read(
                broker.bootstrapServers(),
                config.topics().rejected(),
                true,
                v -> {
                    RejectedMessage r =
                            TopicCodec.decode(config.topics().rejected(), v, RejectedMessage.class);
                    if (r.sourceTopic().equals(positions)) {
                        rejections.merge(r.reason(), 1L, Long::sum);
                    }
                });
        Map<String, ZoneStatsMessage> days = new HashMap<>();
        String zoneStats = config.topics().zoneStats();
        long matching = 0;
        List<String> mismatches = new java.util.ArrayList<>();
        double[] totals = new double[6];
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        do {
            TimeUnit.SECONDS.sleep(5); // polling a condition with a deadline
            days.clear();
            read(
                    broker.bootstrapServers(),
                    zoneStats,
                    true,
                    v -> {
                        ZoneStatsMessage z =
                                TopicCodec.decode(zoneStats, v, ZoneStatsMessage.class);
                        days.put(z.layer() + "/" + z.zone() + "/" + z.day(), z);
                    });
            matching = 0;
            mismatches.clear();
            java.util.Arrays.fill(totals, 0);
            for (Map.Entry<String, double[]> e : reference.dosage().entrySet()) {
                double[] want = e.getValue();
                for (int i = 0; i < 6; i++) {
                    totals[i] += want[i];
                }
                double[] got = dosage(days.get(e.getKey()));
                boolean same = true;
                for (int i = 0; i < 6; i++) {
                    double w = i % 3 == 0 ? Math.round(want[i] * 10) / 10.0 : want[i];
                    same &= Math.abs(w - got[i]) < 1e-6;
                }
                if (same) {
                    matching++;
                } else if (mismatches.size() < 5) {
                    mismatches.add(
                            e.getKey()
                                    + ": expected "
                                    + java.util.Arrays.toString(want)
                                    + ", zone-stats "
                                    + java.util.Arrays.toString(got));
                }
            }
        } while (matching < reference.dosage().size() && System.nanoTime() < deadline);
        Result r =
                new Result(
                        s,
                        counts[0],
                        counts[1],
                        publishSeconds,
                        fixIds.size(),
                        rejections,
                        byType,
                        hotCells[0],
                        redelivered[0],
                        timing.firstToLastSeconds(),
                        timing.middleFraction() * counts[0] / timing.middleSeconds(),
                        jobWall,
                        new Reference(
                                reference.accepted(),
                                reference.refused(),
                                reference.silenceClosed(),
                                Map.copyOf(reference.transitions())),
                        reference.dosage().size(),
                        matching,
                        mismatches,
                        totals,
                        load,
                        usage,
                        loadAfter);
        return r;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, String topic, RawInputOrFix record) {
        producer.send(
                new ProducerRecord<>(
                        topic,
                        record.key().getBytes(StandardCharsets.UTF_8),
                        TopicCodec.encode(record.message())));
        producer.flush();
    }

    /** A record to send: its key and message. */
    private record RawInputOrFix(String key, org.zonestat.topics.TopicMessage message) {}

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, RawPosition p) {
        send(producer, topic, new RawInputOrFix(p.key(), p));
    }

    private static RawInputOrFix clockIncident(Instant at, double[] place) {
        return new RawInputOrFix(
                CLOCK,
                new RawIncident(
                        CLOCK, "bench", "OTHER", null, at, place[0], place[1], null, Map.of()));
    }

    private static RawInputOrFix clockRequest(Instant at, double[] place) {
        return new RawInputOrFix(
                CLOCK,
                new RawRequestStep(
                        CLOCK,
                        "bench",
                        "SW-Dirty Alley",
                        "Open",
                        at,
                        place[0],
                        place[1],
                        null,
                        null,
                        null,
                        null,
                        Map.of()));
    }

    private static RawInputOrFix clockTip(Instant at, double[] place) {
        return new RawInputOrFix(
                CLOCK,
                new RawTip(CLOCK, "bench", "OTHER", at, place[0], place[1], null, null, Map.of()));
    }

    /** Patrol minutes, visits, long visits, outreach minutes, visits, long visits (0 if absent). */
    private static double[] dosage(ZoneStatsMessage z) {
        if (z == null) {
            return new double[6];
        }
        return new double[] {
            z.patrolMinutes() == null ? 0 : z.patrolMinutes(),
            z.patrolVisits() == null ? 0 : z.patrolVisits(),
            z.patrolLongVisits() == null ? 0 : z.patrolLongVisits(),
            z.outreachMinutes() == null ? 0 : z.outreachMinutes(),
            z.outreachVisits() == null ? 0 : z.outreachVisits(),
            z.outreachLongVisits() == null ? 0 : z.outreachLongVisits()
        };
    }

    /**
     * Publishes the input up to {@code end}, feeding every fix to the reference as it goes; returns
     * {fixes, other records}.
     */
    private static long[] publish(
            String bootstrap, PositionsInput input, Instant end, TrackReference reference) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] counts = new long[2];
        long endMillis = end.toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            while (input.nextAtMillis() < endMillis) {
                PositionsInput.Item item = input.next();
                producer.send(
                        new ProducerRecord<>(
                                item.topic(),
                                item.key().getBytes(StandardCharsets.UTF_8),
                                item.json().getBytes(StandardCharsets.UTF_8)),
                        (md, ex) -> {
                            if (ex != null) {
                                failure.compareAndSet(null, ex);
                            }
                        });
                if (item.fix() != null) {
                    // The broker stamps positions with the append time: about now.
                    reference.accept(item.topic(), System.currentTimeMillis(), item.json());
                    counts[0]++;
                } else {
                    counts[1]++;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "publishing failed: " + failure.get().getMessage(), failure.get());
        }
        return counts;
    }

    /**
     * Reads {@code topic} from its beginning to its current end (giving up after {@link #READ}),
     * handing each value to {@code each}.
     */
    static void read(
            String bootstrap,
            String topic,
            boolean committed,
            java.util.function.Consumer<String> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                committed ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end " + end + " within " + READ);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> each.accept(r.value()));
            }
        }
    }
}
