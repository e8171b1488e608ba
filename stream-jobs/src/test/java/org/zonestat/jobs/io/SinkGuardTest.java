package org.zonestat.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.model.TaggedEvent;

/** No record leaves a guarded sink with a timestamp or a size the broker refuses. */
class SinkGuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = RecordLimits.defaults().maxOutputRecordBytes();
    private static final MessageSerializationSchema<Rejection> REJECTED =
            MessageSerializationSchema.of("rejected", TopicMessages::rejected);
    private static final SinkGuard<TaggedEvent> EVENTS =
            SinkGuard.of(
                    "events",
                    MessageSerializationSchema.of("events", TopicMessages::event),
                    REJECTED,
                    MAX);

    @Test
    void aRecordIsStampedWithItsEventTimeButNeverAfterNow() {
        long before = System.currentTimeMillis();
        Instant past = Instant.parse("2018-07-07T20:00:00Z");
        assertThat(EVENTS.serialize(event(past, "1500 N MILTON AVE"), null, null).timestamp())
                .isEqualTo(past.toEpochMilli());

        Instant ahead = Instant.ofEpochMilli(before).plusSeconds(7_200);
        ProducerRecord<byte[], byte[]> r = EVENTS.serialize(event(ahead, null), null, null);
        assertThat(r.timestamp()).isBetween(before, System.currentTimeMillis());
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains(ahead.toString());
    }

    @Test
    void aRecordItsSerializerStampsBefore1970BecomesARejectionInsteadOfAFailure() throws Exception {
        // Kafka refuses to build such a record; the parser keeps event times after 1970.
        ProducerRecord<byte[], byte[]> r =
                EVENTS.serialize(event(Instant.parse("1969-07-20T20:17:40Z"), null), null, null);
        assertThat(r.topic()).isEqualTo("rejected");
        assertThat(JSON.readTree(r.value()).get("reason").asText()).isEqualTo("internal-error");
    }

    @Test
    void anOutputRecordOverTheLimitBecomesARejectionOfItOnRejected() throws Exception {
        ProducerRecord<byte[], byte[]> r =
                EVENTS.serialize(
                        event(Instant.parse("2018-07-07T20:00:00Z"), "A".repeat(2_000_000)),
                        null,
                        null);

        assertThat(r.topic()).isEqualTo("rejected");
        assertThat(SinkGuard.recordBytes(r)).isLessThanOrEqualTo(MAX);
        JsonNode n = JSON.readTree(r.value());
        assertThat(n.get("reason").asText()).isEqualTo("too-large");
        assertThat(n.get("sourceTopic").asText()).isEqualTo("events");
        assertThat(n.get("detail").asText()).startsWith("the events record is 2000");
        assertThat(n.get("original").asText())
                .startsWith("{\"eventId\":\"incident/bpd/c1\"")
                .hasSize(RecordLimits.ORIGINAL_EXCERPT_CHARS);
    }

    @Test
    void aRecordItsSerializerCannotWriteBecomesAnInternalErrorRejection() throws Exception {
        KafkaRecordSerializationSchema<TaggedEvent> failing =
                (element, context, timestamp) -> {
                    throw new IllegalStateException("cannot write");
                };
        SinkGuard<TaggedEvent> guard = SinkGuard.of("events", failing, REJECTED, MAX);

        ProducerRecord<byte[], byte[]> r =
                guard.serialize(event(Instant.parse("2018-07-07T20:00:00Z"), null), null, null);

        JsonNode n = JSON.readTree(r.value());
        assertThat(r.topic()).isEqualTo("rejected");
        assertThat(n.get("reason").asText()).isEqualTo("internal-error");
        assertThat(n.get("detail").asText())
                .isEqualTo(
                        "the job failed on this record in 'events-sink': IllegalStateException:"
                                + " cannot write");
        assertThat(n.get("original").asText()).startsWith("TaggedEvent[event=CityEvent[");
    }

    @Test
    void aRejectionThatDoesNotFitIsCutToFitEvenIfEveryCharacterIsEscaped() throws Exception {
        SinkGuard<Rejection> guard = SinkGuard.forRejected(REJECTED, MAX);
        String original = "\u0001".repeat(900_000) + "\ud800";
        Rejection big =
                new Rejection(
                        new RawRecord("incidents.raw", 1, 42, 0, original),
                        RejectReason.MALFORMED_JSON,
                        "not valid JSON: " + "\ud800".repeat(10_000));

        ProducerRecord<byte[], byte[]> r = guard.serialize(big, null, null);

        assertThat(SinkGuard.recordBytes(r)).isLessThanOrEqualTo(MAX);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("incidents.raw/1/42");
        JsonNode n = JSON.readTree(r.value());
        assertThat(n.get("reason").asText()).isEqualTo("malformed-json");
        assertThat(n.get("original").asText()).startsWith("\u0001\u0001").hasSizeLessThan(900_000);
        assertThat(n.get("detail").asText())
                .startsWith("not valid JSON: \ufffd")
                .contains("; its original here is its first")
                .endsWith(" of 900001 characters");

        Rejection small =
                new Rejection(
                        new RawRecord("incidents.raw", 1, 43, 0, "{"),
                        RejectReason.MALFORMED_JSON,
                        "not valid JSON");
        assertThat(
                        JSON.readTree(guard.serialize(small, null, null).value())
                                .get("original")
                                .asText())
                .isEqualTo("{");
    }

    private static TaggedEvent event(Instant at, String address) {
        return new TaggedEvent(
                new CityEvent(
                        "incident/bpd/c1",
                        EventStream.INCIDENT,
                        "c1",
                        "bpd",
                        "SHOOTING",
                        null,
                        null,
                        at,
                        -76.644,
                        39.301,
                        address),
                "892aa8e2a1bffff",
                Map.of("neighborhoods", "Sandtown-Winchester"));
    }
}
