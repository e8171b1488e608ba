package org.zonestat.jobs.history;

import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.TopicCodec;

/**
 * Reads the {@code events} topic back as the job's tagged events, for a reprocess of one layer:
 * keeps only the events that were not tagged with the layer's current version (tagged before the
 * layer existed or with an earlier version), since the writers of the others already counted them
 * for it. A record that does not read as an event is passed over (the topic holds only what the job
 * wrote).
 *
 * <p>Immutable; Flink gives each source reader its own copy.
 */
final class StoredEventDeserializer implements KafkaRecordDeserializationSchema<TaggedEvent> {
    private static final long serialVersionUID = 1L;

    private final String layerId;
    private final int currentVersion;

    StoredEventDeserializer(String layerId, int currentVersion) {
        this.layerId = layerId;
        this.currentVersion = currentVersion;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<TaggedEvent> out) {
        if (record.value() == null) {
            return;
        }
        EventMessage m;
        CityEvent e;
        try {
            m = TopicCodec.decode(record.topic(), record.value(), EventMessage.class);
            Map<String, Integer> layers = m.layers() == null ? Map.of() : m.layers();
            if (Integer.valueOf(currentVersion).equals(layers.get(layerId))) {
                return;
            }
            e =
                    new CityEvent(
                            m.eventId(),
                            stream(m.stream()),
                            m.recordId(),
                            m.source(),
                            m.kind(),
                            m.type(),
                            m.status(),
                            m.occurredAt(),
                            m.lon(),
                            m.lat(),
                            m.address(),
                            m.dueAt());
        } catch (RuntimeException unreadable) {
            return;
        }
        out.collect(new TaggedEvent(e, m.h3() == null ? "" : m.h3(), Map.of(), Map.of()));
    }

    private static EventStream stream(String wire) {
        for (EventStream s : EventStream.values()) {
            if (s.wireName().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stream " + wire);
    }

    @Override
    public TypeInformation<TaggedEvent> getProducedType() {
        return TypeInformation.of(TaggedEvent.class);
    }
}
