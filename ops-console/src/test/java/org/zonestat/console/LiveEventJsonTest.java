package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.MalformedMessageException;
import org.zonestat.topics.TopicCodec;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LiveEventJsonTest {
    private static final ObjectMapper JSON = ConsoleJson.newMapper();

    private static final String CONTRACT_EXAMPLE =
            """
            {"eventId":"incident/bpd-part1-2018/R1","stream":"incident","kind":"SHOOTING",
             "type":"SHOOTING","status":null,"recordId":"R1","source":"bpd-part1-2018",
             "occurredAt":"2018-07-08T03:53:00Z","lon":-76.5982,"lat":39.3135,
             "h3":"892aa8d4d83ffff","zones":{"vri-zones":"Eastern1","neighborhoods":"Frankford"},
             "address":"100 N EXAMPLE ST","addedInAFutureVersion":{"x":1}}
            """;

    @Test
    void an_event_from_the_contract_is_read_and_unknown_fields_are_ignored() {
        LiveEvent e = parse(CONTRACT_EXAMPLE);

        assertThat(e.eventId()).isEqualTo("incident/bpd-part1-2018/R1");
        assertThat(e.kind()).isEqualTo("SHOOTING");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2018-07-08T03:53:00Z"));
        assertThat(e.lon()).isEqualTo(-76.5982);
        assertThat(e.lat()).isEqualTo(39.3135);
        assertThat(e.status()).isNull();
        assertThat(e.zones())
                .containsExactly(
                        Map.entry("vri-zones", "Eastern1"),
                        Map.entry("neighborhoods", "Frankford"));
    }

    @Test
    void an_event_is_written_back_with_the_contract_field_names_and_an_iso_instant()
            throws Exception {
        JsonNode written = JSON.readTree(JSON.writeValueAsString(parse(CONTRACT_EXAMPLE)));

        assertThat(written.path("occurredAt").asText()).isEqualTo("2018-07-08T03:53:00Z");
        assertThat(written.path("zones").path("vri-zones").asText()).isEqualTo("Eastern1");
        assertThat(written.has("addedInAFutureVersion")).isFalse();
        List<String> fields = new ArrayList<>();
        written.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "eventId",
                        "stream",
                        "kind",
                        "type",
                        "status",
                        "recordId",
                        "source",
                        "occurredAt",
                        "lon",
                        "lat",
                        "h3",
                        "zones",
                        "address");
    }

    @Test
    void an_event_without_coordinates_is_malformed() {
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("\"lon\":-76.5982,", "")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("lon");
    }

    @Test
    void an_event_without_an_event_id_is_malformed() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        CONTRACT_EXAMPLE.replace(
                                                "\"incident/bpd-part1-2018/R1\"", "\"\"")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("eventId is required");
    }

    @Test
    void an_event_off_the_globe_is_malformed() {
        assertThatThrownBy(() -> parse(CONTRACT_EXAMPLE.replace("39.3135", "139.3135")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("lat must be in [-90, 90]");
    }

    @Test
    void a_bad_timestamp_or_not_json_at_all_is_malformed() {
        assertThatThrownBy(
                        () -> parse(CONTRACT_EXAMPLE.replace("2018-07-08T03:53:00Z", "yesterday")))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> TopicCodec.decode("events", (byte[]) null, EventMessage.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void live_messages_carry_their_type_and_read_back_as_the_same_records() throws Exception {
        LiveEvent e = parse(CONTRACT_EXAMPLE);
        LiveMessage snapshot =
                new LiveMessage.Snapshot(
                        "stream-1",
                        7,
                        LiveMessage.SnapshotReason.SUBSCRIBE,
                        LiveSubscription.everything(),
                        List.of(e),
                        List.of(),
                        List.of(),
                        List.of());
        LiveMessage event = new LiveMessage.Event(8, e);

        String snapshotJson = JSON.writerFor(LiveMessage.class).writeValueAsString(snapshot);
        String eventJson = JSON.writerFor(LiveMessage.class).writeValueAsString(event);

        assertThat(JSON.readTree(snapshotJson).path("type").asText()).isEqualTo("snapshot");
        assertThat(JSON.readTree(snapshotJson).path("lastSeq").asLong()).isEqualTo(7);
        assertThat(JSON.readTree(snapshotJson).path("reason").asText()).isEqualTo("subscribe");
        assertThat(JSON.readTree(eventJson).path("type").asText()).isEqualTo("event");
        assertThat(JSON.readTree(eventJson).path("seq").asLong()).isEqualTo(8);
        assertThat(JSON.readValue(snapshotJson, LiveMessage.class)).isEqualTo(snapshot);
        assertThat(JSON.readValue(eventJson, LiveMessage.class)).isEqualTo(event);
    }

    private static LiveEvent parse(String json) {
        return LiveEvent.of(
                TopicCodec.decode(
                        "events", json.getBytes(StandardCharsets.UTF_8), EventMessage.class));
    }
}
