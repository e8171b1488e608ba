package org.zonestat.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;

/**
 * Sustained throughput of one job ({@link Variant}: the whole job, its tagging path alone, or the
 * pass-through ceiling): publishes the run's records of the {@link CityMix} into fresh raw topics
 * (2 partitions each) as fast as a batching producer can, then runs the job bounded (to the end of
 * those topics) at the given parallelism on a local MiniCluster, and times it from outside: {@link
 * EndOffsetSampler} watches the {@code events} topic grow, so the figure leaves out MiniCluster
 * start, job deployment and the final checkpoint (which commits the exactly-once outputs). A {@link
 * FlinkBusyProbe} records which operators were busy meanwhile.
 *
 * <p>Used from one thread.
 */
final class PipelineThroughput {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineThroughput.class);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(15);

    /** Which job a run times. */
    enum Variant {
        /** The whole job, every branch and sink. */
        FULL("the whole job"),
        /** Parse, dedupe, tag and the events and rejected sinks only. */
        TAGGING("the tagging path alone"),
        /** Each raw record copied to an output topic with no work: what Kafka and Flink cost. */
        CEILING("pass-through, no work");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    /**
     * What to run.
     *
     * @param name the run's name in the results, also its topics' suffix
     * @param feeds which of the mix's streams are published (the others' topics stay empty)
     */
    record Settings(
            String name,
            Variant variant,
            CityMix mix,
            Set<Feed> feeds,
            String compression,
            int parallelism,
            Map<String, String> flinkOverrides,
            int checkpointSeconds) {}

    /**
     * What was measured.
     *
     * @param rawByFeed records published per feed
     * @param publishSeconds generating and publishing them (one thread generating, the producer's
     *     sending)
     * @param eventsOut records in {@code events} after the job
     * @param rejected records in {@code rejected} (read_committed)
     * @param analyticsOut records in alerts, notifications, zone-stats, hotspots (read_committed)
     * @param firstToLastSeconds from the first record seen in {@code events} to the sample where it
     *     reached its final count
     * @param steadyRecordsPerSecond input records per second between 10 % and 90 % of the final
     *     count
     * @param jobWallSeconds from submission (MiniCluster start included) to the job's end
     * @param flinkNetRuntimeSeconds the job's own net runtime as Flink reports it
     * @param load busy and backpressured time per job vertex, averaged over the middle of the run
     * @param cpu machine and process CPU use over the job run
     * @param cpuWhileOutput the same from the first output record to the job's end
     */
    record Result(
            Settings settings,
            Map<Feed, Long> rawByFeed,
            double publishSeconds,
            long eventsOut,
            long rejected,
            Map<String, Long> analyticsOut,
            double firstToLastSeconds,
            double steadyRecordsPerSecond,
            double jobWallSeconds,
            double flinkNetRuntimeSeconds,
            List<FlinkBusyProbe.VertexLoad> load,
            CpuMeter.Usage cpu,
            CpuMeter.Usage cpuWhileOutput,
            String loadAverageAfter) {
        long raw() {
            return rawByFeed.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The headline: input records per second from the first to the last output record. */
        double sustainedRecordsPerSecond() {
            return raw() / firstToLastSeconds;
        }

        double publishRecordsPerSecond() {
            return raw() / publishSeconds;
        }
    }

    private PipelineThroughput() {}

    static Result run(EmbeddedKafkaBroker broker, Path workDir, Settings s) throws Exception {
        JobConfig config =
                PipelineSetup.jobConfig(broker.bootstrapServers(), "-" + s.name(), true)
                        .withCheckpointInterval(Duration.ofSeconds(s.checkpointSeconds()));
        broker.createTopics(config.topics().newTopics(2, (short) 1));

        LOG.info("{}: publishing {} of {}", s.name(), s.feeds(), s.mix());
        long t0 = System.nanoTime();
        Map<Feed, Long> raw =
                publish(broker.bootstrapServers(), PipelineSetup.rawTopics(config), s);
        double publishSeconds = (System.nanoTime() - t0) / 1e9;
        LOG.info("{}: published {} in {} s", s.name(), raw, String.format("%.1f", publishSeconds));

        int restPort = PipelineSetup.freePort();
        StreamExecutionEnvironment env =
                PipelineSetup.environment(
                        config,
                        s.parallelism(),
                        workDir.resolve("checkpoints-" + s.name()),
                        restPort,
                        s.flinkOverrides());
        switch (s.variant()) {
            case FULL -> ZoneTaggingJob.withKafka(config).build(env);
            case TAGGING -> ZoneTaggingJob.withKafka(config).buildTagging(env);
            case CEILING -> PassThroughJob.build(env, config);
        }
        long expected = raw.values().stream().mapToLong(Long::longValue).sum();
        JobExecutionResult result;
        double jobWall;
        List<FlinkBusyProbe.VertexLoad> load;
        List<EndOffsetSampler.Sample> samples;
        CpuMeter.Usage usage;
        CpuMeter.Usage usageWhileOutput;
        try (EndOffsetSampler events =
                new EndOffsetSampler(
                                broker.bootstrapServers(),
                                config.topics().events(),
                                Duration.ofMillis(100))
                        .start()) {
            long submit = System.nanoTime();
            CpuMeter cpu = CpuMeter.start();
            CpuMeter whileOutput = null;
            JobClient job = env.executeAsync("zonestat-bench-" + s.name());
            try (FlinkBusyProbe probe =
                    new FlinkBusyProbe(restPort, job.getJobID().toString(), Duration.ofSeconds(2))
                            .start()) {
                var done = job.getJobExecutionResult();
                long lastLog = System.nanoTime();
                while (!done.isDone()) {
                    long n = events.latest();
                    if (whileOutput == null && n > 0) {
                        whileOutput = CpuMeter.start();
                    }
                    // Busy figures only from the middle of the run, not its ramp-up or tail.
                    probe.measuring(n > expected * 0.05 && n < expected * 0.95);
                    if (System.nanoTime() - lastLog > 5e9) {
                        lastLog = System.nanoTime();
                        LOG.info("{}: {} of about {} events out", s.name(), n, expected);
                    }
                    if (System.nanoTime() - submit > JOB_TIMEOUT.toNanos()) {
                        job.cancel().get(30, TimeUnit.SECONDS);
                        throw new IllegalStateException(
                                s.name()
                                        + ": the bounded job did not finish within "
                                        + JOB_TIMEOUT);
                    }
                    try {
                        done.get(200, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        // still running
                    }
                }
                probe.measuring(false);
                // A failed job throws here, and the benchmark ends without a results file.
                result = done.get();
                jobWall = (System.nanoTime() - submit) / 1e9;
                usage = cpu.sinceStart();
                usageWhileOutput = whileOutput == null ? usage : whileOutput.sinceStart();
                load = probe.averages();
            }
            events.close(); // one more sample, after the job's end
            samples = events.samples();
        }
        String loadAfter = MachineDescription.loadAverage();
        long eventsOut;
        try (var admin = broker.admin()) {
            eventsOut = PipelineSetup.endOffsets(admin, config.topics().events());
        }
        ThroughputTiming timing = ThroughputTiming.of(samples, eventsOut);
        long rejected =
                s.variant() == Variant.CEILING
                        ? 0
                        : PipelineSetup.countCommitted(
                                broker.bootstrapServers(),
                                config.topics().rejected(),
                                Duration.ofSeconds(60));
        // in = events + rejected: a run that lost records measured something else.
        if (eventsOut + rejected < expected) {
            throw new IllegalStateException(
                    String.format(
                            "%s: %d records in, but only %d events and %d rejected out",
                            s.name(), expected, eventsOut, rejected));
        }
        Map<String, Long> analytics = new java.util.LinkedHashMap<>();
        if (s.variant() == Variant.FULL) {
            for (String topic :
                    List.of(
                            config.topics().alerts(),
                            config.topics().notifications(),
                            config.topics().zoneStats(),
                            config.topics().hotspots())) {
                analytics.put(
                        topic.replace("-" + s.name(), ""),
                        PipelineSetup.countCommitted(
                                broker.bootstrapServers(), topic, Duration.ofSeconds(120)));
            }
        }
        Result r =
                new Result(
                        s,
                        raw,
                        publishSeconds,
                        eventsOut,
                        rejected,
                        analytics,
                        timing.firstToLastSeconds(),
                        timing.middleFraction() * expected / timing.middleSeconds(),
                        jobWall,
                        result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0,
                        load,
                        usage,
                        usageWhileOutput,
                        loadAfter);
        LOG.info(
                "{}: {} raw records, {} events, {} rejected; {} records/s first-to-last output",
                s.name(),
                expected,
                eventsOut,
                rejected,
                String.format("%,.0f", r.sustainedRecordsPerSecond()));
        return r;
    }

    /** Generates and publishes the run's streams of the mix; returns records per feed. */
    static Map<Feed, Long> publish(String bootstrap, Map<Feed, String> topics, Settings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, s.compression());
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<Feed, Long> counts = new EnumMap<>(Feed.class);
        Iterator<RawEvent> records = s.mix().iterator(s.feeds());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            while (records.hasNext()) {
                RawEvent e = records.next();
                producer.send(
                        new ProducerRecord<>(
                                topics.get(e.feed()),
                                e.key().getBytes(StandardCharsets.UTF_8),
                                e.json().getBytes(StandardCharsets.UTF_8)),
                        (md, ex) -> {
                            if (ex != null) {
                                failure.compareAndSet(null, ex);
                            }
                        });
                counts.merge(e.feed(), 1L, Long::sum);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "publishing failed: " + failure.get().getMessage(), failure.get());
        }
        return counts;
    }
}
