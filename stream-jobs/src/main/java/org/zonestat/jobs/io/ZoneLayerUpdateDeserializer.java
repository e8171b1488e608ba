package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.functions.Texts;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.ZoneLayerUpdate;
import org.zonestat.topics.IdentityRedaction;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.ZoneLayerMessage;

/**
 * Reads the compacted {@code zones} topic: key = layer id, value = a {@link ZoneLayerMessage} or
 * null (a tombstone: remove the layer). Never fails: a message it cannot read becomes an update
 * whose GeoJSON is unusable (the message itself), which the tagging stage rejects with the reason.
 * The update keeps, for that rejection, the first {@value RecordLimits#ORIGINAL_EXCERPT_CHARS}
 * characters of the message, identity fields stripped.
 */
public final class ZoneLayerUpdateDeserializer
        implements KafkaRecordDeserializationSchema<ZoneLayerUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ZoneLayerUpdate> out) {
        // Collected outside the reading: what runs after the source must not be caught here.
        out.collect(read(record));
    }

    private static ZoneLayerUpdate read(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        String value =
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        // A rejection of the update needs only the start of its text (a layer can be megabytes).
        RawRecord source =
                new RawRecord(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        value == null
                                ? ""
                                : IdentityRedaction.strip(
                                        Texts.prefix(value, RecordLimits.ORIGINAL_EXCERPT_CHARS)));
        if (value == null) {
            return new ZoneLayerUpdate(key, null, null, 0, null, source);
        }
        try {
            ZoneLayerMessage m =
                    TopicCodec.decode(record.topic(), record.value(), ZoneLayerMessage.class);
            return new ZoneLayerUpdate(
                    key,
                    m.titleOr(key),
                    m.nameProperty(),
                    m.version(),
                    m.featureCollection().toString(),
                    source);
        } catch (RuntimeException e) {
            // MalformedMessageException, or anything else a message can make the codec throw.
            return new ZoneLayerUpdate(
                    key, key, ZoneLayerMessage.DEFAULT_NAME_PROPERTY, 0, value, source);
        }
    }

    @Override
    public TypeInformation<ZoneLayerUpdate> getProducedType() {
        return TypeInformation.of(ZoneLayerUpdate.class);
    }
}
