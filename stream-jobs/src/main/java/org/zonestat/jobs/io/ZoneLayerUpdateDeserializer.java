package org.zonestat.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.functions.Texts;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.ZoneLayerUpdate;
import org.zonestat.topics.IdentityRedaction;

/**
 * Reads the compacted {@code zones} topic: key = layer id, value = {@code {"title", "nameProperty",
 * "version", "featureCollection"}} or null (a tombstone: remove the layer). Never fails: a message
 * it cannot read becomes an update whose GeoJSON is unusable, which the tagging stage rejects with
 * the reason. The update keeps, for that rejection, the first {@value
 * RecordLimits#ORIGINAL_EXCERPT_CHARS} characters of the message, identity fields stripped.
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
            out.collect(new ZoneLayerUpdate(key, null, null, 0, null, source));
            return;
        }
        try {
            JsonNode n = JSON.readTree(value);
            if (!n.isObject()) {
                throw new IOException("not a JSON object");
            }
            JsonNode fc = n.path("featureCollection");
            out.collect(
                    new ZoneLayerUpdate(
                            key,
                            n.path("title").asText(key),
                            n.path("nameProperty").asText("name"),
                            n.path("version").asInt(0),
                            fc.isMissingNode() ? "{}" : fc.toString(),
                            source));
        } catch (IOException | RuntimeException e) {
            out.collect(new ZoneLayerUpdate(key, key, "name", 0, value, source));
        }
    }

    @Override
    public TypeInformation<ZoneLayerUpdate> getProducedType() {
        return TypeInformation.of(ZoneLayerUpdate.class);
    }
}
