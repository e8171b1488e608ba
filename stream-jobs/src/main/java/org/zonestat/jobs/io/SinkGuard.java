package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema.InitializationContext;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.jobs.functions.InternalErrors;
import org.zonestat.jobs.functions.Texts;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;

/**
 * The last check before a Kafka sink: wraps the sink's serializer so that the broker is never
 * handed a record it refuses, which would fail the sink and restart the job into the same record.
 * Every record it passes on
 *
 * <ul>
 *   <li>has its timestamp set by {@link OutputTimestamps} (never after this writer's clock, never
 *       before 1970, never older than its topic takes when built {@link #withTopicSettings with the
 *       topic's settings}), and
 *   <li>is at most {@code maxRecordBytes} ({@link #recordBytes key, value, headers and Kafka's
 *       per-record overhead}).
 * </ul>
 *
 * A record of an output that is too large, or that its serializer cannot write, is replaced by a
 * rejection of it on {@code rejected} ({@code too-large} or {@code internal-error}, its source
 * topic the output's, partition and offset -1, its original the start of its text), logged and
 * counted ({@code zonestat.refusedOutputs}). Inputs are limited so that this does not happen (field
 * limits, zone layer limits); the guard is what holds if it still does. On {@code rejected} itself
 * a rejection that does not fit is cut instead: its original to what fits even if every character
 * needs a six-byte escape, its detail to a sentence.
 *
 * <p>Build with {@link #of} for an output, or {@link #forRejected} for {@code rejected}. Immutable
 * once opened; Flink gives each sink writer its own copy.
 *
 * @param <T> the sink's elements
 */
public final class SinkGuard<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SinkGuard.class);

    /** What Kafka adds to a record's key, value and headers, at most (record and batch headers). */
    public static final int RECORD_OVERHEAD_BYTES = 128;

    /** The worst case of a character's size in JSON: a six-byte {@code \\u} escape. */
    private static final int MAX_BYTES_PER_CHAR = 6;

    /** How much of a detail {@link #fitted} keeps (the excerpt adds a short note). */
    static final int FITTED_DETAIL_CHARS = 2_000;

    /** How much of a source topic name {@link #fitted} keeps. */
    static final int FITTED_TOPIC_CHARS = 200;

    private final String output;
    private final KafkaRecordSerializationSchema<T> serializer;
    private final KafkaRecordSerializationSchema<Rejection> rejected;
    private final boolean isRejected;
    private final int maxRecordBytes;
    private final String bootstrapServers;
    private final String topic;
    private transient Counter refused;
    private transient OutputTimestamps timestamps;

    private SinkGuard(
            String output,
            KafkaRecordSerializationSchema<T> serializer,
            KafkaRecordSerializationSchema<Rejection> rejected,
            boolean isRejected,
            int maxRecordBytes,
            String bootstrapServers,
            String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.output = Objects.requireNonNull(output, "output");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
        this.isRejected = isRejected;
        if (maxRecordBytes < RecordLimits.MIN_OUTPUT_RECORD_BYTES) {
            throw new IllegalArgumentException(
                    "maxRecordBytes must be at least "
                            + RecordLimits.MIN_OUTPUT_RECORD_BYTES
                            + ", was "
                            + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * The guard of an output's sink.
     *
     * @param output the output's name, also the source topic of its rejections
     * @param serializer the output's serializer
     * @param rejected the {@code rejected} topic's serializer, for the records it refuses
     */
    public static <T> SinkGuard<T> of(
            String output,
            KafkaRecordSerializationSchema<T> serializer,
            KafkaRecordSerializationSchema<Rejection> rejected,
            int maxRecordBytes) {
        return new SinkGuard<>(output, serializer, rejected, false, maxRecordBytes, null, null);
    }

    /** The guard of the {@code rejected} sink, which cuts what does not fit. */
    public static SinkGuard<Rejection> forRejected(
            KafkaRecordSerializationSchema<Rejection> rejected, int maxRecordBytes) {
        return new SinkGuard<>("rejected", rejected, rejected, true, maxRecordBytes, null, null);
    }

    /**
     * This guard, stamping no record older than {@code topic} takes: its {@code
     * message.timestamp.before.max.ms} is read from the brokers when the sink opens ({@link
     * OutputTimestamps#ofTopic}). Without it, records are stamped of any age.
     */
    public SinkGuard<T> withTopicSettings(String bootstrapServers, String topic) {
        return new SinkGuard<>(
                output, serializer, rejected, isRejected, maxRecordBytes, bootstrapServers, topic);
    }

    @Override
    public void open(InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
        serializer.open(context, sinkContext);
        if (rejected != serializer) {
            rejected.open(context, sinkContext);
        }
        refused = context.getMetricGroup().addGroup("zonestat").counter("refusedOutputs");
        timestamps =
                topic == null
                        ? OutputTimestamps.UNLIMITED
                        : OutputTimestamps.ofTopic(bootstrapServers, topic, Duration.ofSeconds(10));
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        long now = System.currentTimeMillis();
        ProducerRecord<byte[], byte[]> record;
        try {
            record = serializer.serialize(element, context, timestamp);
        } catch (RuntimeException e) {
            return refuse(
                    element, null, InternalErrors.detail(output + "-sink", e), e, context, now);
        }
        if (record == null) {
            return null;
        }
        int bytes = recordBytes(record);
        if (bytes > maxRecordBytes) {
            return refuse(
                    element,
                    record,
                    "the "
                            + output
                            + " record is "
                            + bytes
                            + " bytes, more than the limit of "
                            + maxRecordBytes,
                    null,
                    context,
                    now);
        }
        return stamped(record, now);
    }

    private ProducerRecord<byte[], byte[]> refuse(
            T element,
            ProducerRecord<byte[], byte[]> record,
            String detail,
            RuntimeException failure,
            KafkaSinkContext context,
            long now) {
        if (refused != null) {
            refused.inc();
        }
        String key =
                record == null || record.key() == null
                        ? "?"
                        : new String(record.key(), StandardCharsets.UTF_8);
        LOG.warn(
                "{} record {} not written as it is: {}",
                output,
                Texts.excerpt(key, 200),
                detail,
                failure);
        Rejection rejection;
        if (isRejected) {
            rejection = fitted((Rejection) element, maxRecordBytes);
        } else {
            String text =
                    record == null
                            ? String.valueOf(element)
                            : new String(record.value(), StandardCharsets.UTF_8);
            rejection =
                    new Rejection(
                            new RawRecord(
                                    output,
                                    -1,
                                    -1,
                                    now,
                                    Texts.prefix(text, RecordLimits.ORIGINAL_EXCERPT_CHARS)),
                            failure == null ? RejectReason.TOO_LARGE : RejectReason.INTERNAL_ERROR,
                            detail);
            rejection = fitted(rejection, maxRecordBytes);
        }
        try {
            ProducerRecord<byte[], byte[]> r = rejected.serialize(rejection, context, null);
            if (r != null && recordBytes(r) <= maxRecordBytes) {
                return stamped(r, now);
            }
        } catch (RuntimeException e) {
            LOG.error("{} record {}: its rejection cannot be written either", output, key, e);
            return null;
        }
        LOG.error("{} record {}: its rejection does not fit either; not written", output, key);
        return null;
    }

    /** A rejection cut so that it fits in {@code maxRecordBytes} whatever its characters. */
    static Rejection fitted(Rejection r, int maxRecordBytes) {
        // Every text field at six bytes a character, plus room for the key, names and numbers.
        int budgetChars =
                (maxRecordBytes - RECORD_OVERHEAD_BYTES - 4_096) / MAX_BYTES_PER_CHAR
                        - FITTED_DETAIL_CHARS
                        - 2 * FITTED_TOPIC_CHARS;
        String original = r.source().value();
        String note = "";
        if (original.length() > budgetChars) {
            note =
                    "; its original here is its first "
                            + budgetChars
                            + " of "
                            + original.length()
                            + " characters";
            original = Texts.prefix(original, budgetChars);
        }
        RawRecord s = r.source();
        return new Rejection(
                new RawRecord(
                        Texts.excerpt(s.topic(), FITTED_TOPIC_CHARS),
                        s.partition(),
                        s.offset(),
                        s.receivedAtMillis(),
                        Texts.wellFormed(original)),
                r.reason(),
                Texts.excerpt(r.detail(), FITTED_DETAIL_CHARS) + note);
    }

    private ProducerRecord<byte[], byte[]> stamped(ProducerRecord<byte[], byte[]> r, long now) {
        OutputTimestamps rule = timestamps == null ? OutputTimestamps.UNLIMITED : timestamps;
        Long ts = rule.of(r.timestamp(), now);
        if (Objects.equals(ts, r.timestamp())) {
            return r;
        }
        return new ProducerRecord<>(r.topic(), r.partition(), ts, r.key(), r.value(), r.headers());
    }

    /** The bytes a record takes in a batch, at most: key, value, headers and the overhead. */
    public static int recordBytes(ProducerRecord<byte[], byte[]> r) {
        long bytes = RECORD_OVERHEAD_BYTES;
        bytes += r.key() == null ? 0 : r.key().length;
        bytes += r.value() == null ? 0 : r.value().length;
        for (Header h : r.headers()) {
            bytes += h.key().getBytes(StandardCharsets.UTF_8).length;
            bytes += h.value() == null ? 0 : h.value().length;
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
