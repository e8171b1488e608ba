package org.zonestat.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.jobs.functions.RawRecordParser;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.backfill.KafkaRecordPublisher;

/**
 * Event-to-{@code events} latency at a fixed input rate: the full job runs unbounded on a local
 * MiniCluster; a publisher (the simulators' {@link KafkaRecordPublisher}, as {@code ./zonestat
 * synthetic} uses: idempotent, {@code acks=all}, 10 ms linger) sends synthetic-city records at
 * {@code rate} per second, and a consumer of {@code events} in the same JVM notes when each one's
 * tagged event arrives. Latency = arrival − the moment the record was handed to the producer, both
 * by {@link System#nanoTime()}; records are matched by event id, which the benchmark computes with
 * the job's own {@link RawRecordParser} (the id reaches {@code events} as the record key).
 *
 * <p>Phases: probes at 10 records/s until the first tagged event arrives (the job is deployed and
 * reading), a warm-up at the full rate, then the measured seconds. Only records sent in the
 * measured phase count. The records are the benchmark's {@link CityMix} (the real data's
 * proportions of incidents, 311 records and tips), either moved to the moment each is sent (a
 * city's live feed) or with their own event times (a history replayed at the fixed rate, its daily
 * windows closing as event time passes them): see {@link Clock}.
 *
 * <p>A run that loses events fails: the job failing, or fewer than {@link #MIN_MATCHED} of the
 * expected events arriving within {@link #DRAIN} of the last send, throws, and the benchmark ends
 * without a results file.
 *
 * <p>Used from one thread (plus its consumer thread).
 */
final class PipelineLatency {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineLatency.class);
    private static final int PROBES = 600;
    private static final double PROBE_RATE = 10;
    private static final Duration DRAIN = Duration.ofSeconds(30);

    /** The share of the expected events that must arrive for the figures to stand. */
    static final double MIN_MATCHED = 0.99;

    /**
     * The event times the records carry.
     *
     * <p>{@code LIVE}: a city's live feed. Each record is moved in time as a whole ({@link
     * LiveRetiming}) so that it happened at the moment it is sent; event time follows the wall
     * clock, and the daily windows close at the city's midnight as they do in service.
     *
     * <p>{@code REPLAY}: the records keep their own event times, so at the fixed rate the job
     * replays years of a city's history in the run's minute: its daily windows close as event time
     * passes them, many times a second.
     */
    enum Clock {
        LIVE("live: each record's event time is when it is sent"),
        REPLAY("history replayed at the fixed rate: the records' own event times");

        private final String description;

        Clock(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** What to run. */
    record Settings(
            Clock clock,
            double rate,
            int warmupSeconds,
            int seconds,
            CityMix mix,
            int parallelism,
            Map<String, String> flinkOverrides,
            int checkpointSeconds) {}

    /**
     * What was measured.
     *
     * @param readySeconds from job submission to the first tagged event of a probe
     * @param sent records sent in the measured phase
     * @param expected of those, the ones the job should tag (the others it rejects)
     * @param matched of those, the ones whose tagged event arrived
     * @param achievedRate records per second actually sent in the measured phase
     * @param latencyMicros latency of each matched record, microseconds
     * @param spanDays days of event time the records sent span
     * @param cpu machine and process CPU use over the measured phase
     */
    record Result(
            Settings settings,
            double readySeconds,
            long sent,
            long expected,
            long matched,
            long duplicates,
            double achievedRate,
            Percentiles latencyMicros,
            double spanDays,
            CpuMeter.Usage cpu,
            String loadAverageAfter) {}

    private PipelineLatency() {}

    static Result run(EmbeddedKafkaBroker broker, Path workDir, Settings s) throws Exception {
        JobConfig config =
                PipelineSetup.jobConfig(
                                broker.bootstrapServers(),
                                "-latency-" + s.clock().name().toLowerCase(Locale.ROOT),
                                false)
                        .withCheckpointInterval(Duration.ofSeconds(s.checkpointSeconds()));
        broker.createTopics(config.topics().newTopics(2, (short) 1));
        Map<Feed, String> topics = PipelineSetup.rawTopics(config);

        long warm = Math.round(s.rate() * s.warmupSeconds());
        long measured = Math.round(s.rate() * s.seconds());
        int total = Math.toIntExact(PROBES + warm + measured);
        List<RawEvent> records = new ArrayList<>(total);
        s.mix().withRecords(total).iterator().forEachRemaining(records::add);
        Outgoing outgoing =
                new Outgoing(
                        records,
                        topics,
                        new RawRecordParser(config.streamsByTopic(), Duration.ofDays(365)),
                        s.clock());
        LOG.info(
                "latency run ({}): {} records ready ({} days of history), {} with an event id so"
                        + " far",
                s.clock(),
                total,
                String.format("%.0f", outgoing.historySpanDays()),
                outgoing.indexById().size());

        AtomicLongArray sendNanos = new AtomicLongArray(total);
        AtomicLongArray receiveNanos = new AtomicLongArray(total);
        int restPort = PipelineSetup.freePort();
        StreamExecutionEnvironment env =
                PipelineSetup.environment(
                        config,
                        s.parallelism(),
                        workDir.resolve(
                                "checkpoints-latency-" + s.clock().name().toLowerCase(Locale.ROOT)),
                        restPort,
                        s.flinkOverrides());
        ZoneTaggingJob.withKafka(config).build(env);

        EventsListener listener =
                new EventsListener(
                        broker.bootstrapServers(),
                        config.topics().events(),
                        outgoing.indexById(),
                        receiveNanos);
        listener.start();
        JobClient job = null;
        try (KafkaRecordPublisher publisher = new KafkaRecordPublisher(broker.bootstrapServers())) {
            long submit = System.nanoTime();
            job =
                    env.executeAsync(
                            "zonestat-bench-latency-" + s.clock().name().toLowerCase(Locale.ROOT));
            int next = 0;
            // Probes until the job answers: it has started and reads the topics.
            long probeStart = System.nanoTime();
            while (listener.matched() == 0 && next < PROBES) {
                outgoing.send(publisher, next, sendNanos);
                next++;
                LockSupport.parkNanos((long) (1e9 / PROBE_RATE));
            }
            while (listener.matched() == 0
                    && System.nanoTime() - probeStart < Duration.ofSeconds(120).toNanos()) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            if (listener.matched() == 0) {
                throw new IllegalStateException(
                        "no tagged event arrived within 120 s of starting the job");
            }
            double ready = (System.nanoTime() - submit) / 1e9;
            LOG.info(
                    "latency run: job answered {} s after submission; warming up {} s at {}/s",
                    String.format("%.1f", ready),
                    s.warmupSeconds(),
                    s.rate());
            next = PROBES;
            long phaseStart = System.nanoTime();
            sendPaced(
                    publisher, outgoing, sendNanos, next, next + (int) warm, s.rate(), phaseStart);
            next += (int) warm;
            LOG.info("latency run: measuring {} s", s.seconds());
            CpuMeter cpu = CpuMeter.start();
            long measureStart = System.nanoTime();
            sendPaced(
                    publisher,
                    outgoing,
                    sendNanos,
                    next,
                    total,
                    s.rate(),
                    phaseStart + (long) (warm / s.rate() * 1e9));
            double achieved = measured / ((System.nanoTime() - measureStart) / 1e9);
            CpuMeter.Usage usage = cpu.sinceStart();
            publisher.flush();
            int from = PROBES + (int) warm;
            boolean[] expectedEvent = outgoing.expectedEvents();
            long expected = 0;
            for (int i = from; i < total; i++) {
                expected += expectedEvent[i] ? 1 : 0;
            }
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (countMatched(receiveNanos, expectedEvent, from, total) < expected
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            requireRunning(job);
            Percentiles latencies = latencies(sendNanos, receiveNanos, expectedEvent, from, total);
            requireMatched(latencies.count(), expected);
            String loadAfter = MachineDescription.loadAverage();
            Result r =
                    new Result(
                            s,
                            ready,
                            measured,
                            expected,
                            latencies.count(),
                            listener.duplicates(),
                            achieved,
                            latencies,
                            outgoing.spanDays(from, total),
                            usage,
                            loadAfter);
            if (latencies.count() > 0) {
                LOG.info(
                        "latency run: {} of {} matched; p50 {} ms, p99 {} ms",
                        latencies.count(),
                        expected,
                        r.latencyMicros().quantile(0.5) / 1000.0,
                        r.latencyMicros().quantile(0.99) / 1000.0);
            }
            return r;
        } finally {
            listener.close();
            if (job != null) {
                try {
                    job.cancel().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warn("cancelling the latency job: {}", e.toString());
                }
            }
        }
    }

    /**
     * Throws, naming both counts, unless at least {@link #MIN_MATCHED} of the {@code expected}
     * events arrived: a run that lost events has no figures to report.
     */
    static void requireMatched(long matched, long expected) {
        if (matched < MIN_MATCHED * expected) {
            throw new IllegalStateException(
                    String.format(
                            "latency run lost events: %d of %d expected events arrived in"
                                    + " events within %d s of the last send (%.2f %%, at least"
                                    + " %.0f %% needed); see the job's log above",
                            matched,
                            expected,
                            DRAIN.toSeconds(),
                            expected == 0 ? 0 : 100.0 * matched / expected,
                            100 * MIN_MATCHED));
        }
    }

    /** Throws, with the failure's cause, unless the job is still running. */
    private static void requireRunning(JobClient job) throws Exception {
        var status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        if (status.isGloballyTerminalState() || status == JobStatus.RESTARTING) {
            Throwable cause = null;
            try {
                job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                cause = e;
            }
            throw new IllegalStateException("the latency run's job is " + status, cause);
        }
    }

    /**
     * Sends records {@code [from, to)} paced at {@code rate} per second counted from {@code
     * clockStart} (a token count against the clock: a short stall is caught up, as in the
     * simulators' RatePublisher).
     */
    private static void sendPaced(
            KafkaRecordPublisher publisher,
            Outgoing outgoing,
            AtomicLongArray sendNanos,
            int from,
            int to,
            double rate,
            long clockStart) {
        int i = from;
        while (i < to) {
            long now = System.nanoTime();
            long allowed = from + (long) ((now - clockStart) / 1e9 * rate) + 1;
            if (i >= allowed) {
                LockSupport.parkNanos(Math.max(50_000L, (long) (1e9 / rate) / 2));
                continue;
            }
            while (i < allowed && i < to) {
                outgoing.send(publisher, i, sendNanos);
                i++;
            }
        }
    }

    private static long countMatched(
            AtomicLongArray receive, boolean[] expected, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (expected[i] && receive.get(i) != 0) {
                n++;
            }
        }
        return n;
    }

    private static Percentiles latencies(
            AtomicLongArray send, AtomicLongArray receive, boolean[] expected, int from, int to) {
        Histogram micros = Percentiles.newHistogram();
        for (int i = from; i < to; i++) {
            if (expected[i] && receive.get(i) != 0) {
                micros.recordValue((receive.get(i) - send.get(i)) / 1000);
            }
        }
        return Percentiles.of(micros);
    }

    /**
     * The records to send, in order, with the event id each should reach {@code events} under. In
     * {@link Clock#REPLAY} the ids are computed up front; in {@link Clock#LIVE} each record is
     * moved to the moment it is sent and its id computed then (a 311 step's id holds its time), so
     * the ids known grow as the run sends. An id is known before its record is sent.
     *
     * <p>Sent from one thread; {@link #indexById} is read by the events listener too.
     */
    private static final class Outgoing {
        private final List<RawEvent> records;
        private final Map<Feed, String> topics;
        private final RawRecordParser parser;
        private final Clock clock;
        private final Map<String, Integer> indexById;
        private final boolean[] expected;
        private final Instant[] sentEventTime;

        Outgoing(
                List<RawEvent> records,
                Map<Feed, String> topics,
                RawRecordParser parser,
                Clock clock) {
            this.records = records;
            this.topics = topics;
            this.parser = parser;
            this.clock = clock;
            this.indexById = new ConcurrentHashMap<>(records.size() * 2);
            this.expected = new boolean[records.size()];
            this.sentEventTime = new Instant[records.size()];
            if (clock == Clock.REPLAY) {
                for (int i = 0; i < records.size(); i++) {
                    register(i, records.get(i));
                }
            }
        }

        /** Sends record {@code i}, noting when in {@code sendNanos}. */
        void send(KafkaRecordPublisher publisher, int i, AtomicLongArray sendNanos) {
            RawEvent e = records.get(i);
            if (clock == Clock.LIVE) {
                e = LiveRetiming.at(e, Instant.now());
                register(i, e);
            }
            sentEventTime[i] = e.occurredAt();
            sendNanos.set(i, System.nanoTime());
            publisher.send(topics.get(e.feed()), e);
        }

        private void register(int i, RawEvent e) {
            ParsedRecord p =
                    parser.parse(
                            new RawRecord(
                                    topics.get(e.feed()),
                                    0,
                                    0,
                                    System.currentTimeMillis(),
                                    e.json()));
            if (p.isAccepted() && indexById.putIfAbsent(p.event().eventId(), i) == null) {
                expected[i] = true;
            }
        }

        Map<String, Integer> indexById() {
            return indexById;
        }

        /** Which records the job should tag (of those sent, in {@link Clock#LIVE}). */
        boolean[] expectedEvents() {
            return expected;
        }

        /** Days between the first and last record's own event times. */
        double historySpanDays() {
            return days(records.get(0).occurredAt(), records.get(records.size() - 1).occurredAt());
        }

        /** Days of event time the records {@code [from, to)} carried as sent. */
        double spanDays(int from, int to) {
            Instant first = null;
            Instant last = null;
            for (int i = from; i < to; i++) {
                Instant t = sentEventTime[i];
                if (t != null) {
                    first = first == null || t.isBefore(first) ? t : first;
                    last = last == null || t.isAfter(last) ? t : last;
                }
            }
            return first == null ? 0 : days(first, last);
        }

        private static double days(Instant a, Instant b) {
            return Duration.between(a, b).toMillis() / 86_400_000.0;
        }
    }

    /**
     * Consumes {@code events} from its start and notes the first arrival of every known event id.
     */
    private static final class EventsListener implements AutoCloseable {
        private final Thread thread;
        private final AtomicLong matched = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();
        private volatile boolean running = true;

        EventsListener(
                String bootstrap,
                String topic,
                Map<String, Integer> indexById,
                AtomicLongArray receive) {
            thread =
                    new Thread(
                            () -> {
                                Properties p = new Properties();
                                p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                                p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
                                p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
                                try (KafkaConsumer<byte[], byte[]> consumer =
                                        new KafkaConsumer<>(
                                                p,
                                                new ByteArrayDeserializer(),
                                                new ByteArrayDeserializer())) {
                                    List<TopicPartition> parts =
                                            consumer.partitionsFor(topic).stream()
                                                    .map(
                                                            i ->
                                                                    new TopicPartition(
                                                                            topic, i.partition()))
                                                    .toList();
                                    consumer.assign(parts);
                                    consumer.seekToBeginning(parts);
                                    while (running) {
                                        var batch = consumer.poll(Duration.ofMillis(50));
                                        long now = System.nanoTime();
                                        for (ConsumerRecord<byte[], byte[]> r : batch) {
                                            Integer i =
                                                    r.key() == null
                                                            ? null
                                                            : indexById.get(
                                                                    new String(
                                                                            r.key(),
                                                                            StandardCharsets
                                                                                    .UTF_8));
                                            if (i == null) {
                                                continue;
                                            }
                                            if (receive.compareAndSet(i, 0, now)) {
                                                matched.incrementAndGet();
                                            } else {
                                                duplicates.incrementAndGet();
                                            }
                                        }
                                    }
                                }
                            },
                            "events-listener");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        long matched() {
            return matched.get();
        }

        long duplicates() {
            return duplicates.get();
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
