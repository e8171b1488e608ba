package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What reading bad bytes says: the topic and the reason, never a half-valid record. */
class TopicCodecTest {
    private static final String EVENT =
            "{\"eventId\":\"incident/x/R1\",\"stream\":\"incident\",\"kind\":\"SHOOTING\","
                    + "\"occurredAt\":\"2018-07-08T03:53:00Z\",\"lon\":-76.5982,\"lat\":39.3135,"
                    + "\"addedInAFutureVersion\":{\"x\":1}}";

    @Test
    void unknownFieldsAreIgnoredAndAbsentMapsAreEmpty() {
        EventMessage e = TopicCodec.decode("events", EVENT, EventMessage.class);
        assertThat(e.eventId()).isEqualTo("incident/x/R1");
        assertThat(e.zones()).isEmpty();
        assertThat(e.layers()).isEmpty();
        assertThat(e.type()).isNull();
    }

    @Test
    void notJsonNamesTheTopic() {
        assertThatThrownBy(() -> TopicCodec.decode("events", "not json", EventMessage.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("malformed message on 'events': ")
                .satisfies(
                        e ->
                                assertThat(((MalformedMessageException) e).topic())
                                        .isEqualTo("events"));
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertThatThrownBy(
                        () ->
                                TopicCodec.decode(
                                        "events",
                                        EVENT.replace("\"lon\":-76.5982,", ""),
                                        EventMessage.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("'lon'");
    }

    @Test
    void aValueTheRecordRefusesIsNamedWithTheRecordsOwnWords() {
        assertThatThrownBy(
                        () ->
                                TopicCodec.decode(
                                        "events",
                                        EVENT.replace("39.3135", "139.3135"),
                                        EventMessage.class))
                .isInstanceOf(MalformedMessageException.class)
                .satisfies(
                        e ->
                                assertThat(((MalformedMessageException) e).reason())
                                        .isEqualTo("lat must be in [-90, 90], was 139.3135"));
        assertThatThrownBy(
                        () ->
                                TopicCodec.decode(
                                        "events",
                                        EVENT.replace("\"incident/x/R1\"", "\"\""),
                                        EventMessage.class))
                .hasMessageContaining("eventId is required");
    }

    @Test
    void aNullForANumberOrAFractionForACountIsRefusedNotDefaulted() {
        assertThatThrownBy(
                        () ->
                                TopicCodec.decode(
                                        "events",
                                        EVENT.replace("39.3135", "null"),
                                        EventMessage.class))
                .isInstanceOf(MalformedMessageException.class);
        String day =
                "{\"layer\":\"vri-zones\",\"zone\":\"Western\",\"day\":\"2018-07-07\","
                        + "\"from\":\"2018-07-07T04:00:00Z\",\"until\":\"2018-07-08T04:00:00Z\","
                        + "\"homicides\":0,\"shootings\":1.5,\"otherViolent\":0,"
                        + "\"requestsOpened\":0,\"requestsClosed\":0,\"tips\":0}";
        assertThatThrownBy(() -> TopicCodec.decode("zone-stats", day, ZoneStatsMessage.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("shootings");
        assertThatThrownBy(
                        () ->
                                TopicCodec.decode(
                                        "zone-stats",
                                        day.replace("1.5", "-1"),
                                        ZoneStatsMessage.class))
                .hasMessageContaining("shootings must be >= 0, was -1");
    }

    @Test
    void aHotspotsMessageOfUnknownOrMissingTypeIsMalformed() {
        assertThatThrownBy(
                        () ->
                                TopicCodec.decode(
                                        "hotspots",
                                        "{\"type\":\"heat-wave\",\"windowDays\":1}",
                                        HotspotsMessage.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("heat-wave");
        assertThatThrownBy(
                        () ->
                                TopicCodec.decode(
                                        "hotspots", "{\"windowDays\":1}", HotspotsMessage.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("type");
    }

    @Test
    void aTreeIsTheSameJson() {
        RawTip tip =
                new RawTip("T1", null, "GUNS", java.time.Instant.EPOCH, 1.0, 2.0, null, null, null);
        assertThat(TopicCodec.toTree(tip).toString()).isEqualTo(TopicCodec.encodeToString(tip));
    }

    @Test
    void aTombstoneIsNotAMessage() {
        assertThatThrownBy(() -> TopicCodec.decode("zones", (byte[]) null, ZoneLayerMessage.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("no value");
    }

    @Test
    void aRawRecordsOtherFieldsMayNotShadowItsOwn() {
        assertThatThrownBy(
                        () ->
                                new RawTip(
                                        "T1",
                                        null,
                                        "GUNS",
                                        java.time.Instant.EPOCH,
                                        null,
                                        null,
                                        null,
                                        null,
                                        java.util.Map.of("text", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'text'");
    }
}
