package org.zonestat.console.scorecard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.console.kafka.TopicRecord;
import org.zonestat.topics.ActionItem;
import org.zonestat.topics.TopicCodec;

/**
 * Huddle action items kept in a compacted Kafka topic ({@code action-items}, key = item id, value =
 * the {@link ActionItem}), so they survive restarts: the console's topic feed reads the topic from
 * the beginning into the store; each change is written to the topic (acknowledged by all in-sync
 * replicas) before it is applied in memory and answered.
 *
 * <p>Creates the topic ({@code cleanup.policy=compact}) when it does not exist. Thread-safe:
 * changes are serialized on the store; reads see a consistent copy.
 */
public final class ActionItemStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActionItemStore.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final Clock clock;
    private final Map<String, ActionItem> items = new LinkedHashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private final TopicProgress reader;

    /**
     * Creates the topic if it is missing and subscribes to it on {@code feed} (before it starts).
     */
    public ActionItemStore(TopicFeed feed, String bootstrapServers, String topic, Clock clock) {
        this.topic = topic;
        this.clock = clock;
        createTopicIfMissing(bootstrapServers, topic);
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.LINGER_MS_CONFIG,
                                0),
                        new StringSerializer(),
                        new ByteArraySerializer());
        this.reader =
                feed.subscribeWithTombstones(
                        topic, ActionItem.class, StartAt.beginning(), this::load);
    }

    /** How far the topic has been read, for its lag and whether it has loaded everything. */
    public TopicProgress reader() {
        return reader;
    }

    private static void createTopicIfMissing(String bootstrapServers, String topic) {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(topic, Optional.of(1), Optional.empty())
                                            .configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created compacted topic '{}'", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("Cannot create topic '{}': {}", topic, e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("Cannot create topic '{}': Kafka did not answer", topic);
        }
    }

    private void load(TopicRecord<ActionItem> r) {
        ActionItem item = r.value();
        synchronized (this) {
            if (item == null) {
                items.remove(r.key());
                return;
            }
            // Our own writes come back later; never let an older state replace a newer one.
            ActionItem held = items.get(item.id());
            if (held == null || !held.updatedAt().isAfter(item.updatedAt())) {
                items.put(item.id(), item);
            }
        }
    }

    /** Every item, oldest first. */
    public synchronized List<ActionItem> all() {
        return items.values().stream()
                .sorted(Comparator.comparing(ActionItem::createdAt).thenComparing(ActionItem::id))
                .toList();
    }

    /** The items of one zone, oldest first. */
    public List<ActionItem> of(String layer, String zone) {
        return all().stream()
                .filter(i -> i.layer().equals(layer) && i.zone().equals(zone))
                .toList();
    }

    public synchronized Optional<ActionItem> get(String id) {
        return Optional.ofNullable(items.get(id));
    }

    /** Creates an open item and returns it once the topic has it. */
    public synchronized ActionItem create(
            String layer,
            String zone,
            String what,
            String agency,
            String assignee,
            LocalDate dueDate) {
        Instant now = clock.instant();
        String id = "AI-" + UUID.randomUUID().toString().substring(0, 13);
        return write(
                new ActionItem(
                        id,
                        layer,
                        zone,
                        what,
                        agency,
                        assignee,
                        dueDate,
                        ActionItem.OPEN,
                        now,
                        now,
                        null,
                        null));
    }

    /** Assigns an item to an agency (and person); empty if there is no such item. */
    public synchronized Optional<ActionItem> assign(String id, String agency, String assignee) {
        return get(id).map(i -> write(i.assignedTo(agency, assignee, clock.instant())));
    }

    /** Closes an item; empty if there is no such item. Closing a closed item changes nothing. */
    public synchronized Optional<ActionItem> close(String id, String note) {
        return get(id).map(i -> i.isOpen() ? write(i.closed(note, clock.instant())) : i);
    }

    private ActionItem write(ActionItem item) {
        try {
            producer.send(new ProducerRecord<>(topic, item.id(), TopicCodec.encode(item)))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving action item " + item.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot save action item " + item.id() + " to " + topic, e);
        }
        items.put(item.id(), item);
        return item;
    }

    /** Closes the producer (the feed is closed by its owner). */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
