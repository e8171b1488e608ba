package org.zonestat.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.functions.RawRecordParser;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.topics.HistoryHeaders;

/** The raw source's deserializer parses each Kafka record once and never fails on one. */
class RawRecordDeserializerTest {
    private static final long RECEIVED = Instant.parse("2018-07-08T00:00:00Z").toEpochMilli();
    private static final RawRecordDeserializer DESERIALIZER =
            RawRecordDeserializer.live(
                    new RawRecordParser(
                            Map.of("incidents.raw", EventStream.INCIDENT), Duration.ofDays(1)),
                    RecordLimits.defaults().maxRawRecordBytes());

    @Test
    void aValidRecordIsAcceptedWithItsEventAndWhereItWasRead() throws Exception {
        String json =
                "{\"id\":\"c1\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T20:00:00Z\","
                        + "\"lat\":39.3010,\"lon\":-76.6440,\"address\":\"1500 N MILTON AVE \u00bd\"}";

        ParsedRecord parsed = deserialize(7, 1234, json.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.isAccepted()).isTrue();
        assertThat(parsed.event().eventId()).isEqualTo("incident/incidents.raw/c1");
        assertThat(parsed.event().address()).isEqualTo("1500 N MILTON AVE \u00bd");
        assertThat(parsed.raw()).isEqualTo(new RawRecord("incidents.raw", 7, 1234, RECEIVED, json));
    }

    @Test
    void aNullOrUnreadableValueIsARejectionThatKeepsTopicPartitionAndOffset() throws Exception {
        ParsedRecord tombstone = deserialize(0, 5, null);
        assertThat(tombstone.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(tombstone.raw()).isEqualTo(new RawRecord("incidents.raw", 0, 5, RECEIVED, ""));

        ParsedRecord latin1 =
                deserialize(1, 6, "{\"id\":\"caf\u00e9\"".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(latin1.rejection().source().offset()).isEqualTo(6);
    }

    @Test
    void aRecordOverTheSizeLimitIsRejectedAsTooLargeWithTheStartOfItsText() throws Exception {
        String json =
                "{\"id\":\"big\",\"phone\":\"410-555-0199\",\"note\":\""
                        + "\u00e9".repeat(40_000)
                        + "\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ParsedRecord parsed = deserialize(0, 9, bytes);

        assertThat(parsed.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(parsed.detail())
                .isEqualTo(
                        "the record has "
                                + bytes.length
                                + " bytes, more than the limit of 65536; its original"
                                + " here is its first 4096 characters");
        assertThat(parsed.raw().value())
                .hasSize(RecordLimits.ORIGINAL_EXCERPT_CHARS)
                .startsWith("{\"id\":\"big\",\"note\":\"\u00e9\u00e9")
                .doesNotContain("phone", "555");
    }

    @Test
    void identityFieldsLeaveTheTextBeforeTheParseWhetherItIsAcceptedOrNot() throws Exception {
        String json =
                "{\"id\":\"c1\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T20:00:00Z\","
                        + "\"caller\":{\"name\":\"Z. Q.\",\"phone\":\"410-555-0199\"},"
                        + "\"lat\":39.3010,\"lon\":-76.6440}";
        ParsedRecord accepted = deserialize(0, 1, json.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.isAccepted()).isTrue();
        assertThat(accepted.raw().value())
                .isEqualTo(
                        "{\"id\":\"c1\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T20:00:00Z\","
                                + "\"lat\":39.3010,\"lon\":-76.6440}");

        ParsedRecord cutShort =
                deserialize(
                        0, 2, "{\"id\":\"c2\",\"email\":\"z@q".getBytes(StandardCharsets.UTF_8));
        assertThat(cutShort.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(cutShort.raw().value()).isEqualTo("{\"id\":\"c2\"");
    }

    @Test
    void itProducesAPojoTypeAndSurvivesJavaSerializationToTheTaskManagers() throws Exception {
        assertThat(DESERIALIZER.getProducedType()).isInstanceOf(PojoTypeInfo.class);
        RawRecordDeserializer copy =
                InstantiationUtil.clone(DESERIALIZER, getClass().getClassLoader());
        List<ParsedRecord> out = new ArrayList<>();
        copy.deserialize(
                record(0, 1, "{}".getBytes(StandardCharsets.UTF_8)), new ListCollector<>(out));
        assertThat(out)
                .singleElement()
                .extracting(ParsedRecord::reason)
                .isEqualTo(RejectReason.MISSING_FIELD);
    }

    @Test
    void theLiveJobPassesOverLoadedRecordsAndAHistoryRunReadsOnlyItsOwnLoad() {
        byte[] json =
                ("{\"id\":\"c1\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2015-07-07T20:00:00Z\","
                                + "\"lat\":39.3010,\"lon\":-76.6440}")
                        .getBytes(StandardCharsets.UTF_8);
        RawRecordDeserializer load1 =
                RawRecordDeserializer.forLoad(
                        new RawRecordParser(
                                Map.of("incidents.raw", EventStream.INCIDENT), Duration.ofDays(1)),
                        RecordLimits.defaults().maxRawRecordBytes(),
                        "load-1");
        ConsumerRecord<byte[], byte[]> live = record(0, 1, json);
        ConsumerRecord<byte[], byte[]> ofLoad1 = record(0, 2, json);
        ofLoad1.headers().add(HistoryHeaders.LOAD, HistoryHeaders.bytes("load-1"));
        ConsumerRecord<byte[], byte[]> ofLoad2 = record(0, 3, json);
        ofLoad2.headers().add(HistoryHeaders.LOAD, HistoryHeaders.bytes("load-2"));

        List<ParsedRecord> liveOut = new ArrayList<>();
        List<ParsedRecord> loadOut = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : List.of(live, ofLoad1, ofLoad2)) {
            DESERIALIZER.deserialize(r, new ListCollector<>(liveOut));
            load1.deserialize(r, new ListCollector<>(loadOut));
        }

        assertThat(liveOut).extracting(p -> p.raw().offset()).containsExactly(1L);
        assertThat(loadOut).extracting(p -> p.raw().offset()).containsExactly(2L);
        assertThat(loadOut.get(0).isAccepted()).isTrue();
    }

    private static ParsedRecord deserialize(int partition, long offset, byte[] value)
            throws Exception {
        List<ParsedRecord> out = new ArrayList<>();
        DESERIALIZER.deserialize(record(partition, offset, value), new ListCollector<>(out));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, byte[] value) {
        return new ConsumerRecord<>(
                "incidents.raw",
                partition,
                offset,
                RECEIVED,
                TimestampType.CREATE_TIME,
                0,
                value == null ? -1 : value.length,
                null,
                value,
                new RecordHeaders(),
                Optional.empty());
    }
}
