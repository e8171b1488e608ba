package org.zonestat.console.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.Role;
import org.zonestat.topics.AuditMessage;
import org.zonestat.topics.TopicCodec;

/**
 * Writes who read restricted data to the {@code audit} topic: each delivery of a restricted alert,
 * each monitored track a connection receives, each track request. {@link #record} only queues (it
 * is called while the live hub delivers, which must not wait for Kafka); one daemon thread sends,
 * with {@code acks=all} and idempotence, and {@link #close} sends what is queued first.
 *
 * <p>A console without an audit topic has {@link #DISABLED}: it never delivers restricted data at
 * all ({@link #enabled()}), since it could not say who read it.
 *
 * <p>Thread-safe.
 */
public class AuditTrail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    /** No audit topic: restricted data is never delivered. */
    public static final AuditTrail DISABLED = new AuditTrail();

    /**
     * Who reads: the role and the first 8 hex digits of the SHA-256 of the access token (an admin
     * can match it against the token file; the topic never holds a token).
     *
     * @param actor {@code <role>:<fingerprint>}
     * @param role the role
     */
    public record Reader(String actor, Role role) {
        public Reader {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(role, "role");
        }

        /** The reader holding {@code token} with {@code role}. */
        public static Reader of(String token, Role role) {
            return new Reader(role.id() + ":" + fingerprint(token), role);
        }
    }

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final BlockingQueue<AuditMessage> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread sender;
    private final Clock clock;
    private volatile boolean closed;

    private AuditTrail() {
        this.topic = null;
        this.producer = null;
        this.sender = null;
        this.clock = Clock.systemUTC();
    }

    /** A trail writing to {@code topic} on the given brokers. */
    public AuditTrail(String bootstrapServers, String topic, Clock clock) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Objects.requireNonNull(clock, "clock");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "zonestat-console-audit");
        this.producer = new KafkaProducer<>(p);
        this.sender = new Thread(this::send, "zonestat-audit");
        sender.setDaemon(true);
        sender.start();
    }

    /** Whether reads are written (else restricted data must not be delivered). */
    public boolean enabled() {
        return producer != null;
    }

    /**
     * Queues one read: who, what ({@link AuditMessage#ALERT_READ}, ...), which alert or device, and
     * where. Never blocks; if the queue is full (Kafka unreachable for long) the read is logged
     * instead.
     */
    public void record(Reader who, String action, String subject, String detail) {
        if (!enabled()) {
            throw new IllegalStateException("restricted data read without an audit trail");
        }
        AuditMessage m =
                new AuditMessage(
                        clock.instant(), who.actor(), who.role().id(), action, subject, detail);
        if (!queue.offer(m)) {
            LOG.error(
                    "audit queue full; not written to {}: {}", topic, TopicCodec.encodeToString(m));
        }
    }

    private void send() {
        while (!closed || !queue.isEmpty()) {
            try {
                AuditMessage m = queue.poll(200, TimeUnit.MILLISECONDS);
                if (m != null) {
                    producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    null,
                                    m.timestamp().toEpochMilli(),
                                    m.key(),
                                    TopicCodec.encode(m)),
                            (meta, e) -> {
                                if (e != null) {
                                    LOG.error("audit record not written to {}", topic, e);
                                }
                            });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sends what is queued, then closes the producer. */
    @Override
    public void close() {
        if (!enabled() || closed) {
            return;
        }
        closed = true;
        try {
            sender.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }

    /** The first 8 hex digits of the token's SHA-256. */
    static String fingerprint(String token) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
