package org.zonestat.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicHandler;
import org.zonestat.console.kafka.TopicRecord;
import org.zonestat.topics.RejectedMessage;

/**
 * The pipeline's reconciliation, read from the topics themselves so that it holds for any
 * deployment (one process or clusters): records in each raw topic, how far the job has committed
 * its reading of them, records in {@code events}, and the committed rejections by reason (counted
 * from {@code rejected}, read from its beginning by the console's {@link TopicFeed}; a record that
 * is not a rejection message counts under {@code unreadable}).
 *
 * <p>Only rejections of raw records count against {@code in}: a rejection whose {@code sourceTopic}
 * is not a raw topic (a zone layer the job could not use, an output record refused by its sink) is
 * counted apart, under {@code otherRejections} by its source topic, so that it never makes {@code
 * accepted} smaller than what the raw topics hold.
 *
 * <p>{@code in = accepted + rejected} once the job has caught up, where {@code accepted = in -
 * rejected}; {@code eventsRecords} may exceed {@code accepted} by at-least-once redeliveries (same
 * ids) or trail it while the job is working.
 *
 * <p>Thread-safe: the feed's thread counts rejections; {@link #snapshot()} may be called from any
 * thread.
 */
public final class PipelineCounters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineCounters.class);

    /** The reason under which records of {@code rejected} that cannot be read are counted. */
    static final String UNREADABLE = "unreadable";

    private final String bootstrapServers;
    private final List<String> rawTopics;
    private final String eventsTopic;
    private final String jobGroup;
    private final Map<String, AtomicLong> rejectedByReason = new ConcurrentHashMap<>();
    private final AtomicLong rejectedTotal = new AtomicLong();
    private final Map<String, AtomicLong> otherRejections = new ConcurrentHashMap<>();
    private final Admin admin;

    /** Subscribes to {@code rejectedTopic} on {@code feed} (before the feed starts). */
    public PipelineCounters(
            TopicFeed feed,
            String bootstrapServers,
            List<String> rawTopics,
            String eventsTopic,
            String rejectedTopic,
            String jobGroup) {
        this.bootstrapServers = bootstrapServers;
        this.rawTopics = List.copyOf(rawTopics);
        this.eventsTopic = eventsTopic;
        this.jobGroup = jobGroup;
        feed.subscribe(
                rejectedTopic, RejectedMessage.class, StartAt.beginning(), new RejectionCounter());
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(p);
    }

    /**
     * Counts each record of {@code rejected} once by its reason, also when the feed reads the topic
     * again after a failure.
     */
    private final class RejectionCounter implements TopicHandler<RejectedMessage> {
        private final Map<Integer, Long> next = new HashMap<>();

        @Override
        public void accept(TopicRecord<RejectedMessage> r) {
            count(r.partition(), r.offset(), r.value().sourceTopic(), r.value().reason());
        }

        @Override
        public void malformed(String where, int partition, long offset, String reason) {
            count(partition, offset, null, UNREADABLE);
        }

        /** {@code sourceTopic} null when the record cannot be read: it counts as a raw one. */
        private void count(int partition, long offset, String sourceTopic, String reason) {
            if (offset < next.getOrDefault(partition, 0L)) {
                return;
            }
            next.put(partition, offset + 1);
            if (sourceTopic != null && !rawTopics.contains(sourceTopic)) {
                otherRejections
                        .computeIfAbsent(sourceTopic, k -> new AtomicLong())
                        .incrementAndGet();
                return;
            }
            rejectedTotal.incrementAndGet();
            rejectedByReason.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * What the pipeline has taken in and put out so far.
     *
     * @param otherRejections rejections of records that did not come from a raw topic, by the topic
     *     they came from or were bound for ({@code zones}, {@code alerts}, ...)
     */
    public record Snapshot(
            Map<String, Long> in,
            long inTotal,
            Map<String, Long> committedByJob,
            long pending,
            long eventsRecords,
            long rejected,
            Map<String, Long> rejectedByReason,
            long accepted,
            Map<String, Long> otherRejections) {}

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
        Map<String, Long> others = new TreeMap<>();
        otherRejections.forEach((k, v) -> others.put(k, v.get()));
        return new Snapshot(
                in,
                inTotal,
                committed,
                inTotal - committedTotal,
                events,
                rejected,
                reasons,
                inTotal - rejected,
                others);
    }

    private List<String> all() {
        List<String> topics = new ArrayList<>(rawTopics);
        topics.add(eventsTopic);
        return topics;
    }

    /**
     * The end offset of every partition of the topics that exist (a raw topic not created yet, such
     * as an older deployment's missing {@code activities.raw}, counts nothing).
     */
    private static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> t :
                admin.describeTopics(topics).topicNameValues().entrySet()) {
            TopicDescription d;
            try {
                d = t.getValue().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue;
                }
                throw e;
            }
            d.partitions()
                    .forEach(
                            p ->
                                    request.put(
                                            new TopicPartition(t.getKey(), p.partition()),
                                            OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }

    /** Closes the admin client (the feed is closed by its owner). */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
