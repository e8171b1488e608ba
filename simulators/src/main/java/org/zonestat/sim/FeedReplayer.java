package org.zonestat.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.topics.Topics;

/**
 * Publishes a list of {@link RawEvent}s to the raw topics in their order, paced by their event
 * times: {@code speed} event-time seconds pass per wall-clock second (0 = as fast as possible), and
 * no pause is longer than {@code maxPause} (so years-long gaps in historical data don't stall a
 * demo).
 *
 * <p>Resumable: {@link #alreadyPublished} counts what a previous run left in each raw topic, and
 * {@link #replay} skips that many records of each feed, so a restarted demo continues where it
 * stopped instead of publishing its history twice. This assumes the replayer is the only writer of
 * those topics, as in the one-process demo. The producer is idempotent with {@code acks=all}.
 *
 * <p>{@link #publishLive} paces records by a clock instead: each goes out when the clock reaches
 * its event time, which lets a generated stream run on into the future as live data.
 *
 * <p>One replay at a time; {@link #stop()} may be called from another thread.
 */
public final class FeedReplayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedReplayer.class);

    private final String bootstrapServers;
    private final Map<Feed, String> topics;
    private final double speed;
    private final Duration maxPause;
    private final KafkaProducer<String, String> producer;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * @param topics the topic name of each feed
     * @param speed event-time seconds per wall-clock second; 0 publishes without pauses
     * @param maxPause the longest pause between two records
     */
    public FeedReplayer(
            String bootstrapServers, Map<Feed, String> topics, double speed, Duration maxPause) {
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("speed must be >= 0, was " + speed);
        }
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topics = Map.copyOf(topics);
        this.speed = speed;
        this.maxPause = Objects.requireNonNull(maxPause, "maxPause");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p);
    }

    /** The default topic names ({@link Topics#defaults()}). */
    public static Map<Feed, String> defaultTopics() {
        return topics(Topics.defaults());
    }

    /** Each feed's topic among {@code topics}. */
    public static Map<Feed, String> topics(Topics topics) {
        Map<Feed, String> m = new EnumMap<>(Feed.class);
        for (Feed f : Feed.values()) {
            m.put(f, f.topic(topics));
        }
        return m;
    }

    /** How many records each feed's topic holds already (sum of its partitions' end offsets). */
    public Map<Feed, Long> alreadyPublished() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<Feed, Long> counts = new EnumMap<>(Feed.class);
        try (Admin admin = Admin.create(p)) {
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics.values()).allTopicNames().get(30, TimeUnit.SECONDS);
            for (Map.Entry<Feed, String> e : topics.entrySet()) {
                Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
                described
                        .get(e.getValue())
                        .partitions()
                        .forEach(
                                pi ->
                                        request.put(
                                                new TopicPartition(e.getValue(), pi.partition()),
                                                OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
                counts.put(
                        e.getKey(),
                        ends.values().stream()
                                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                                .sum());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot read the raw topics' end offsets on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return counts;
    }

    /**
     * Publishes the events in order, skipping the first {@code skip.get(feed)} records of each
     * feed, and returns how many it published per feed. Returns early after {@link #stop()}.
     */
    public Map<Feed, Long> replay(List<RawEvent> events, Map<Feed, Long> skip)
            throws InterruptedException {
        Instant[] previous = {null};
        return publish(
                events.iterator(),
                skip,
                e -> {
                    if (speed > 0 && previous[0] != null) {
                        pause(Duration.between(previous[0], e.occurredAt()));
                    }
                    previous[0] = e.occurredAt();
                    return !stopped.get();
                });
    }

    /**
     * Publishes the events in order as they fall due: each one once {@code clock} has reached its
     * event time (events already past go at once, as fast as the broker takes them), so a stream
     * that runs into the future is published live. The first {@code skip.get(feed)} records of each
     * feed are skipped, as by {@link #replay}. Returns how many it published per feed when the
     * events run out or after {@link #stop()}.
     */
    public Map<Feed, Long> publishLive(Iterator<RawEvent> events, Map<Feed, Long> skip, Clock clock)
            throws InterruptedException {
        return publish(events, skip, e -> waitUntil(e.occurredAt(), clock));
    }

    /** Waits until a record may go; false when the replayer was stopped instead. */
    @FunctionalInterface
    private interface Pacing {
        boolean due(RawEvent next) throws InterruptedException;
    }

    private Map<Feed, Long> publish(Iterator<RawEvent> events, Map<Feed, Long> skip, Pacing pacing)
            throws InterruptedException {
        Map<Feed, Long> seen = new EnumMap<>(Feed.class);
        Map<Feed, Long> published = new EnumMap<>(Feed.class);
        for (Feed f : Feed.values()) {
            seen.put(f, 0L);
            published.put(f, 0L);
        }
        List<Exception> failures = new ArrayList<>();
        long total = 0;
        while (!stopped.get() && events.hasNext()) {
            RawEvent e = events.next();
            long index = seen.merge(e.feed(), 1L, Long::sum) - 1;
            if (index < skip.getOrDefault(e.feed(), 0L)) {
                continue;
            }
            if (!pacing.due(e)) {
                break;
            }
            send(e, failures);
            published.merge(e.feed(), 1L, Long::sum);
            if (++total % 10_000 == 0) {
                LOG.info("published {} records, event time now {}", total, e.occurredAt());
            }
        }
        producer.flush();
        throwIfFailed(failures);
        return published;
    }

    /** Sleeps until the clock reaches {@code at}; false if stopped first. */
    private boolean waitUntil(Instant at, Clock clock) throws InterruptedException {
        while (!stopped.get()) {
            long millis = Duration.between(clock.instant(), at).toMillis();
            if (millis <= 0) {
                return true;
            }
            producer.flush();
            Thread.sleep(Math.min(millis, 1_000));
        }
        return false;
    }

    private void send(RawEvent e, List<Exception> failures) {
        producer.send(
                new ProducerRecord<>(topics.get(e.feed()), e.key(), e.json()),
                (md, ex) -> {
                    if (ex != null) {
                        synchronized (failures) {
                            failures.add(ex);
                        }
                    }
                });
    }

    private void throwIfFailed(List<Exception> failures) {
        synchronized (failures) {
            if (!failures.isEmpty()) {
                throw new IllegalStateException(
                        failures.size()
                                + " records could not be published to "
                                + bootstrapServers
                                + "; the first failure: "
                                + failures.get(0),
                        failures.get(0));
            }
        }
    }

    private void pause(Duration eventTimeGap) throws InterruptedException {
        if (eventTimeGap.isNegative() || eventTimeGap.isZero()) {
            return;
        }
        long millis = (long) (eventTimeGap.toMillis() / speed);
        millis = Math.min(millis, maxPause.toMillis());
        if (millis > 0) {
            producer.flush();
            Thread.sleep(millis);
        }
    }

    /** Makes a running {@link #replay} return after its current record. */
    public void stop() {
        stopped.set(true);
    }

    @Override
    public void close() {
        stop();
        producer.close(Duration.ofSeconds(10));
    }
}
