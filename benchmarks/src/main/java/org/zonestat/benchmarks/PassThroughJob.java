package org.zonestat.benchmarks;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;

/**
 * The ceiling of the pipeline benchmark: a job that reads the raw topics as the zone-tagging job
 * does (the same Kafka source settings, bounded, parallelism and checkpoints) and writes each
 * record's bytes, unchanged, to the {@code events} topic through a sink made as the job makes its
 * {@code events} sink. No parsing, no state, no work: what reading and writing Kafka through Flink
 * costs on this machine, against which the job's figures are ratios.
 *
 * <p>Stateless; the class only builds graph nodes.
 */
final class PassThroughJob {
    private PassThroughJob() {}

    static void build(StreamExecutionEnvironment env, JobConfig config) {
        KafkaSource<byte[]> source =
                KafkaSource.<byte[]>builder()
                        .setBootstrapServers(config.bootstrapServers())
                        .setTopics(config.topics().raw())
                        .setGroupId(config.groupId())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setDeserializer(new Values())
                        .setProperty("isolation.level", "read_committed")
                        .build();
        KafkaRecordSerializationSchema<byte[]> out =
                KafkaRecordSerializationSchema.<byte[]>builder()
                        .setTopic(config.topics().events())
                        .setValueSerializationSchema(new Identity())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "raw-topics")
                .uid("raw-topics-source")
                .sinkTo(
                        ZoneTaggingJob.kafkaSink(
                                config, out, DeliveryGuarantee.AT_LEAST_ONCE, "pass-through"))
                .name("pass-through-sink")
                .uid("pass-through-sink");
    }

    /** A raw record's value bytes. */
    private static final class Values implements KafkaRecordDeserializationSchema<byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<byte[]> out) {
            out.collect(record.value());
        }

        @Override
        public TypeInformation<byte[]> getProducedType() {
            return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        }
    }

    private static final class Identity implements SerializationSchema<byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(byte[] value) {
            return value;
        }
    }
}
