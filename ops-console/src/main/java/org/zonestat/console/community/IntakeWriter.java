package org.zonestat.console.community;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the public submits (a 311 request and its contact, a tip and its tip-line case) to
 * Kafka all at once or not at all: the records of one submission go in one Kafka transaction, so a
 * reader with {@code read_committed} (the job, the notifier, the console) sees either all of them
 * or none, and a submission that fails half-way leaves nothing behind.
 *
 * <p>Each writer has its own transactional id ({@code zonestat-console-intake-<random>}), so two
 * consoles never fence each other. Thread-safe: submissions are written one at a time.
 */
public final class IntakeWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeWriter.class);

    private final String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;

    public IntakeWriter(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Writes the records in one transaction and returns once it is committed.
     *
     * @throws IntakeUnavailableException when Kafka did not take them (nothing was written)
     */
    public synchronized void writeAtomically(List<ProducerRecord<String, byte[]>> records) {
        KafkaProducer<String, byte[]> p = producer();
        try {
            p.beginTransaction();
            for (ProducerRecord<String, byte[]> r : records) {
                p.send(r);
            }
            p.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            // Fatal for this producer: drop it; the next submission starts a new one.
            closeProducer();
            throw new IntakeUnavailableException(e);
        } catch (KafkaException e) {
            try {
                p.abortTransaction();
            } catch (KafkaException abortFailed) {
                closeProducer();
            }
            throw new IntakeUnavailableException(e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            KafkaProducer<String, byte[]> p =
                    new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    bootstrapServers,
                                    ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                    "zonestat-console-intake-" + UUID.randomUUID(),
                                    ProducerConfig.ACKS_CONFIG,
                                    "all",
                                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                    true,
                                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                    (int) Duration.ofSeconds(10).toMillis(),
                                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                    (int) Duration.ofSeconds(15).toMillis(),
                                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                    (int) Duration.ofSeconds(10).toMillis()),
                            new StringSerializer(),
                            new ByteArraySerializer());
            try {
                p.initTransactions();
            } catch (KafkaException e) {
                p.close(Duration.ZERO);
                throw new IntakeUnavailableException(e);
            }
            producer = p;
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (KafkaException e) {
                LOG.debug("closing the intake producer: {}", e.toString());
            }
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeProducer();
    }

    /** Kafka did not take a submission; nothing of it was written. */
    public static final class IntakeUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IntakeUnavailableException(Throwable cause) {
            super(
                    "the submission could not be stored, nothing was kept: " + cause.getMessage(),
                    cause);
        }
    }
}
