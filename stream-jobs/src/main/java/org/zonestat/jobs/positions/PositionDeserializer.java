package org.zonestat.jobs.positions;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.model.RawRecord;

/**
 * Reads each record of {@code positions.raw} as a {@link RawRecord} and parses it, once, with
 * {@link PositionParser}: no input fails the source; a record that does not parse is emitted as a
 * rejected {@link ParsedPosition}.
 *
 * <p>Immutable; Flink gives each source reader its own copy.
 */
public final class PositionDeserializer
        implements KafkaRecordDeserializationSchema<ParsedPosition> {
    private static final long serialVersionUID = 1L;

    private final PositionParser parser;

    public PositionDeserializer(PositionParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedPosition> out) {
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
    public TypeInformation<ParsedPosition> getProducedType() {
        return TypeInformation.of(ParsedPosition.class);
    }
}
