package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zonestat.jobs.model.ActivityDetails;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;

/**
 * The {@code activities.raw} contract, one row per case: each rejection an activity can get from
 * the parse, and the typed fields of an accepted one. (Location, time and JSON checks are the same
 * as every stream's: {@code RawRecordParserTest}.)
 */
class ActivityParsingTest {
    private static final String ACTIVITIES = "activities.raw";
    private static final Instant RECEIVED = Instant.parse("2018-07-08T00:00:00Z");
    private static final RawRecordParser PARSER =
            new RawRecordParser(Map.of(ACTIVITIES, EventStream.ACTIVITY), Duration.ofDays(1));
    private static final String BASE =
            "\"id\":\"a1\",\"occurredAt\":\"2018-07-07T20:00:00Z\",\"lat\":39.3010,\"lon\":-76.6440";
    private static final String TOKEN = "0123456789abcdefABCD_-";

    record Rejected(String json, RejectReason reason, String detailContains) {}

    static Stream<Rejected> rejections() {
        return Stream.of(
                new Rejected(
                        "{" + BASE + ",\"agency\":\"DHCD\"}", RejectReason.MISSING_FIELD, "'kind'"),
                new Rejected(
                        "{" + BASE + ",\"kind\":\"patrol\",\"agency\":\"BPD\"}",
                        RejectReason.UNKNOWN_KIND,
                        "unknown activity kind 'patrol'"),
                new Rejected(
                        "{" + BASE + ",\"kind\":\"SITE_VISIT\",\"agency\":\"  \"}",
                        RejectReason.MISSING_FIELD,
                        "'agency'"),
                new Rejected(
                        "{" + BASE + ",\"kind\":\"CLEANUP\",\"agency\":\"DPW\",\"count\":0}",
                        RejectReason.INVALID_FIELD,
                        "'count' must be a whole number from 1 to 10000, was 0"),
                new Rejected(
                        "{" + BASE + ",\"kind\":\"CLEANUP\",\"agency\":\"DPW\",\"count\":2.5}",
                        RejectReason.INVALID_FIELD,
                        "'count'"),
                new Rejected(
                        "{" + BASE + ",\"kind\":\"CLEANUP\",\"agency\":\"DPW\",\"count\":\"3\"}",
                        RejectReason.INVALID_FIELD,
                        "'count'"),
                new Rejected(
                        "{"
                                + BASE
                                + ",\"kind\":\"OUTREACH_CONTACT\",\"agency\":\"Safe Streets\","
                                + "\"contactToken\":\"Darnell Jones\"}",
                        RejectReason.INVALID_FIELD,
                        "not a contact token"),
                new Rejected(
                        "{"
                                + BASE
                                + ",\"kind\":\"SITE_VISIT\",\"agency\":\"CitiStat\","
                                + "\"contactToken\":\""
                                + TOKEN
                                + "\"}",
                        RejectReason.INVALID_FIELD,
                        "for OUTREACH_CONTACT only"),
                new Rejected(
                        "{\"id\":\"a1\",\"occurredAt\":\"2018-07-07T20:00:00Z\","
                                + "\"kind\":\"SITE_VISIT\",\"agency\":\"CitiStat\"}",
                        RejectReason.MISSING_LOCATION,
                        "'lat'"));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void anActivityThatCannotBeUsedIsRejectedNamingTheField(Rejected row) {
        ParsedRecord p = PARSER.parse(raw(row.json()));
        assertThat(p.isAccepted()).as(row.json()).isFalse();
        assertThat(p.reason()).as(row.json()).isEqualTo(row.reason());
        assertThat(p.detail()).as(row.json()).contains(row.detailContains());
        assertThat(p.detail()).doesNotContain("Darnell");
    }

    @Test
    void anAcceptedActivityCarriesItsAgencyPlaceCountOutcomeAndToken() {
        ParsedRecord p =
                PARSER.parse(
                        raw(
                                "{"
                                        + BASE
                                        + ",\"source\":\"console\",\"kind\":\" outreach contact \","
                                        + "\"agency\":\" Safe Streets \",\"count\":3,"
                                        + "\"placeId\":\"license/B-1\",\"outcome\":\"spoke\","
                                        + "\"contactToken\":\""
                                        + TOKEN
                                        + "\",\"name\":\"ignored\"}"));
        assertThat(p.isAccepted()).as(String.valueOf(p.detail())).isTrue();
        CityEvent e = p.event();
        assertThat(e.eventId()).isEqualTo("activity/console/a1");
        assertThat(e.stream()).isEqualTo(EventStream.ACTIVITY);
        assertThat(e.kind()).isEqualTo("OUTREACH_CONTACT");
        assertThat(e.activity())
                .isEqualTo(new ActivityDetails("Safe Streets", "license/B-1", 3, "spoke", TOKEN));
    }

    @Test
    void anActivityCountsOneUnlessItSaysHowMany() {
        ParsedRecord p =
                PARSER.parse(raw("{" + BASE + ",\"kind\":\"SITE_VISIT\",\"agency\":\"CitiStat\"}"));
        assertThat(p.event().activity().count()).isEqualTo(1);
        assertThat(p.event().source()).isEqualTo(ACTIVITIES);
    }

    private static RawRecord raw(String json) {
        return new RawRecord(ACTIVITIES, 0, 7, RECEIVED.toEpochMilli(), json);
    }
}
