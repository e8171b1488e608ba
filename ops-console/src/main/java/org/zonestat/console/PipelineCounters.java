package org.zonestat.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's reconciliation, read from the topics themselves so that it holds for any
 * deployment (one process or clusters): records in each raw topic, how far the job has committed
 * its reading of them, records in {@code events}, and the committed rejections by reason (counted
 * by a consumer of {@code rejected} reading with {@code read_committed}).
 *
 * <p>{@code in = accepted + rejected} once the job has caught up, where {@code accepted = in -
 * rejected}; {@code eventsRecords} may exceed {@code accepted} by at-least-once redeliveries (same
 * ids) or trail it while the job is working.
 *
 * <p>Thread-safe: one daemon thread counts rejections; {@link #snapshot()} may be called from any
 * thread.
 */
public final class PipelineCounters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineCounters.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final List<String> rawTopics;
    private final String eventsTopic;
    private final String rejectedTopic;
    private final String jobGroup;
    private final Map<String, AtomicLong> rejectedByReason = new ConcurrentHashMap<>();
    private final AtomicLong rejectedTotal = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Admin admin;
    private final Thread thread;

    public PipelineCounters(
            String bootstrapServers,
            List<String> rawTopics,
            String eventsTopic,
            String rejectedTopic,
            String jobGroup) {
        this.bootstrapServers = bootstrapServers;
        this.rawTopics = List.copyOf(rawTopics);
        this.eventsTopic = eventsTopic;
        this.rejectedTopic = rejectedTopic;
        this.jobGroup = jobGroup;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(p);
        this.thread = new Thread(this::countRejections, "zonestat-pipeline-counters");
        this.thread.setDaemon(true);
    }

    public PipelineCounters start() {
        thread.start();
        return this;
    }

    /** What the pipeline has taken in and put out so far. */
    public record Snapshot(
            Map<String, Long> in,
            long inTotal,
            Map<String, Long> committedByJob,
            long pending,
            long eventsRecords,
            long rejected,
            Map<String, Long> rejectedByReason,
            long accepted) {}

    public Snapshot snapshot() {
        Map<String, Long> in = new TreeMap<>();
        Map<String, Long> committed = new TreeMap<>();
        long events = 0;
        try {
            Map<TopicPartition, Long> ends = endOffsets(admin, all());
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(jobGroup)
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                String topic = e.getKey().topic();
                if (topic.equals(eventsTopic)) {
                    events += e.getValue();
                } else {
                    in.merge(topic, e.getValue(), Long::sum);
                    OffsetAndMetadata o = offsets.get(e.getKey());
                    committed.merge(topic, o == null ? 0 : o.offset(), Long::sum);
                }
            }
        } catch (Exception e) {
            LOG.warn("cannot read topic offsets from {}: {}", bootstrapServers, e.toString());
        }
        long inTotal = in.values().stream().mapToLong(Long::longValue).sum();
        long committedTotal = committed.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> reasons = new TreeMap<>();
        rejectedByReason.forEach((k, v) -> reasons.put(k, v.get()));
        long rejected = rejectedTotal.get();
        return new Snapshot(
                in,
                inTotal,
                committed,
                inTotal - committedTotal,
                events,
                rejected,
                reasons,
                inTotal - rejected);
    }

    private List<String> all() {
        List<String> topics = new ArrayList<>(rawTopics);
        topics.add(eventsTopic);
        return topics;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics)
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .forEach(
                        (name, d) ->
                                d.partitions()
                                        .forEach(
                                                p ->
                                                        request.put(
                                                                new TopicPartition(
                                                                        name, p.partition()),
                                                                OffsetSpec.latest())));
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }

    private void countRejections() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running.get() && partitions.isEmpty()) {
                consumer.partitionsFor(rejectedTopic, Duration.ofSeconds(10))
                        .forEach(
                                pi ->
                                        partitions.add(
                                                new TopicPartition(rejectedTopic, pi.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    rejectedTotal.incrementAndGet();
                    rejectedByReason
                            .computeIfAbsent(reason(r.value()), k -> new AtomicLong())
                            .incrementAndGet();
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("counting rejections on '{}' stopped", rejectedTopic, e);
        }
    }

    private static String reason(String value) {
        try {
            JsonNode n = JSON.readTree(value);
            return n.path("reason").asText("unknown");
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
