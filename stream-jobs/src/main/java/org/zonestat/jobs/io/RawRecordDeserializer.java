package org.zonestat.jobs.io;

import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.functions.RawRecordParser;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.topics.HistoryHeaders;
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
 * <p>Which records it reads depends on who reads: the live job ({@link #live}) reads live records
 * only and passes over a record a backfill published (it carries the {@link HistoryHeaders#LOAD}
 * header), counting it ({@code zonestat.leftToHistory}), so a load of any years, in any order,
 * neither moves the live event time nor is rejected as late; a history run ({@link #forLoad}) reads
 * the records of its one load and passes over everything else.
 *
 * <p>Immutable; Flink gives each source reader its own copy.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
    private static final long serialVersionUID = 1L;
    private static final String STAGE = "raw-topics-source";

    private final RawRecordParser parser;
    private final int maxRecordBytes;
    private final String load;
    private transient Counter passedOver;

    private RawRecordDeserializer(RawRecordParser parser, int maxRecordBytes, String load) {
        this.parser = Objects.requireNonNull(parser, "parser");
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be > 0, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
        this.load = load;
    }

    /** The live job's reader: every record without a load header. */
    public static RawRecordDeserializer live(RawRecordParser parser, int maxRecordBytes) {
        return new RawRecordDeserializer(parser, maxRecordBytes, null);
    }

    /** A history run's reader: the records of {@code loadId} only. */
    public static RawRecordDeserializer forLoad(
            RawRecordParser parser, int maxRecordBytes, String loadId) {
        return new RawRecordDeserializer(
                parser, maxRecordBytes, Objects.requireNonNull(loadId, "loadId"));
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        passedOver =
                context.getMetricGroup()
                        .addGroup("zonestat")
                        .counter(load == null ? "leftToHistory" : "otherRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
        if (!Objects.equals(load, HistoryHeaders.text(record.headers(), HistoryHeaders.LOAD))) {
            if (passedOver != null) {
                passedOver.inc();
            }
            return;
        }
        // Collected outside the try: operators chained after the source run inside collect().
        out.collect(read(record));
    }

    private ParsedRecord read(ConsumerRecord<byte[], byte[]> record) {
        return RawReading.read(
                record,
                maxRecordBytes,
                STAGE,
                parser::parse,
                r -> ParsedRecord.rejected(r.source(), r.reason(), r.detail()));
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
