package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.ContactChannel;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;

/**
 * The raw-record contract, one row per case: each rejection reason the parser gives, on each stream
 * (incidents, 311 requests, tips), with values padded by spaces where a feed might pad them; and
 * the typed fields of records it accepts. Reasons given by later stages ({@code
 * swapped-coordinates}, {@code outside-zones}, {@code late}, {@code duplicate}) are tested with
 * those stages, and {@code internal-error} with each stage that can give it.
 */
class RawRecordParserTest {
    private static final String INCIDENTS = "incidents.raw";
    private static final String REQUESTS = "requests311.raw";
    private static final String TIPS = "tips.raw";
    private static final Instant RECEIVED = Instant.parse("2018-07-08T00:00:00Z");
    private static final Duration TOLERANCE = Duration.ofDays(1);
    private static final RawRecordParser PARSER =
            new RawRecordParser(
                    Map.of(
                            INCIDENTS, EventStream.INCIDENT,
                            REQUESTS, EventStream.REQUEST311,
                            TIPS, EventStream.TIP),
                    TOLERANCE);

    private static final String AT = "\"occurredAt\":\"2018-07-07T20:00:00Z\"";
    private static final String HERE = "\"lat\":39.3010,\"lon\":-76.6440";
    private static final String INCIDENT = "\"id\":\"c1\",\"kind\":\"SHOOTING\"";
    private static final String REQUEST = "\"id\":\"19-1\",\"type\":\"SW-Dirty Alley\"";
    private static final String TIP = "\"id\":\"t1\",\"category\":\"Drugs\"";

    /** A row of the rejection table: on this topic, this text is rejected for this reason. */
    record Rejected(
            String topic, String json, RejectReason reason, String detailContains, String why) {
        @Override
        public String toString() {
            return topic + ": " + why + " -> " + reason.code();
        }
    }

    static Stream<Rejected> rejections() {
        return Stream.of(
                // Not a JSON object at all.
                rejected(
                        INCIDENTS,
                        "{\"id\":\"b1\",",
                        RejectReason.MALFORMED_JSON,
                        "not valid JSON",
                        "cut off"),
                rejected(
                        INCIDENTS,
                        "[1, 2]",
                        RejectReason.MALFORMED_JSON,
                        "not a JSON object",
                        "an array"),
                rejected(INCIDENTS, "", RejectReason.MALFORMED_JSON, "JSON", "an empty record"),
                rejected(
                        REQUESTS,
                        "\"19-1\"",
                        RejectReason.MALFORMED_JSON,
                        "not a JSON object",
                        "a string"),
                rejected(
                        TIPS,
                        "{\"id\":\"t1\" \"category\":\"Drugs\"}",
                        RejectReason.MALFORMED_JSON,
                        "not valid JSON",
                        "a missing comma"),
                // Required fields: absent, null, or blank once trimmed.
                rejected(
                        INCIDENTS,
                        "{\"id\":\"   \",\"kind\":\"SHOOTING\"," + AT + "," + HERE + "}",
                        RejectReason.MISSING_FIELD,
                        "field 'id' is missing",
                        "an id of spaces"),
                rejected(
                        INCIDENTS,
                        "{\"id\":null,\"kind\":\"SHOOTING\"," + AT + "," + HERE + "}",
                        RejectReason.MISSING_FIELD,
                        "field 'id' is missing",
                        "a null id"),
                rejected(
                        REQUESTS,
                        "{" + REQUEST + ",\"status\":\"New\"," + HERE + "}",
                        RejectReason.MISSING_FIELD,
                        "field 'occurredAt' is missing",
                        "no time"),
                rejected(
                        TIPS,
                        "{" + TIP + ",\"occurredAt\":\" \"," + HERE + "}",
                        RejectReason.MISSING_FIELD,
                        "field 'occurredAt' is missing",
                        "a time of spaces"),
                rejected(
                        INCIDENTS,
                        "{\"id\":\"c1\",\"kind\":\"  \"," + AT + "," + HERE + "}",
                        RejectReason.MISSING_FIELD,
                        "field 'kind' is missing",
                        "a kind of spaces"),
                rejected(
                        REQUESTS,
                        "{\"id\":\"19-1\",\"type\":\" \",\"status\":\"New\","
                                + AT
                                + ","
                                + HERE
                                + "}",
                        RejectReason.MISSING_FIELD,
                        "field 'type' is missing",
                        "a type of spaces"),
                rejected(
                        REQUESTS,
                        "{" + REQUEST + "," + AT + "," + HERE + "}",
                        RejectReason.MISSING_FIELD,
                        "field 'status' is missing",
                        "no status"),
                rejected(
                        TIPS,
                        "{\"id\":\"t1\",\"category\":\"\\t \"," + AT + "," + HERE + "}",
                        RejectReason.MISSING_FIELD,
                        "field 'category' is missing",
                        "a category of blanks"),
                rejected(
                        TIPS,
                        "{\"id\":\"t1\",\"type\":\"Drugs\"," + AT + "," + HERE + "}",
                        RejectReason.MISSING_FIELD,
                        "field 'category' is missing",
                        "a type instead of a category"),
                // Fields present but unusable.
                rejected(
                        INCIDENTS,
                        "{" + INCIDENT + ",\"occurredAt\":\" yesterday \"," + HERE + "}",
                        RejectReason.INVALID_FIELD,
                        "field 'occurredAt' is not an ISO-8601 date-time with offset: 'yesterday'",
                        "a time in words"),
                rejected(
                        REQUESTS,
                        "{"
                                + REQUEST
                                + ",\"status\":\"New\",\"occurredAt\":\"2018-07-07T20:00:00\","
                                + HERE
                                + "}",
                        RejectReason.INVALID_FIELD,
                        "'2018-07-07T20:00:00'",
                        "a time without offset"),
                rejected(
                        REQUESTS,
                        "{"
                                + REQUEST
                                + ",\"status\":\"New\","
                                + AT
                                + ",\"dueAt\":\" next week \","
                                + HERE
                                + "}",
                        RejectReason.INVALID_FIELD,
                        "field 'dueAt' is not an ISO-8601 date-time with offset: 'next week'",
                        "a due time in words"),
                rejected(
                        REQUESTS,
                        "{"
                                + REQUEST
                                + ",\"status\":\"New\","
                                + AT
                                + ",\"contactChannel\":\"carrier pigeon\","
                                + HERE
                                + "}",
                        RejectReason.INVALID_FIELD,
                        "field 'contactChannel' is 'carrier pigeon', not email or sms",
                        "a contact channel nobody can deliver on"),
                rejected(
                        INCIDENTS,
                        "{" + INCIDENT + "," + AT + ",\"lat\":\" 39.3 \",\"lon\":-76.6}",
                        RejectReason.INVALID_FIELD,
                        "field 'lat' is not a number",
                        "a latitude as text"),
                rejected(
                        TIPS,
                        "{" + TIP + "," + AT + ",\"lat\":39.3,\"lon\":[-76.6]}",
                        RejectReason.INVALID_FIELD,
                        "field 'lon' is not a number",
                        "a longitude in an array"),
                rejected(
                        INCIDENTS,
                        "{" + INCIDENT + "," + AT + ",\"lat\":95.0,\"lon\":-76.6}",
                        RejectReason.INVALID_FIELD,
                        "location lat=95.0 lon=-76.6 is out of range",
                        "a latitude past the pole"),
                rejected(
                        REQUESTS,
                        "{"
                                + REQUEST
                                + ",\"status\":\"New\","
                                + AT
                                + ",\"lat\":39.3,\"lon\":-196.6}",
                        RejectReason.INVALID_FIELD,
                        "is out of range",
                        "a longitude past the antimeridian"),
                rejected(
                        "parking.raw",
                        "{" + INCIDENT + "," + AT + "," + HERE + "}",
                        RejectReason.INVALID_FIELD,
                        "topic 'parking.raw' is not a configured raw topic",
                        "a topic of no stream"),
                // An incident kind outside the vocabulary.
                rejected(
                        INCIDENTS,
                        "{\"id\":\"c1\",\"kind\":\" jaywalking \"," + AT + "," + HERE + "}",
                        RejectReason.UNKNOWN_KIND,
                        "field 'kind' has unknown incident kind 'jaywalking'",
                        "jaywalking"),
                // No location.
                rejected(
                        INCIDENTS,
                        "{" + INCIDENT + "," + AT + "}",
                        RejectReason.MISSING_LOCATION,
                        "field 'lat' is missing",
                        "no coordinates"),
                rejected(
                        REQUESTS,
                        "{"
                                + REQUEST
                                + ",\"status\":\"New\","
                                + AT
                                + ",\"lat\":\"  \",\"lon\":-76.6}",
                        RejectReason.MISSING_LOCATION,
                        "field 'lat' is missing",
                        "a latitude of spaces"),
                rejected(
                        TIPS,
                        "{" + TIP + "," + AT + ",\"lat\":39.3,\"lon\":null}",
                        RejectReason.MISSING_LOCATION,
                        "field 'lon' is missing",
                        "a null longitude"),
                // A missing geocode written as 0,0.
                rejected(
                        INCIDENTS,
                        "{" + INCIDENT + "," + AT + ",\"lat\":0,\"lon\":0.0}",
                        RejectReason.ZERO_COORDINATES,
                        "location is 0,0",
                        "0,0"),
                rejected(
                        REQUESTS,
                        "{" + REQUEST + ",\"status\":\"New\"," + AT + ",\"lat\":0.0,\"lon\":0}",
                        RejectReason.ZERO_COORDINATES,
                        "location is 0,0",
                        "0,0"),
                rejected(
                        TIPS,
                        "{" + TIP + "," + AT + ",\"lat\":0,\"lon\":0}",
                        RejectReason.ZERO_COORDINATES,
                        "location is 0,0",
                        "0,0"),
                // Claims to have happened after it was received, beyond the tolerance.
                rejected(
                        INCIDENTS,
                        "{" + INCIDENT + ",\"occurredAt\":\"2030-01-01T00:00:00Z\"," + HERE + "}",
                        RejectReason.FUTURE_TIMESTAMP,
                        "field 'occurredAt' 2030-01-01T00:00:00Z is more than PT24H after",
                        "2030"),
                rejected(
                        REQUESTS,
                        "{"
                                + REQUEST
                                + ",\"status\":\"New\",\"occurredAt\":\"2018-07-09T00:00:00.001Z\","
                                + HERE
                                + "}",
                        RejectReason.FUTURE_TIMESTAMP,
                        "2018-07-09T00:00:00.001Z",
                        "1 ms past the tolerance"),
                rejected(
                        TIPS,
                        "{" + TIP + ",\"occurredAt\":\" 2018-07-09T02:00:01+02:00 \"," + HERE + "}",
                        RejectReason.FUTURE_TIMESTAMP,
                        "2018-07-09T00:00:01Z",
                        "1 s past the tolerance, with an offset"),
                // Times that no epoch-millisecond timestamp can hold, or before 1970.
                rejected(
                        INCIDENTS,
                        "{"
                                + INCIDENT
                                + ",\"occurredAt\":\"-999999999-01-01T00:00:00Z\","
                                + HERE
                                + "}",
                        RejectReason.INVALID_FIELD,
                        "field 'occurredAt' -999999999-01-01T00:00:00Z is outside 1970-01-02T00:00:00Z",
                        "the first year an instant can name"),
                rejected(
                        TIPS,
                        "{" + TIP + ",\"occurredAt\":\"+999999999-12-31T23:59:59Z\"," + HERE + "}",
                        RejectReason.INVALID_FIELD,
                        "field 'occurredAt' +999999999-12-31T23:59:59Z is outside",
                        "the last year an instant can name"),
                rejected(
                        INCIDENTS,
                        "{" + INCIDENT + ",\"occurredAt\":\"1970-01-01T23:59:59Z\"," + HERE + "}",
                        RejectReason.INVALID_FIELD,
                        "is outside 1970-01-02T00:00:00Z .. 9999-12-31T23:59:59.999Z",
                        "a second before the first full day of 1970"),
                rejected(
                        REQUESTS,
                        "{"
                                + REQUEST
                                + ",\"status\":\"New\","
                                + AT
                                + ",\"dueAt\":\"+999999999-12-31T23:59:59Z\","
                                + HERE
                                + "}",
                        RejectReason.INVALID_FIELD,
                        "field 'dueAt' +999999999-12-31T23:59:59Z is outside",
                        "a due time in the last year an instant can name"),
                rejected(
                        TIPS,
                        "{\"id\":\"t1\",\"category\":\"Drugs \\ud800\"," + AT + "," + HERE + "}",
                        RejectReason.INVALID_FIELD,
                        "field 'category' is not well-formed Unicode",
                        "an unpaired surrogate"),
                // Text fields longer than their limit.
                rejected(
                        INCIDENTS,
                        "{\"id\":\""
                                + "1".repeat(201)
                                + "\",\"kind\":\"SHOOTING\","
                                + AT
                                + ","
                                + HERE
                                + "}",
                        RejectReason.TOO_LARGE,
                        "field 'id' has 201 characters, more than its limit of 200",
                        "a long id"),
                rejected(
                        REQUESTS,
                        "{"
                                + REQUEST
                                + ",\"status\":\"New\","
                                + AT
                                + ","
                                + HERE
                                + ",\"address\":\""
                                + "A".repeat(100_000)
                                + "\"}",
                        RejectReason.TOO_LARGE,
                        "field 'address' has 100000 characters, more than its limit of 500",
                        "a long address"),
                rejected(
                        TIPS,
                        "{\"id\":\"t1\",\"category\":\""
                                + "D".repeat(201)
                                + "\","
                                + AT
                                + ","
                                + HERE
                                + "}",
                        RejectReason.TOO_LARGE,
                        "field 'category' has 201 characters",
                        "a long category"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void aRecordIsRejectedWithItsReasonADetailAndItsOriginal(Rejected row) {
        RawRecord raw = raw(row.topic(), row.json());

        ParsedRecord parsed = PARSER.parse(raw);

        assertThat(parsed.isAccepted()).isFalse();
        assertThat(parsed.event()).isNull();
        assertThat(parsed.reason()).isEqualTo(row.reason());
        assertThat(parsed.detail()).contains(row.detailContains());
        assertThat(parsed.raw()).as("the original, untouched").isEqualTo(raw);
        assertThat(parsed.rejection().source()).isEqualTo(raw);
        assertThat(parsed.eventTimeMillis())
                .as("a rejection is placed at its receipt")
                .isEqualTo(RECEIVED.toEpochMilli());
    }

    @Test
    void theTableHasARowForEveryReasonTheParserGivesOnEveryStream() {
        Set<RejectReason> later =
                EnumSet.of(
                        RejectReason.SWAPPED_COORDINATES,
                        RejectReason.OUTSIDE_ZONES,
                        RejectReason.LATE,
                        RejectReason.DUPLICATE,
                        RejectReason.INTERNAL_ERROR);
        Set<RejectReason> parserReasons = EnumSet.complementOf(EnumSet.copyOf(later));
        assertThat(rejections().map(Rejected::reason).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(parserReasons);
        for (String topic : List.of(INCIDENTS, REQUESTS, TIPS)) {
            Set<RejectReason> onTopic =
                    rejections()
                            .filter(r -> r.topic().equals(topic))
                            .map(Rejected::reason)
                            .collect(Collectors.toSet());
            assertThat(onTopic)
                    .as(topic)
                    .contains(
                            RejectReason.MALFORMED_JSON,
                            RejectReason.MISSING_FIELD,
                            RejectReason.ZERO_COORDINATES,
                            RejectReason.FUTURE_TIMESTAMP);
        }
    }

    @Test
    void anIncidentWithPaddedValuesIsAcceptedWithTrimmedTypedFields() {
        ParsedRecord parsed =
                PARSER.parse(
                        raw(
                                INCIDENTS,
                                "{\"id\":\" 18G01234 \",\"kind\":\" aggravated assault \","
                                        + "\"occurredAt\":\" 2018-07-07T23:53:00-04:00 \","
                                        + "\"lat\":39.34782,\"lon\":-76.58727,"
                                        + "\"source\":\" bpd-part1-2018 \",\"type\":\" AGG. ASSAULT \","
                                        + "\"address\":\" 1500 N MILTON AVE \",\"tipster\":\"J. Doe\"}"));

        assertThat(parsed.isAccepted()).isTrue();
        assertThat(parsed.reason()).isNull();
        assertThat(parsed.detail()).isNull();
        CityEvent e = parsed.event();
        assertThat(e.eventId()).isEqualTo("incident/bpd-part1-2018/18G01234");
        assertThat(e.stream()).isEqualTo(EventStream.INCIDENT);
        assertThat(e.recordId()).isEqualTo("18G01234");
        assertThat(e.source()).isEqualTo("bpd-part1-2018");
        assertThat(e.kind()).isEqualTo("AGGRAVATED_ASSAULT");
        assertThat(e.type()).isEqualTo("AGG. ASSAULT");
        assertThat(e.status()).isNull();
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2018-07-08T03:53:00Z"));
        assertThat(e.lat()).isEqualTo(39.34782);
        assertThat(e.lon()).isEqualTo(-76.58727);
        assertThat(e.address()).isEqualTo("1500 N MILTON AVE");
        assertThat(e.dueAt()).isNull();
        assertThat(parsed.eventTimeMillis())
                .as("event time is occurredAt, not the receipt")
                .isEqualTo(Instant.parse("2018-07-08T03:53:00Z").toEpochMilli());
    }

    @Test
    void a311UpdateIsAcceptedWithAnIdThatTellsAReopenFromARedelivery() {
        ParsedRecord parsed =
                PARSER.parse(
                        raw(
                                REQUESTS,
                                "{\"id\":\"19-00012345\",\"type\":\" SW-Dirty Alley \","
                                        + "\"status\":\" Closed \",\"occurredAt\":\"2018-07-07T16:00:00-04:00\","
                                        + "\"dueAt\":\" 2018-07-10T16:00:00-04:00 \","
                                        + "\"lat\":39.2909,\"lon\":-76.6107}"));

        CityEvent e = parsed.event();
        assertThat(e.eventId())
                .as("no source field: the topic names the feed")
                .isEqualTo("request311/requests311.raw/19-00012345/Closed@2018-07-07T20:00:00Z");
        assertThat(e.kind()).isEqualTo("REQUEST_311");
        assertThat(e.type()).isEqualTo("SW-Dirty Alley");
        assertThat(e.status()).isEqualTo("Closed");
        assertThat(e.dueAt()).isEqualTo(Instant.parse("2018-07-10T20:00:00Z"));
        assertThat(e.contact()).as("no contactChannel").isEqualTo(ContactChannel.NONE);
    }

    @Test
    void a311RequestKeepsTheContactChannelTheResidentChoseButNeverAContact() {
        CityEvent e =
                PARSER.parse(
                                raw(
                                        REQUESTS,
                                        "{\"id\":\"Z-1\",\"type\":\"SW-Dirty Alley\","
                                                + "\"status\":\"New\",\"occurredAt\":\"2018-07-07T16:00:00-04:00\","
                                                + "\"contactChannel\":\" Email \","
                                                + "\"email\":\"resident@example.org\","
                                                + "\"lat\":39.2909,\"lon\":-76.6107}"))
                        .event();

        assertThat(e.contact()).isEqualTo(ContactChannel.EMAIL);
        assertThat(e.toString()).doesNotContain("resident@example.org");
    }

    @Test
    void aTipIsAcceptedWithItsCategoryAsTypeAndNothingOfItsTipster() {
        ParsedRecord parsed =
                PARSER.parse(
                        raw(
                                TIPS,
                                "{\"id\":\"t-9\",\"category\":\" Drugs \",\"source\":\"tip-line\","
                                        + "\"occurredAt\":\"2018-07-08T23:59:59Z\",\"lat\":39.3,\"lon\":-76.6,"
                                        + "\"tipster\":{\"name\":\"J. Doe\",\"phone\":\"410-555-0100\"}}"));

        CityEvent e = parsed.event();
        assertThat(e.eventId()).isEqualTo("tip/tip-line/t-9");
        assertThat(e.kind()).isEqualTo("TIP");
        assertThat(e.type()).isEqualTo("Drugs");
        assertThat(e.status()).isNull();
        assertThat(e.occurredAt())
                .as("within the tolerance: 1 s short of a day after the receipt")
                .isEqualTo(Instant.parse("2018-07-08T23:59:59Z"));
        assertThat(e.toString()).doesNotContain("Doe", "410");
    }

    @Test
    void theSameInputAlwaysGivesTheSameEventWhereverItWasRead() {
        String json = "{" + INCIDENT + "," + AT + "," + HERE + "}";
        ParsedRecord first =
                PARSER.parse(new RawRecord(INCIDENTS, 0, 7, RECEIVED.toEpochMilli(), json));
        ParsedRecord again =
                PARSER.parse(
                        new RawRecord(INCIDENTS, 1, 42, RECEIVED.toEpochMilli() + 3_600_000, json));
        assertThat(again.event()).isEqualTo(first.event());
        assertThat(again.raw()).isNotEqualTo(first.raw());
    }

    private static Rejected rejected(
            String topic, String json, RejectReason reason, String detail, String why) {
        return new Rejected(topic, json, reason, detail, why);
    }

    private static RawRecord raw(String topic, String json) {
        return new RawRecord(topic, 1, 17, RECEIVED.toEpochMilli(), json);
    }
}
