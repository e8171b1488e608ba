package org.zonestat.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.topics.Topics;

/**
 * What both pipeline measurements share: the job's configuration on a fresh set of topics, the
 * local MiniCluster environment the way the demo makes it, and counting records in topics.
 *
 * <p>Stateless; thread-safe.
 */
final class PipelineSetup {
    private PipelineSetup() {}

    /** The production job configuration on topics with {@code suffix}, its own consumer group. */
    static JobConfig jobConfig(String bootstrap, String suffix, boolean bounded) {
        return JobConfig.defaults(bootstrap)
                .withTopics(Topics.defaults().withSuffix(suffix))
                .withGroupId("bench" + suffix)
                .withBounded(bounded);
    }

    /** Which raw topic each synthetic feed goes to. */
    static Map<Feed, String> rawTopics(JobConfig config) {
        return FeedReplayer.topics(config.topics());
    }

    /**
     * A local MiniCluster environment as the demo makes it ({@link
     * ZoneTaggingJob#flinkConfiguration} plus checkpoints under {@code checkpointDir}), with its
     * REST API on {@code restPort} (metrics refreshed every second) and {@code overrides} (Flink
     * option keys, for tuning experiments).
     */
    static StreamExecutionEnvironment environment(
            JobConfig config,
            int parallelism,
            Path checkpointDir,
            int restPort,
            Map<String, String> overrides) {
        Configuration flink = ZoneTaggingJob.flinkConfiguration(config);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        flink.set(RestOptions.ADDRESS, "127.0.0.1");
        flink.set(RestOptions.BIND_PORT, String.valueOf(restPort));
        flink.set(RestOptions.PORT, restPort);
        flink.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        flink.addAll(Configuration.fromMap(overrides));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
        env.configure(flink);
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        return env;
    }

    /** Sum of the end offsets (high watermarks) of every partition of {@code topic}. */
    static long endOffsets(Admin admin, String topic) {
        try {
            int partitions =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .get(topic)
                            .partitions()
                            .size();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long sum = 0;
            for (ListOffsetsResult.ListOffsetsResultInfo info :
                    admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values()) {
                sum += info.offset();
            }
            return sum;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Counts the records of {@code topic} from its beginning to its current end, as a {@code
     * read_committed} reader sees them (so transaction markers and aborted records do not count).
     * Gives up after {@code timeout} and returns what it counted.
     */
    static long countCommitted(String bootstrap, String topic, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                count += records.count();
            }
            return count;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
