package org.zonestat.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.topics.ContactMessage;
import org.zonestat.topics.DeadLetterMessage;
import org.zonestat.topics.DeliveryMessage;
import org.zonestat.topics.MalformedMessageException;
import org.zonestat.topics.NotificationMessage;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.TopicMessage;

/**
 * Closes the loop with the resident: reads {@code notifications} ({@code read_committed}, so only
 * closures the job committed), finds the contact the resident gave with the request on the
 * restricted {@code contacts} topic, and delivers one message per closure by the first {@link
 * DeliveryChannel} that reaches the contact, with retries and backoff; after the last failed try it
 * writes a {@link DeadLetterMessage} to {@code notification-dead-letters}. A closure whose request
 * has no contact is passed over (nothing to deliver).
 *
 * <h2>Exactly one message per closure, across restarts</h2>
 *
 * The notification id is one per closure (the job's {@code close-loop/<request>/<closedAt>}). On
 * start the notifier reads the compacted {@code notification-deliveries} topic: every id there was
 * delivered or dead-lettered and is never sent again, so a notification the job writes a second
 * time (a restart from an older checkpoint, a backfill) is skipped. After each delivery it writes a
 * {@link DeliveryMessage} and its consumer offset in <em>one Kafka transaction</em>, so "recorded"
 * and "read past" cannot disagree. The one gap no transaction covers is a crash after the relay
 * accepted the message and before that transaction commits (milliseconds): the message is then sent
 * again with the same {@code Message-ID} / {@code Idempotency-Key}, which receivers use to drop the
 * repeat.
 *
 * <p>Logs name notification and request ids only, never contact details. Runs on its own thread
 * from {@link #start()} to {@link #close()}; thread-safe.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final NotifierSettings settings;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Set<String> done = new HashSet<>();
    private final Map<String, ContactMessage> contacts = new HashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile KafkaConsumer<String, byte[]> notifications;
    private volatile KafkaConsumer<String, byte[]> contactReader;

    /**
     * Counts since start: delivered, dead-lettered, and passed over (already done or no contact).
     */
    public record Stats(long delivered, long deadLettered, long skipped) {}

    public Notifier(NotifierSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.thread = new Thread(this::run, "zonestat-notifier");
        this.thread.setDaemon(true);
    }

    /** Starts the notifier's thread; returns at once. */
    public Notifier start() {
        thread.start();
        return this;
    }

    /** Waits (bounded) until the notifier has read its records of past deliveries. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Stats stats() {
        return new Stats(delivered.get(), deadLettered.get(), skipped.get());
    }

    private void run() {
        try {
            createTopicsIfMissing();
            try (KafkaConsumer<String, byte[]> n = new KafkaConsumer<>(notificationsConfig());
                    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(readerConfig());
                    KafkaProducer<String, byte[]> p = new KafkaProducer<>(producerConfig())) {
                notifications = n;
                contactReader = c;
                p.initTransactions();
                loadDeliveries();
                assignFromBeginning(c, settings.topics().contacts());
                readContactsToEnd(c);
                n.subscribe(List.of(settings.topics().notifications()));
                ready.countDown();
                LOG.info(
                        "Notifier ready: {} closures already delivered or dead-lettered, {} contacts held",
                        done.size(),
                        contacts.size());
                while (stopping.getCount() > 0) {
                    ConsumerRecords<String, byte[]> records = n.poll(POLL);
                    readContacts(c, Duration.ZERO);
                    for (ConsumerRecord<String, byte[]> r : records) {
                        if (stopping.getCount() == 0) {
                            return;
                        }
                        handle(r, n, c, p);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (stopping.getCount() > 0) {
                LOG.error("The notifier stopped", e);
            }
        }
    }

    private void handle(
            ConsumerRecord<String, byte[]> r,
            KafkaConsumer<String, byte[]> n,
            KafkaConsumer<String, byte[]> c,
            KafkaProducer<String, byte[]> p)
            throws InterruptedException {
        NotificationMessage closure;
        try {
            closure = TopicCodec.decode(r.topic(), r.value(), NotificationMessage.class);
        } catch (MalformedMessageException e) {
            LOG.warn(
                    "Skipping an unreadable notification at {}-{}@{}",
                    r.topic(),
                    r.partition(),
                    r.offset());
            commit(p, n, r, List.of());
            skipped.incrementAndGet();
            return;
        }
        if (done.contains(closure.notificationId())) {
            LOG.debug("{} was already delivered", closure.notificationId());
            commit(p, n, r, List.of());
            skipped.incrementAndGet();
            return;
        }
        ContactMessage contact = contacts.get(closure.requestId());
        if (contact == null) {
            // The contact is written before the request enters the job; catch up to be sure.
            readContactsToEnd(c);
            contact = contacts.get(closure.requestId());
        }
        DeliveryChannel channel = contact == null ? null : channelFor(contact);
        if (channel == null) {
            commit(p, n, r, List.of());
            skipped.incrementAndGet();
            return;
        }
        ClosureMessage message =
                ClosureMessage.of(closure, contact, settings.timeZone(), settings.signature());
        int attempt = 0;
        DeliveryChannel.DeliveryException last = null;
        while (attempt < settings.maxAttempts()) {
            attempt++;
            try {
                channel.deliver(message, contact);
                last = null;
                break;
            } catch (DeliveryChannel.DeliveryException e) {
                last = e;
                LOG.warn(
                        "{} try {} of {} by {} failed: {}",
                        closure.notificationId(),
                        attempt,
                        settings.maxAttempts(),
                        channel.name(),
                        e.getMessage());
                if (e.permanent() || attempt == settings.maxAttempts()) {
                    break;
                }
                if (stopping.await(settings.backoff(attempt).toMillis(), TimeUnit.MILLISECONDS)) {
                    return; // closing: not recorded, so the next start tries again
                }
            }
        }
        Instant now = settings.clock().instant();
        String key = closure.notificationId();
        if (last == null) {
            commit(
                    p,
                    n,
                    r,
                    List.of(
                            record(
                                    settings.topics().deliveries(),
                                    key,
                                    new DeliveryMessage(
                                            key,
                                            closure.requestId(),
                                            channel.name(),
                                            DeliveryMessage.DELIVERED,
                                            attempt,
                                            now))));
            delivered.incrementAndGet();
            LOG.info("{} delivered by {} after {} tries", key, channel.name(), attempt);
        } else {
            commit(
                    p,
                    n,
                    r,
                    List.of(
                            record(
                                    settings.topics().deliveries(),
                                    key,
                                    new DeliveryMessage(
                                            key,
                                            closure.requestId(),
                                            channel.name(),
                                            DeliveryMessage.DEAD_LETTER,
                                            attempt,
                                            now)),
                            record(
                                    settings.topics().deadLetters(),
                                    key,
                                    new DeadLetterMessage(
                                            key,
                                            closure.requestId(),
                                            channel.name(),
                                            attempt,
                                            Redaction.of(last.getMessage(), contact),
                                            last.permanent(),
                                            now))));
            deadLettered.incrementAndGet();
            LOG.warn("{} dead-lettered after {} tries", key, attempt);
        }
        done.add(key);
    }

    private DeliveryChannel channelFor(ContactMessage contact) {
        for (DeliveryChannel ch : settings.channels()) {
            if (ch.reaches(contact)) {
                return ch;
            }
        }
        return null;
    }

    /** The records and the offset past {@code r}, in one transaction. */
    private void commit(
            KafkaProducer<String, byte[]> p,
            KafkaConsumer<String, byte[]> n,
            ConsumerRecord<String, byte[]> r,
            List<ProducerRecord<String, byte[]>> records) {
        p.beginTransaction();
        try {
            records.forEach(p::send);
            p.sendOffsetsToTransaction(
                    Map.of(
                            new TopicPartition(r.topic(), r.partition()),
                            new OffsetAndMetadata(r.offset() + 1)),
                    n.groupMetadata());
            p.commitTransaction();
        } catch (RuntimeException e) {
            try {
                p.abortTransaction();
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private ProducerRecord<String, byte[]> record(String topic, String key, TopicMessage value) {
        return new ProducerRecord<>(
                topic, null, settings.clock().millis(), key, TopicCodec.encode(value));
    }

    private void loadDeliveries() {
        try (KafkaConsumer<String, byte[]> d = new KafkaConsumer<>(readerConfig())) {
            assignFromBeginning(d, settings.topics().deliveries());
            Map<TopicPartition, Long> end = d.endOffsets(d.assignment());
            while (!reached(d, end) && stopping.getCount() > 0) {
                for (ConsumerRecord<String, byte[]> r : d.poll(POLL)) {
                    if (r.value() == null) {
                        done.remove(r.key());
                    } else {
                        done.add(r.key());
                    }
                }
            }
        }
    }

    private void readContactsToEnd(KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
        while (!reached(c, end) && stopping.getCount() > 0) {
            readContacts(c, POLL);
        }
    }

    private void readContacts(KafkaConsumer<String, byte[]> c, Duration wait) {
        for (ConsumerRecord<String, byte[]> r : c.poll(wait)) {
            if (r.value() == null) {
                contacts.remove(r.key());
                continue;
            }
            try {
                ContactMessage m = TopicCodec.decode(r.topic(), r.value(), ContactMessage.class);
                contacts.put(m.requestId(), m);
            } catch (MalformedMessageException e) {
                LOG.warn("Skipping an unreadable contact at offset {}", r.offset());
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void assignFromBeginning(KafkaConsumer<String, byte[]> c, String topic) {
        List<PartitionInfo> infos = List.of();
        while ((infos == null || infos.isEmpty()) && stopping.getCount() > 0) {
            infos = c.partitionsFor(topic, Duration.ofSeconds(5));
        }
        List<TopicPartition> parts =
                infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
    }

    private void createTopicsIfMissing() {
        List<String> mine =
                List.of(
                        settings.topics().contacts(),
                        settings.topics().deliveries(),
                        settings.topics().deadLetters(),
                        settings.topics().notifications());
        List<NewTopic> wanted =
                settings.topics().newTopics(1, (short) 1).stream()
                        .filter(t -> mine.contains(t.name()))
                        .toList();
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                settings.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create the notifier's topics", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topics", e);
        }
    }

    private Map<String, Object> notificationsConfig() {
        Map<String, Object> m = new HashMap<>(readerConfig());
        m.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        m.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        m.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(15).toMillis());
        return m;
    }

    private Map<String, Object> readerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                settings.groupId() + "-deliveries",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
    }

    /** Stops the thread: a delivery in progress finishes its try, a backoff wait ends at once. */
    @Override
    public void close() {
        stopping.countDown();
        KafkaConsumer<String, byte[]> n = notifications;
        if (n != null) {
            n.wakeup();
        }
        KafkaConsumer<String, byte[]> c = contactReader;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(20).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
