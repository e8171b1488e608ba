package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.model.RawRecord;

/**
 * Wraps each Kafka record of a raw topic as a {@link RawRecord} without interpreting it, so that no
 * input can fail in the source: parsing and validation happen downstream, where a bad record
 * becomes a rejection instead of a failed job.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        String value =
                record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        out.collect(
                new RawRecord(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        value));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
