package org.zonestat.jobs.hotspots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.io.MessageSerializationSchema;
import org.zonestat.jobs.io.TopicMessages;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotChangeType;
import org.zonestat.jobs.model.HotspotDayCounts;
import org.zonestat.jobs.model.HotspotFact;
import org.zonestat.jobs.model.HotspotGiSnapshot;
import org.zonestat.jobs.model.HotspotWindowSummary;
import org.zonestat.jobs.model.HotspotZoneCounts;
import org.zonestat.topics.TopicCodec;

/** The hotspot records' Flink serializers (no Kryo) and their JSON and Kafka shapes. */
class HotspotMessagesTest {
    private static final Instant START = Instant.parse("2019-07-01T04:00:00Z");
    private static final Instant END = Instant.parse("2019-07-29T04:00:00Z");
    private static final HotspotChange CHANGE =
            new HotspotChange(
                    28,
                    START,
                    END,
                    "892aa8c0c87ffff",
                    -76.6426,
                    39.3009,
                    1,
                    2,
                    3,
                    3,
                    5.68057,
                    1.3424e-8,
                    0.0123456789,
                    "HOT",
                    "NEW_HOT_SPOT",
                    "NO_PATTERN",
                    HotspotChangeType.TURNED_HOT);

    @Test
    void everyHotspotRecordIsAPojoWithoutGenericFieldsAndRoundTrips() throws Exception {
        List<Object> samples =
                List.of(
                        new HotspotFact(
                                HotspotFact.CELL_SCOPE,
                                "892aa8c0c87ffff",
                                "incident/x/1",
                                "SHOOTING",
                                START),
                        new HotspotDayCounts(
                                "vri-zones",
                                "Penn North",
                                7,
                                "2019-07-01",
                                START,
                                END,
                                1,
                                2,
                                3,
                                4,
                                5,
                                6),
                        new HotspotZoneCounts(
                                7, START, END, "vri-zones", "Penn North", 1, 2, 3, 4, 5, 6),
                        CHANGE,
                        new HotspotWindowSummary(28, START, END, 2200, 40, 45, 2, 7, 0, 3, 1),
                        new HotspotGiSnapshot(
                                END.toEpochMilli(),
                                42L,
                                new float[] {1.5f},
                                new float[] {0.1f},
                                new float[] {0.2f}));
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        for (Object sample : samples) {
            @SuppressWarnings("unchecked")
            TypeInformation<Object> info =
                    (TypeInformation<Object>) TypeInformation.of(sample.getClass());
            assertThat(info).as(sample.getClass().getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            TypeSerializer<Object> serializer = info.createSerializer(noGenerics);
            DataOutputSerializer out = new DataOutputSerializer(256);
            serializer.serialize(sample, out);
            Object back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            if (back instanceof HotspotGiSnapshot s) {
                assertThat(s.z()).containsExactly(1.5f);
                assertThat(s.q()).containsExactly(0.2f);
            } else {
                assertThat(back).as(sample.getClass().getSimpleName()).isEqualTo(sample);
            }
        }
    }

    @Test
    void aCellChangeIsWrittenWithItsTypeRoundedStatisticsAndKeyedByWindowAndCell()
            throws Exception {
        ProducerRecord<byte[], byte[]> r =
                MessageSerializationSchema.of("hotspots", TopicMessages::hotspotCell)
                        .serialize(CHANGE, null, null);
        assertThat(r.topic()).isEqualTo("hotspots");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("28d/892aa8c0c87ffff");
        assertThat(r.timestamp()).isEqualTo(END.toEpochMilli());
        JsonNode n = new ObjectMapper().readTree(r.value());
        assertThat(n.get("type").asText()).isEqualTo("hotspot-cell");
        assertThat(n.get("windowEnd").asText()).isEqualTo("2019-07-29T04:00:00Z");
        assertThat(n.get("z").asDouble()).isEqualTo(5.6806);
        assertThat(n.get("p").asDouble()).isEqualTo(1.3424e-8);
        assertThat(n.get("q").asDouble()).isEqualTo(0.012346);
        assertThat(n.get("change").asText()).isEqualTo("TURNED_HOT");
        assertThat(n.get("category").asText()).isEqualTo("NEW_HOT_SPOT");
        assertThat(n.get("shootings").asLong()).isEqualTo(2);
    }

    @Test
    void zoneCountsAndSummariesHaveTheirOwnTypesAndKeys() throws Exception {
        HotspotZoneCounts z =
                new HotspotZoneCounts(7, START, END, "vri-zones", "Penn North", 1, 2, 3, 4, 5, 6);
        ProducerRecord<byte[], byte[]> r =
                MessageSerializationSchema.of("hotspots", TopicMessages::zoneWindowCounts)
                        .serialize(z, null, null);
        assertThat(new String(r.key(), StandardCharsets.UTF_8))
                .isEqualTo("7d/vri-zones/Penn North");
        JsonNode n = new ObjectMapper().readTree(r.value());
        assertThat(n.get("type").asText()).isEqualTo("zone-window-counts");
        assertThat(n.get("gunViolence").asLong()).isEqualTo(3);
        assertThat(n.get("other").asLong()).isEqualTo(6);

        HotspotWindowSummary s =
                new HotspotWindowSummary(28, START, END, 2200, 40, 45, 2, 7, 0, 3, 1);
        assertThat(
                        new ObjectMapper()
                                .readTree(TopicCodec.encode(TopicMessages.hotspotWindow(s)))
                                .get("type")
                                .asText())
                .isEqualTo("hotspot-window");
        assertThat(
                        new String(
                                MessageSerializationSchema.of(
                                                "hotspots", TopicMessages::hotspotWindow)
                                        .serialize(s, null, null)
                                        .key(),
                                StandardCharsets.UTF_8))
                .isEqualTo("28d/summary");
    }
}
