package org.zonestat.jobs.io;

import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.positions.ParsedPosition;
import org.zonestat.jobs.positions.PositionParser;
import org.zonestat.topics.IdentityFields;
import org.zonestat.topics.IdentityRedaction;

/**
 * Reads each record of {@code positions.raw} as the event topics' records are read ({@link
 * RawReading}: identity fields stripped, except {@code deviceId}, the tracked device the topic is
 * about; a too-large value or a failure rejected) and parses it, once, with {@link PositionParser}:
 * no input fails the source; a record that does not parse is emitted as a rejected {@link
 * ParsedPosition}.
 *
 * <p>Immutable; Flink gives each source reader its own copy.
 */
public final class PositionDeserializer
        implements KafkaRecordDeserializationSchema<ParsedPosition> {
    private static final long serialVersionUID = 1L;
    private static final String STAGE = "positions-source";
    private static final Set<String> KEPT = Set.of(IdentityFields.normal("deviceId"));

    private final PositionParser parser;
    private final int maxRecordBytes;

    public PositionDeserializer(PositionParser parser, int maxRecordBytes) {
        this.parser = Objects.requireNonNull(parser, "parser");
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be > 0, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedPosition> out) {
        // Collected outside the reading: operators chained after the source run inside collect().
        out.collect(
                RawReading.read(
                        record,
                        maxRecordBytes,
                        STAGE,
                        text -> IdentityRedaction.stripExcept(text, KEPT),
                        parser::parse,
                        r -> ParsedPosition.rejected(r.source(), r.reason(), r.detail())));
    }

    @Override
    public TypeInformation<ParsedPosition> getProducedType() {
        return TypeInformation.of(ParsedPosition.class);
    }
}
