package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Round trips of the messages of what agencies did and where: {@code activities.raw}, {@code
 * activity-log}, {@code places}, the activities of a {@code zone-stats} day and the {@code
 * forecast-score} of {@code hotspots}. The expected texts are the field tables in the README.
 */
class ActivityMessagesTest {
    private static final Instant T = Instant.parse("2018-07-07T14:00:00Z");

    @Test
    void aRawActivityLeavesOutWhatItDoesNotKnow() {
        roundTrip(
                new RawActivity(
                        "A-1",
                        "console",
                        "OUTREACH_CONTACT",
                        "Safe Streets",
                        T,
                        39.3,
                        -76.64,
                        null,
                        3,
                        null,
                        "0123456789abcdefABCD_-",
                        null,
                        Map.of()),
                RawActivity.class,
                """
                {"id":"A-1","source":"console","kind":"OUTREACH_CONTACT","agency":"Safe Streets",
                "occurredAt":"2018-07-07T14:00:00Z","lat":39.3,"lon":-76.64,"count":3,
                "contactToken":"0123456789abcdefABCD_-"}""");
    }

    @Test
    void aRawActivityNeedsAnIdAKindAndATime() {
        assertThatThrownBy(
                        () ->
                                TopicCodec.decode(
                                        "activities.raw",
                                        "{\"id\":\"A\",\"occurredAt\":\"2018-07-07T14:00:00Z\"}",
                                        RawActivity.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("kind");
    }

    @Test
    void anActivityOnTheLogNamesItsPlaceAndNoContact() {
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put("vri-zones", "Western");
        ActivityMessage m =
                new ActivityMessage(
                        "activity/console/A-2",
                        "INSPECTION",
                        "Liquor Board",
                        "A-2",
                        "console",
                        T,
                        -76.64,
                        39.3,
                        "892aa8c0c87ffff",
                        zones,
                        "license/B-1",
                        1,
                        "violation found",
                        null);
        roundTrip(
                m,
                ActivityMessage.class,
                """
                {"activityId":"activity/console/A-2","kind":"INSPECTION","agency":"Liquor Board",
                "recordId":"A-2","source":"console","occurredAt":"2018-07-07T14:00:00Z",
                "lon":-76.64,"lat":39.3,"h3":"892aa8c0c87ffff","zones":{"vri-zones":"Western"},
                "placeId":"license/B-1","count":1,"outcome":"violation found","address":null}""");
        assertThat(m.key()).isEqualTo("activity/console/A-2");
        assertThat(m.timestamp()).isEqualTo(T);
        assertThat(TopicCodec.encodeToString(m)).doesNotContain("contact");
    }

    @Test
    void aPlaceIsOpenOrClosedAndItsCategoryIsASlug() {
        PlaceMessage p =
                new PlaceMessage(
                        "vacant/0001-003",
                        "2041 W NORTH AVE",
                        PlaceMessage.category("Vacant Building"),
                        "2041 W NORTH AVE",
                        -76.65104,
                        39.30942,
                        PlaceMessage.OPEN,
                        LocalDate.parse("2019-02-01"),
                        null,
                        "baltimore-vacants-2019",
                        T);
        roundTrip(
                p,
                PlaceMessage.class,
                """
                {"placeId":"vacant/0001-003","name":"2041 W NORTH AVE","category":"vacant-building",
                "address":"2041 W NORTH AVE","lon":-76.65104,"lat":39.30942,"status":"open",
                "since":"2019-02-01","closedOn":null,"source":"baltimore-vacants-2019",
                "updatedAt":"2018-07-07T14:00:00Z"}""");
        PlaceMessage closed = p.closed(LocalDate.parse("2019-10-10"), T.plusSeconds(60));
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.closedOn()).isEqualTo(LocalDate.parse("2019-10-10"));
        assertThatThrownBy(
                        () ->
                                new PlaceMessage(
                                        "x",
                                        "x",
                                        "Liquor License",
                                        null,
                                        0,
                                        0,
                                        "open",
                                        null,
                                        null,
                                        null,
                                        T))
                .hasMessageContaining("category must be lower-case");
    }

    @Test
    void aZoneDayCarriesWhatWasDoneAndAContactSketch() {
        Map<String, Long> activities = new LinkedHashMap<>();
        activities.put("OUTREACH_CONTACT", 12L);
        activities.put("SITE_VISIT", 1L);
        String sketch = ContactSketch.empty().add("t1").add("t2").encode();
        ZoneStatsMessage s =
                new ZoneStatsMessage(
                        "vri-zones",
                        "Western",
                        LocalDate.parse("2018-07-07"),
                        T,
                        T.plusSeconds(86_400),
                        0,
                        1,
                        0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        null,
                        1,
                        null,
                        activities,
                        2L,
                        sketch);
        roundTrip(
                s,
                ZoneStatsMessage.class,
                ("""
                {"layer":"vri-zones","zone":"Western","day":"2018-07-07",
                "from":"2018-07-07T14:00:00Z","until":"2018-07-08T14:00:00Z","homicides":0,
                "shootings":1,"otherViolent":0,"requestsOpened":0,"requestsClosed":0,"tips":0,
                "layerVersion":1,"medianDaysToClose":null,
                "activities":{"OUTREACH_CONTACT":12,"SITE_VISIT":1},"uniqueContacts":2,
                "contactSketch":"%s"}""")
                        .formatted(sketch));
        ZoneStatsMessage none =
                TopicCodec.decode(
                        "zone-stats",
                        """
                        {"layer":"vri-zones","zone":"Western","day":"2017-01-10",
                        "from":"2017-01-10T05:00:00Z","until":"2017-01-11T05:00:00Z","homicides":0,
                        "shootings":1,"otherViolent":1,"requestsOpened":2,"requestsClosed":1,"tips":0}""",
                        ZoneStatsMessage.class);
        assertThat(none.activities()).isEmpty();
        assertThat(none.uniqueContacts()).isNull();
        assertThat(TopicCodec.encodeToString(none)).doesNotContain("activities");
    }

    @Test
    void aForecastScoreIsTypedForTheHotspotsTopicAndKeyedByItsClose() {
        ForecastScoreMessage f =
                new ForecastScoreMessage(
                        7,
                        7,
                        28,
                        T,
                        T.plusSeconds(7 * 86_400),
                        320,
                        4,
                        10,
                        3,
                        0.3,
                        0.0125,
                        24.0,
                        1,
                        0.1,
                        8.0);
        roundTrip(
                f,
                HotspotsMessage.class,
                """
                {"type":"forecast-score","windowDays":7,"horizonDays":7,"baselineDays":28,
                "forecastAt":"2018-07-07T14:00:00Z","scoredUntil":"2018-07-14T14:00:00Z",
                "studyAreaCells":320,"flaggedCells":4,"events":10,"hits":3,"hitRate":0.3,
                "areaShare":0.0125,"pai":24.0,"baselineHits":1,"baselineHitRate":0.1,
                "baselinePai":8.0}""");
        assertThat(f.key()).isEqualTo("7d/forecast/2018-07-07T14:00:00Z");
        assertThat(f.timestamp()).isEqualTo(T.plusSeconds(7 * 86_400));
        assertThatThrownBy(
                        () ->
                                new ForecastScoreMessage(
                                        7, 7, 28, T, T, 10, 1, 2, 3, null, 0.1, null, 0, null,
                                        null))
                .hasMessageContaining("hits");
    }

    @Test
    void activityKindsReadAsPeopleWriteThem() {
        assertThat(ActivityKind.parse("site visit")).contains(ActivityKind.SITE_VISIT);
        assertThat(ActivityKind.parse(" Lighting-Repair ")).contains(ActivityKind.LIGHTING_REPAIR);
        assertThat(ActivityKind.parse("patrol")).isEmpty();
        assertThat(ActivityKind.OUTREACH_CONTACT.phrase()).isEqualTo("outreach contact");
    }

    private static <T extends TopicMessage> void roundTrip(
            TopicMessage message, Class<T> type, String json) {
        String written = TopicCodec.encodeToString(message);
        assertThat(written).isEqualTo(json.replace("\n", ""));
        assertThat(TopicCodec.decode("test-topic", written, type)).isEqualTo(message);
    }
}
