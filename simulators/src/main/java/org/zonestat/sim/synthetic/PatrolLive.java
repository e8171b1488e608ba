package org.zonestat.sim.synthetic;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.topics.RawPosition;
import org.zonestat.topics.TopicCodec;

/**
 * Publishes a {@link PatrolFleet} to {@code positions.raw} as it happens: each fix is sent when the
 * clock reaches its time (a fleet started at the clock's now moves at once), keyed by device id.
 * {@link #run} returns when {@link #stop} is called.
 *
 * <p>Thread-safe to stop from another thread; runs on one.
 */
public final class PatrolLive implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PatrolLive.class);

    private final PatrolFleet fleet;
    private final String topic;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    private volatile boolean stopped;
    private volatile long sent;

    public PatrolLive(String bootstrapServers, String topic, PatrolFleet fleet, Clock clock) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Objects.requireNonNull(clock, "clock");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "zonestat-patrol");
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                long wait = fleet.nextFixTime() - clock.millis();
                if (wait > 0) {
                    Thread.sleep(Math.min(wait, 200));
                    continue;
                }
                RawPosition fix = fleet.next();
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                fix.key(),
                                TopicCodec.encodeToString(fix).getBytes(StandardCharsets.UTF_8)));
                sent++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the patrol feed stopped after {} fixes", sent, e);
        }
    }

    /** Fixes sent so far. */
    public long sent() {
        return sent;
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        stop();
        producer.close();
    }
}
