package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.functions.InternalErrors;
import org.zonestat.jobs.functions.RawRecordParser;
import org.zonestat.jobs.functions.Texts;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.topics.IdentityRedaction;

/**
 * Reads each Kafka record of a raw topic as a {@link RawRecord} (topic, partition, offset, broker
 * timestamp as the receive time, the value as UTF-8 text; a null value is "") and parses it, once,
 * with {@link RawRecordParser} into a {@link ParsedRecord}. Parsing here, in the source, lets the
 * source's timestamp assigner and per-partition watermarks read the parsed event time instead of
 * finding it in the text again.
 *
 * <p>Before anything else the text loses its identity fields ({@link IdentityRedaction}): the
 * record kept in flight, in state and on {@code rejected} never has them. A value larger than
 * {@link RecordLimits#maxRawRecordBytes()} is not parsed: it is rejected as {@code too-large} with
 * the first {@value RecordLimits#ORIGINAL_EXCERPT_CHARS} characters of its text.
 *
 * <p>No input fails the source: a record that does not parse is emitted as a rejected {@code
 * ParsedRecord}, which the next operator sends to {@code rejected}, and a failure of the reading
 * itself rejects the record as {@code internal-error}.
 *
 * <p>Immutable; Flink gives each source reader its own copy.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
    private static final long serialVersionUID = 1L;
    private static final String STAGE = "raw-topics-source";

    private final RawRecordParser parser;
    private final int maxRecordBytes;

    public RawRecordDeserializer(RawRecordParser parser, int maxRecordBytes) {
        this.parser = Objects.requireNonNull(parser, "parser");
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be > 0, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
        // Collected outside the try: operators chained after the source run inside collect().
        out.collect(read(record));
    }

    private ParsedRecord read(ConsumerRecord<byte[], byte[]> record) {
        byte[] bytes = record.value() == null ? new byte[0] : record.value();
        String text = null;
        try {
            text = IdentityRedaction.strip(new String(bytes, StandardCharsets.UTF_8));
            if (bytes.length > maxRecordBytes) {
                return ParsedRecord.rejected(
                        raw(record, Texts.prefix(text, RecordLimits.ORIGINAL_EXCERPT_CHARS)),
                        RejectReason.TOO_LARGE,
                        "the record has "
                                + bytes.length
                                + " bytes, more than the limit of "
                                + maxRecordBytes
                                + "; its original here is its first "
                                + RecordLimits.ORIGINAL_EXCERPT_CHARS
                                + " characters");
            }
            return parser.parse(raw(record, text));
        } catch (RuntimeException e) {
            // Without a stripped text, nothing of the original is kept.
            Rejection r =
                    InternalErrors.rejection(
                            raw(
                                    record,
                                    text == null
                                            ? ""
                                            : Texts.prefix(
                                                    text, RecordLimits.ORIGINAL_EXCERPT_CHARS)),
                            STAGE,
                            e);
            return ParsedRecord.rejected(r.source(), r.reason(), r.detail());
        }
    }

    private static RawRecord raw(ConsumerRecord<byte[], byte[]> record, String value) {
        return new RawRecord(
                record.topic(), record.partition(), record.offset(), record.timestamp(), value);
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
