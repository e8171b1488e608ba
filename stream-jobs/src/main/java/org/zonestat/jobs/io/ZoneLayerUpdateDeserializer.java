package org.zonestat.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.ZoneLayerUpdate;

/**
 * Reads the compacted {@code zones} topic: key = layer id, value = {@code {"title", "nameProperty",
 * "version", "featureCollection"}} or null (a tombstone: remove the layer). Never fails: a message
 * it cannot read becomes an update whose GeoJSON is unusable, which the tagging stage rejects with
 * the reason.
 */
public final class ZoneLayerUpdateDeserializer
        implements KafkaRecordDeserializationSchema<ZoneLayerUpdate> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ZoneLayerUpdate> out) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        String value =
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        RawRecord source =
                new RawRecord(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        value == null ? "" : value);
        if (value == null) {
            out.collect(new ZoneLayerUpdate(key, null, null, 0, null, source));
            return;
        }
        try {
            JsonNode n = JSON.readTree(value);
            JsonNode fc = n.path("featureCollection");
            out.collect(
                    new ZoneLayerUpdate(
                            key,
                            n.path("title").asText(key),
                            n.path("nameProperty").asText("name"),
                            n.path("version").asInt(0),
                            fc.isMissingNode() ? "{}" : fc.toString(),
                            source));
        } catch (IOException e) {
            out.collect(new ZoneLayerUpdate(key, key, "name", 0, value, source));
        }
    }

    @Override
    public TypeInformation<ZoneLayerUpdate> getProducedType() {
        return TypeInformation.of(ZoneLayerUpdate.class);
    }
}
