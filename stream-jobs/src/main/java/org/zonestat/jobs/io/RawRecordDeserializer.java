package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.functions.RawRecordParser;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;

/**
 * Reads each Kafka record of a raw topic as a {@link RawRecord} (topic, partition, offset, broker
 * timestamp as the receive time, the value as UTF-8 text; a null value is "") and parses it, once,
 * with {@link RawRecordParser} into a {@link ParsedRecord}. Parsing here, in the source, lets the
 * source's timestamp assigner and per-partition watermarks read the parsed event time instead of
 * finding it in the text again. No input fails the source: a record that does not parse is emitted
 * as a rejected {@code ParsedRecord}, which the next operator sends to {@code rejected}.
 *
 * <p>Immutable; Flink gives each source reader its own copy.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
    private static final long serialVersionUID = 1L;

    private final RawRecordParser parser;

    public RawRecordDeserializer(RawRecordParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
        String value =
                record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        out.collect(
                parser.parse(
                        new RawRecord(
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                record.timestamp(),
                                value)));
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
