package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.RejectedMessage;
import org.zonestat.topics.TopicCodec;

/**
 * The reconciliation on a real broker: only rejections of raw records count against what the raw
 * topics hold; a zone layer the job could not use and an output refused by its sink are counted
 * apart, so {@code accepted} stays what the raw topics hold less their rejections.
 */
class PipelineCountersITCase {
    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Instant AT = Instant.parse("2026-11-02T14:00:00Z");

    @Test
    void rejectionsOfRecordsFromNoRawTopicAreCountedApartFromTheRawReconciliation()
            throws Exception {
        String raw = "incidents.raw.counters";
        String events = "events.counters";
        String rejected = "rejected.counters";
        for (String t : List.of(raw, events, rejected)) {
            KAFKA.broker().createTopic(t, 1, Map.of());
        }
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int n = 1; n <= 3; n++) {
                producer.send(new ProducerRecord<>(raw, bytes("{\"id\":\"R" + n + "\"}")));
            }
            producer.send(new ProducerRecord<>(events, bytes("{}")));
            producer.send(rejection(rejected, raw, 1, "missing-location"));
            producer.send(rejection(rejected, "zones", 0, "invalid-field"));
            producer.send(rejection(rejected, "alerts", -1, "too-large"));
            producer.send(rejection(rejected, "alerts", -1, "too-large"));
            producer.send(new ProducerRecord<>(rejected, bytes("not a rejection")));
            producer.flush();
        }

        try (TopicFeed feed = new TopicFeed(KAFKA.bootstrapServers(), "counters-test");
                PipelineCounters counters =
                        new PipelineCounters(
                                feed,
                                KAFKA.bootstrapServers(),
                                List.of(raw),
                                events,
                                rejected,
                                "no-job-yet")) {
            assertThat(feed.readToEnd(Duration.ofSeconds(60))).isEqualTo(5);
            PipelineCounters.Snapshot s = counters.snapshot();

            assertThat(s.inTotal()).isEqualTo(3);
            assertThat(s.rejected()).as("the raw rejection and the unreadable one").isEqualTo(2);
            assertThat(s.rejectedByReason())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("missing-location", 1L, PipelineCounters.UNREADABLE, 1L));
            assertThat(s.accepted()).isEqualTo(1);
            assertThat(s.otherRejections())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("zones", 1L, "alerts", 2L));
            assertThat(s.eventsRecords()).isEqualTo(1);
        }
    }

    private static ProducerRecord<byte[], byte[]> rejection(
            String rejectedTopic, String sourceTopic, long offset, String reason) {
        RejectedMessage m =
                new RejectedMessage(
                        sourceTopic, 0, offset, AT, reason, "a detail", "{\"some\":\"original\"}");
        return new ProducerRecord<>(rejectedTopic, bytes(m.key()), TopicCodec.encode(m));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class));
    }
}
