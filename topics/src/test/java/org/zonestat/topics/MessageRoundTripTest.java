package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One round trip per message type: the record is written as the topic's JSON exactly (field names,
 * order, instant format, which absent values are null and which are left out), and that JSON reads
 * back as an equal record. The expected texts are the topics' field tables in the README.
 */
class MessageRoundTripTest {
    private static final Instant T = Instant.parse("2019-10-18T14:00:00Z");
    private static final Map<String, String> ZONES = ordered("vri-zones", "Western");

    @Test
    void anIncidentLeavesOutWhatItDoesNotKnowAndKeepsTheFeedsOwnFields() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("crimeCode", "9S");
        details.put("weapon", null);
        details.put("victims", 2L);
        roundTrip(
                new RawIncident(
                        "18G01234",
                        "bpd-part1-2018",
                        "SHOOTING",
                        "SHOOTING",
                        T,
                        39.3135,
                        -76.5982,
                        null,
                        details),
                RawIncident.class,
                """
                {"id":"18G01234","source":"bpd-part1-2018","kind":"SHOOTING","type":"SHOOTING",
                "occurredAt":"2019-10-18T14:00:00Z","lat":39.3135,"lon":-76.5982,
                "crimeCode":"9S","weapon":null,"victims":2}""");
    }

    @Test
    void aRequestStepCarriesItsLifecycleTimes() {
        roundTrip(
                new RawRequestStep(
                        "19-00711545",
                        "baltimore-311-2019",
                        "SW-Rat Rubout Proactive",
                        "Closed",
                        T,
                        null,
                        null,
                        T.minusSeconds(3600),
                        T.plusSeconds(86_400),
                        T,
                        "100 N CALVERT ST",
                        Map.of("agency", "Solid Waste")),
                RawRequestStep.class,
                """
                {"id":"19-00711545","source":"baltimore-311-2019","type":"SW-Rat Rubout Proactive",
                "status":"Closed","occurredAt":"2019-10-18T14:00:00Z",
                "createdAt":"2019-10-18T13:00:00Z","dueAt":"2019-10-19T14:00:00Z",
                "closedAt":"2019-10-18T14:00:00Z","address":"100 N CALVERT ST",
                "agency":"Solid Waste"}""");
        RawRequestStep created =
                new RawRequestStep(
                        "19-1",
                        "s",
                        "SW-Dirty Alley",
                        "New",
                        T,
                        39.3,
                        -76.6,
                        T,
                        null,
                        null,
                        null,
                        null);
        RawRequestStep closed = created.then("Closed", T.plusSeconds(60), T.plusSeconds(60), null);
        assertThat(closed.createdAt()).isEqualTo(T);
        assertThat(closed.occurredAt()).isEqualTo(T.plusSeconds(60));
        assertThat(closed.lat()).isEqualTo(39.3);
        assertThat(closed.status()).isEqualTo("Closed");
    }

    @Test
    void aTipCarriesACategoryAndNothingAboutTheCaller() {
        roundTrip(
                new RawTip("T1", "tips-demo", "GUNS", T, 39.29, -76.61, null, "a gun", null),
                RawTip.class,
                """
                {"id":"T1","source":"tips-demo","category":"GUNS","occurredAt":"2019-10-18T14:00:00Z",
                "lat":39.29,"lon":-76.61,"text":"a gun"}""");
    }

    @Test
    void aRawRecordWithAnOffsetReadsAsTheSameInstant() {
        RawIncident read =
                TopicCodec.decode(
                        "incidents.raw",
                        "{\"id\":\"1\",\"kind\":\"SHOOTING\",\"occurredAt\":\"2018-07-07T23:53:00-04:00\"}",
                        RawIncident.class);
        assertThat(read.occurredAt()).isEqualTo(Instant.parse("2018-07-08T03:53:00Z"));
        assertThat(read.lat()).isNull();
        assertThat(read.details()).isEmpty();
    }

    @Test
    void aZoneLayerCarriesItsGeoJsonAsAnObject() throws IOException {
        ZoneLayerMessage layer =
                new ZoneLayerMessage(
                        "Focus zones 2020",
                        "zone_name",
                        3,
                        new ObjectMapper()
                                .readTree("{\"type\":\"FeatureCollection\",\"features\":[]}"));
        roundTrip(
                layer,
                ZoneLayerMessage.class,
                """
                {"title":"Focus zones 2020","nameProperty":"zone_name","version":3,
                "featureCollection":{"type":"FeatureCollection","features":[]}}""");
        ZoneLayerMessage bare = TopicCodec.decode("zones", "{}", ZoneLayerMessage.class);
        assertThat(bare.titleOr("focus")).isEqualTo("focus");
        assertThat(bare.nameProperty()).isEqualTo("name");
        assertThat(bare.version()).isZero();
        assertThat(bare.featureCollection().isEmpty()).isTrue();
    }

    @Test
    void anEventWritesNullsForAbsentTextAndLeavesOutAnAbsentDueTime() {
        EventMessage incident =
                new EventMessage(
                        "incident/test/S1",
                        "incident",
                        "SHOOTING",
                        null,
                        null,
                        "S1",
                        "test",
                        T,
                        -76.64,
                        39.3,
                        "892aa84c537ffff",
                        ordered("vri-zones", "Western", "neighborhoods", "Harlem Park"),
                        Map.of("vri-zones", 2),
                        null,
                        null);
        roundTrip(
                incident,
                EventMessage.class,
                """
                {"eventId":"incident/test/S1","stream":"incident","kind":"SHOOTING","type":null,
                "status":null,"recordId":"S1","source":"test","occurredAt":"2019-10-18T14:00:00Z",
                "lon":-76.64,"lat":39.3,"h3":"892aa84c537ffff",
                "zones":{"vri-zones":"Western","neighborhoods":"Harlem Park"},
                "layers":{"vri-zones":2},"address":null}""");
        assertThat(incident.key()).isEqualTo("incident/test/S1");
        assertThat(incident.timestamp()).isEqualTo(T);

        EventMessage request =
                new EventMessage(
                        "request311/test/19-1/New@" + T,
                        EventMessage.REQUEST_311,
                        "REQUEST_311",
                        "HCD-Illegal Dumping",
                        "New",
                        "19-1",
                        "test",
                        T,
                        -76.64,
                        39.3,
                        "892aa84c537ffff",
                        ZONES,
                        Map.of("vri-zones", 2),
                        "100 N CALVERT ST",
                        T.plusSeconds(7 * 86_400));
        roundTrip(
                request,
                EventMessage.class,
                """
                {"eventId":"request311/test/19-1/New@2019-10-18T14:00:00Z","stream":"request311",
                "kind":"REQUEST_311","type":"HCD-Illegal Dumping","status":"New","recordId":"19-1",
                "source":"test","occurredAt":"2019-10-18T14:00:00Z","lon":-76.64,"lat":39.3,
                "h3":"892aa84c537ffff","zones":{"vri-zones":"Western"},"layers":{"vri-zones":2},
                "address":"100 N CALVERT ST","dueAt":"2019-10-25T14:00:00Z"}""");
    }

    @Test
    void aRejectionIsKeyedByWhereTheOriginalWas() {
        RejectedMessage r =
                new RejectedMessage(
                        "incidents.raw",
                        1,
                        42,
                        T,
                        "zero-coordinates",
                        "location is 0,0 (a missing geocode)",
                        "{\"id\":\"1\",\"lat\":0,\"lon\":0}");
        roundTrip(
                r,
                RejectedMessage.class,
                """
                {"sourceTopic":"incidents.raw","partition":1,"offset":42,
                "receivedAt":"2019-10-18T14:00:00Z","reason":"zero-coordinates",
                "detail":"location is 0,0 (a missing geocode)",
                "original":"{\\"id\\":\\"1\\",\\"lat\\":0,\\"lon\\":0}"}""");
        assertThat(r.key()).isEqualTo("incidents.raw/1/42");
        assertThat(r.timestamp()).isEqualTo(T);
    }

    @Test
    void anAlertWritesNullForWhatDoesNotApply() {
        AlertMessage a =
                new AlertMessage(
                        "overdue-311/19-1/" + T,
                        AlertMessage.OVERDUE_311,
                        T,
                        "19-1",
                        null,
                        "HCD-Illegal Dumping",
                        -76.64,
                        39.3,
                        ZONES,
                        T,
                        null,
                        true);
        roundTrip(
                a,
                AlertMessage.class,
                """
                {"alertId":"overdue-311/19-1/2019-10-18T14:00:00Z","type":"overdue-311",
                "at":"2019-10-18T14:00:00Z","subjectId":"19-1","relatedId":null,
                "category":"HCD-Illegal Dumping","lon":-76.64,"lat":39.3,
                "zones":{"vri-zones":"Western"},"dueAt":"2019-10-18T14:00:00Z",
                "distanceMeters":null,"priority":true}""");
        assertThat(a.key()).isEqualTo(a.alertId());
        assertThat(a.timestamp()).isEqualTo(T);
    }

    @Test
    void aNotificationNamesItsChannelAndNoContactDetails() {
        NotificationMessage n =
                new NotificationMessage(
                        "close-loop/19-2/" + T,
                        "19-2",
                        "SW-Dirty Alley",
                        "Closed (Duplicate)",
                        T.minusSeconds(86_400),
                        T,
                        1.0,
                        T,
                        true,
                        false,
                        "none",
                        ZONES);
        roundTrip(
                n,
                NotificationMessage.class,
                """
                {"notificationId":"close-loop/19-2/2019-10-18T14:00:00Z","requestId":"19-2",
                "type":"SW-Dirty Alley","outcome":"Closed (Duplicate)",
                "createdAt":"2019-10-17T14:00:00Z","closedAt":"2019-10-18T14:00:00Z",
                "daysOpen":1.0,"dueAt":"2019-10-18T14:00:00Z","metDueDate":true,
                "reopenedBefore":false,"channel":"none","zones":{"vri-zones":"Western"}}""");
        assertThat(n.timestamp()).isEqualTo(T);
    }

    @Test
    void aZoneDayLeavesOutAnUnrecordedLayerVersionAndWritesNullForNoMedian() {
        ZoneStatsMessage s =
                new ZoneStatsMessage(
                        "vri-zones",
                        "Penn North",
                        LocalDate.parse("2019-10-18"),
                        T,
                        T.plusSeconds(86_400),
                        1,
                        2,
                        3,
                        4,
                        5,
                        6,
                        0L,
                        7L,
                        3L,
                        null,
                        null);
        roundTrip(
                s,
                ZoneStatsMessage.class,
                """
                {"layer":"vri-zones","zone":"Penn North","day":"2019-10-18",
                "from":"2019-10-18T14:00:00Z","until":"2019-10-19T14:00:00Z","homicides":1,
                "shootings":2,"otherViolent":3,"requestsOpened":4,"requestsClosed":5,"tips":6,
                "requestsOverdue":0,"openAtEnd":7,"overdueAtEnd":3,"medianDaysToClose":null}""");
        assertThat(s.key()).isEqualTo("vri-zones/Penn North/2019-10-18");
        assertThat(s.timestamp()).isEqualTo(T);

        ZoneStatsMessage versioned =
                new ZoneStatsMessage(
                        "vri-zones",
                        "Penn North",
                        LocalDate.parse("2019-10-18"),
                        T,
                        T.plusSeconds(86_400),
                        0,
                        0,
                        0,
                        0,
                        1,
                        0,
                        2L,
                        7L,
                        3L,
                        2,
                        1.5);
        roundTrip(
                versioned,
                ZoneStatsMessage.class,
                """
                {"layer":"vri-zones","zone":"Penn North","day":"2019-10-18",
                "from":"2019-10-18T14:00:00Z","until":"2019-10-19T14:00:00Z","homicides":0,
                "shootings":0,"otherViolent":0,"requestsOpened":0,"requestsClosed":1,"tips":0,
                "requestsOverdue":2,"openAtEnd":7,"overdueAtEnd":3,"layerVersion":2,
                "medianDaysToClose":1.5}""");
    }

    @Test
    void aZoneDayWrittenBeforeThe311WorkloadWasCountedStillReads() {
        ZoneStatsMessage old =
                TopicCodec.decode(
                        "zone-stats",
                        """
                        {"layer":"vri-zones","zone":"Western","day":"2017-01-10",
                        "from":"2017-01-10T05:00:00Z","until":"2017-01-11T05:00:00Z","homicides":0,
                        "shootings":1,"otherViolent":1,"requestsOpened":2,"requestsClosed":1,"tips":0}""",
                        ZoneStatsMessage.class);
        assertThat(old.requestsOverdue()).isNull();
        assertThat(old.openAtEnd()).isNull();
        assertThat(old.medianDaysToClose()).isNull();
        assertThat(old.shootings()).isEqualTo(1);
    }

    @Test
    void aRiskHaloIsTypedForTheHotspotsTopic() {
        RiskHaloMessage h =
                new RiskHaloMessage(
                        "halo/e1",
                        "e1",
                        "SHOOTING",
                        -76.64,
                        39.3,
                        400,
                        T,
                        T.plusSeconds(60),
                        ZONES);
        roundTrip(
                h,
                HotspotsMessage.class,
                """
                {"type":"risk-halo","haloId":"halo/e1","eventId":"e1","kind":"SHOOTING",
                "lon":-76.64,"lat":39.3,"radiusMeters":400.0,"startsAt":"2019-10-18T14:00:00Z",
                "expiresAt":"2019-10-18T14:01:00Z","zones":{"vri-zones":"Western"}}""");
        assertThat(h.key()).isEqualTo("halo/e1");
        assertThat(h.timestamp()).isEqualTo(T);
    }

    @Test
    void aHotCellIsTypedAndKeyedByWindowAndCell() {
        HotspotCellMessage c =
                new HotspotCellMessage(
                        28,
                        T.minusSeconds(28 * 86_400),
                        T,
                        "892aa8c0c87ffff",
                        -76.6426,
                        39.3009,
                        1,
                        2,
                        3,
                        3,
                        5.6806,
                        1.3424e-8,
                        0.012346,
                        "HOT",
                        "NEW_HOT_SPOT",
                        "NO_PATTERN",
                        HotspotCellMessage.TURNED_HOT);
        roundTrip(
                c,
                HotspotsMessage.class,
                """
                {"type":"hotspot-cell","windowDays":28,"windowStart":"2019-09-20T14:00:00Z",
                "windowEnd":"2019-10-18T14:00:00Z","cell":"892aa8c0c87ffff","lon":-76.6426,
                "lat":39.3009,"homicides":1,"shootings":2,"otherIncidents":3,"value":3,
                "z":5.6806,"p":1.3424E-8,"q":0.012346,"status":"HOT","category":"NEW_HOT_SPOT",
                "previousCategory":"NO_PATTERN","change":"TURNED_HOT"}""");
        assertThat(c.key()).isEqualTo("28d/892aa8c0c87ffff");
        assertThat(c.timestamp()).isEqualTo(T);
    }

    @Test
    void aWindowSummaryIsTypedAndKeyedByItsLength() {
        HotspotWindowMessage s =
                new HotspotWindowMessage(
                        28, T.minusSeconds(86_400), T, 2200, 40, 45, 2, 7, 0, 3, 1);
        roundTrip(
                s,
                HotspotsMessage.class,
                """
                {"type":"hotspot-window","windowDays":28,"windowStart":"2019-10-17T14:00:00Z",
                "windowEnd":"2019-10-18T14:00:00Z","studyAreaCells":2200,"activeCells":40,
                "value":45,"outsideValue":2,"hotCells":7,"coldCells":0,"turnedHot":3,"cooled":1}""");
        assertThat(s.key()).isEqualTo("28d/summary");
    }

    @Test
    void zoneWindowCountsWriteTheirGunViolenceSum() {
        ZoneWindowCountsMessage z =
                new ZoneWindowCountsMessage(
                        7,
                        T.minusSeconds(7 * 86_400),
                        T,
                        "vri-zones",
                        "Penn North",
                        1,
                        2,
                        3,
                        4,
                        5,
                        6);
        roundTrip(
                z,
                HotspotsMessage.class,
                """
                {"type":"zone-window-counts","windowDays":7,"windowStart":"2019-10-11T14:00:00Z",
                "windowEnd":"2019-10-18T14:00:00Z","layer":"vri-zones","zone":"Penn North",
                "homicides":1,"shootings":2,"gunViolence":3,"aggravatedAssaults":3,"robberies":4,
                "otherViolent":5,"other":6}""");
        assertThat(z.key()).isEqualTo("7d/vri-zones/Penn North");
        assertThat(z.timestamp()).isEqualTo(T);
    }

    @Test
    void anActionItemKeepsItsNullsAndItsLocalDueDate() {
        ActionItem open =
                new ActionItem(
                        "AI-1",
                        "vri-zones",
                        "Western",
                        "board up 1600 W NORTH AVE",
                        "DHCD",
                        null,
                        LocalDate.parse("2019-10-25"),
                        ActionItem.OPEN,
                        T,
                        T,
                        null,
                        null);
        roundTrip(
                open,
                ActionItem.class,
                """
                {"id":"AI-1","layer":"vri-zones","zone":"Western","what":"board up 1600 W NORTH AVE",
                "agency":"DHCD","assignee":null,"dueDate":"2019-10-25","status":"open",
                "createdAt":"2019-10-18T14:00:00Z","updatedAt":"2019-10-18T14:00:00Z",
                "closedAt":null,"note":null,"open":true}""");
        ActionItem closed = open.closed("done", T.plusSeconds(60));
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.closedAt()).isEqualTo(T.plusSeconds(60));
        assertThat(open.isOverdue(LocalDate.parse("2019-10-26"))).isTrue();
        roundTrip(closed, ActionItem.class, TopicCodec.encodeToString(closed));
    }

    @Test
    void aLoadSaysWhereItsRecordsAreOnceItIsPublished() {
        roundTrip(
                new LoadMessage(
                        "load-1",
                        LoadMessage.PUBLISHED,
                        "incidents",
                        "incidents.raw",
                        "shootings.csv",
                        "baltimore-shootings-trace",
                        3479,
                        0,
                        500_000,
                        500_000,
                        3677.5,
                        java.util.List.of(new LoadMessage.OffsetRange(0, 10, 1800)),
                        T.minusSeconds(86_400),
                        T,
                        T,
                        null),
                HistoryMessage.class,
                """
                {"type":"load","loadId":"load-1","status":"published","feed":"incidents",
                "topic":"incidents.raw","file":"shootings.csv","mapping":"baltimore-shootings-trace",
                "records":3479,"rowsRejected":0,"bytesRead":500000,"bytesTotal":500000,
                "ratePerSecond":3677.5,"ranges":[{"partition":0,"first":10,"last":1800}],
                "firstOccurredAt":"2019-10-17T14:00:00Z","lastOccurredAt":"2019-10-18T14:00:00Z",
                "at":"2019-10-18T14:00:00Z"}""");
    }

    @Test
    void aReprocessRequestLeavesOutWhatItDoesNotLimit() {
        roundTrip(
                new ReprocessMessage("r-1", "focus-zones", LocalDate.parse("2017-01-01"), null, T),
                HistoryMessage.class,
                """
                {"type":"reprocess","requestId":"r-1","layer":"focus-zones","from":"2017-01-01",
                "at":"2019-10-18T14:00:00Z"}""");
    }

    @Test
    void aLoadsZoneDayNamesTheLoadInItsKeyAndBody() {
        ZoneStatsMessage s =
                new ZoneStatsMessage(
                                "vri-zones",
                                "Penn North",
                                LocalDate.parse("2015-06-01"),
                                T,
                                T.plusSeconds(86_400),
                                1,
                                2,
                                0,
                                0,
                                0,
                                0,
                                null,
                                null,
                                null,
                                1,
                                null)
                        .withLoad("load-1");
        roundTrip(
                s,
                ZoneStatsMessage.class,
                """
                {"layer":"vri-zones","zone":"Penn North","day":"2015-06-01",
                "from":"2019-10-18T14:00:00Z","until":"2019-10-19T14:00:00Z","homicides":1,
                "shootings":2,"otherViolent":0,"requestsOpened":0,"requestsClosed":0,"tips":0,
                "layerVersion":1,"medianDaysToClose":null,"load":"load-1"}""");
        assertThat(s.key()).isEqualTo("vri-zones/Penn North/2015-06-01/load-1");
    }

    @Test
    void aDoneRunCarriesItsDaysAndReconciliation() {
        roundTrip(
                new RunMessage(
                        "run-7",
                        RunMessage.DONE,
                        java.util.List.of("load-1"),
                        java.util.List.of(),
                        null,
                        ordered2("vri-zones", 2),
                        LocalDate.parse("2012-01-01"),
                        LocalDate.parse("2018-07-06"),
                        5000,
                        5000,
                        2500.0,
                        0.0,
                        new RunMessage.Reconciliation(3479, 3470, Map.of("duplicate", 9L), 800),
                        T,
                        null),
                HistoryMessage.class,
                """
                {"type":"run","runId":"run-7","status":"done","loads":["load-1"],
                "requests":[],"layerVersions":{"vri-zones":2},"from":"2012-01-01",
                "through":"2018-07-06","recordsRead":5000,"recordsTotal":5000,"ratePerSecond":2500.0,
                "secondsLeft":0.0,"reconciliation":{"loadedIn":3479,"eventsWritten":3470,
                "rejected":{"duplicate":9},"zoneDaysWritten":800},"at":"2019-10-18T14:00:00Z"}""");
    }

    /**
     * Writes {@code message} (it must be exactly {@code json}) and reads it back as {@code type}.
     */
    @Test
    void aRawPositionLeavesOutWhatTheDeviceDidNotSend() {
        roundTrip(
                new RawPosition(
                        "car-1203",
                        RawPosition.UNIT,
                        RawPosition.PATROL,
                        List.of("vri-zones:Western", "police-districts:Western"),
                        T,
                        39.3,
                        -76.64,
                        8.5,
                        270.0,
                        "available",
                        null),
                RawPosition.class,
                """
                {"deviceId":"car-1203","kind":"unit","team":"patrol",
                "assignment":["vri-zones:Western","police-districts:Western"],
                "at":"2019-10-18T14:00:00Z","lat":39.3,"lon":-76.64,"speed":8.5,"heading":270.0,
                "status":"available"}""");
        RawPosition monitored =
                new RawPosition(
                        "m-7",
                        RawPosition.MONITORED,
                        null,
                        null,
                        T,
                        39.3,
                        -76.64,
                        null,
                        null,
                        null,
                        "supervision-vendor");
        roundTrip(
                monitored,
                RawPosition.class,
                """
                {"deviceId":"m-7","kind":"monitored","at":"2019-10-18T14:00:00Z","lat":39.3,
                "lon":-76.64,"source":"supervision-vendor"}""");
        assertThat(monitored.key()).isEqualTo("m-7");
    }

    @Test
    void aFixIsTypedAndListsTheZonesTheDeviceIsInside() {
        FixMessage f =
                new FixMessage(
                        "car-1203",
                        "unit",
                        "outreach",
                        "busy",
                        T,
                        -76.64,
                        39.3,
                        null,
                        null,
                        List.of("vri-zones:Western"),
                        ordered("vri-zones", "Western", "neighborhoods", "Harlem Park"),
                        "882aa8d8c9fffff");
        String json =
                """
                {"type":"fix","deviceId":"car-1203","kind":"unit","team":"outreach",
                "status":"busy","at":"2019-10-18T14:00:00Z","lon":-76.64,"lat":39.3,"speed":null,
                "heading":null,"assignment":["vri-zones:Western"],
                "zones":{"vri-zones":"Western","neighborhoods":"Harlem Park"},
                "hotCell":"882aa8d8c9fffff"}""";
        roundTrip(f, TransitionsMessage.class, json);
        assertThat(f.key()).isEqualTo("car-1203");
        assertThat(f.timestamp()).isEqualTo(T);
        assertThat(f.isUnit()).isTrue();
    }

    @Test
    void aTransitionIsTypedAndAnExitCarriesItsVisit() {
        TransitionMessage enter =
                new TransitionMessage(
                        "car-1/" + T.toEpochMilli() + "/vri-zones/Western/ENTER",
                        "car-1",
                        "unit",
                        "patrol",
                        TransitionMessage.ENTER,
                        "vri-zones",
                        "Western",
                        T,
                        -76.64,
                        39.3,
                        null,
                        null,
                        null);
        roundTrip(
                enter,
                TransitionsMessage.class,
                """
                {"type":"transition","transitionId":"car-1/1571407200000/vri-zones/Western/ENTER",
                "deviceId":"car-1","kind":"unit","team":"patrol","transition":"ENTER",
                "layer":"vri-zones","zone":"Western","at":"2019-10-18T14:00:00Z","lon":-76.64,
                "lat":39.3}""");
        TransitionMessage lost =
                new TransitionMessage(
                        "car-1/" + T.toEpochMilli() + "/hot-cells/882aa8d8c9fffff/EXIT",
                        "car-1",
                        "unit",
                        "patrol",
                        TransitionMessage.EXIT,
                        TransitionMessage.HOT_CELLS,
                        "882aa8d8c9fffff",
                        T,
                        -76.64,
                        39.3,
                        T.minusSeconds(750),
                        12.5,
                        TransitionMessage.SIGNAL_LOST);
        roundTrip(
                lost,
                TransitionsMessage.class,
                """
                {"type":"transition","transitionId":"car-1/1571407200000/hot-cells/882aa8d8c9fffff/EXIT",
                "deviceId":"car-1","kind":"unit","team":"patrol","transition":"EXIT",
                "layer":"hot-cells","zone":"882aa8d8c9fffff","at":"2019-10-18T14:00:00Z",
                "lon":-76.64,"lat":39.3,"enteredAt":"2019-10-18T13:47:30Z","minutes":12.5,
                "reason":"signal-lost"}""");
        assertThat(lost.key()).isEqualTo("car-1");
    }

    @Test
    void anAuditRecordSaysWhoReadWhatAndWhen() {
        AuditMessage a =
                new AuditMessage(
                        T,
                        "analyst:3f9a1c2e",
                        "analyst",
                        AuditMessage.TRACK_READ,
                        "m-7",
                        "GET /api/tracks/{deviceId}");
        roundTrip(
                a,
                AuditMessage.class,
                """
                {"at":"2019-10-18T14:00:00Z","actor":"analyst:3f9a1c2e","role":"analyst",
                "action":"track-read","subject":"m-7","detail":"GET /api/tracks/{deviceId}"}""");
        assertThat(a.key()).isEqualTo("m-7");
        assertThat(a.timestamp()).isEqualTo(T);
    }

    @Test
    void aViolenceAlertNamesTheNearestUnitsAndARestrictedAlertSaysSo() {
        AlertMessage violence =
                new AlertMessage(
                        "violence/incident/bpd/c1",
                        AlertMessage.VIOLENCE,
                        T,
                        "incident/bpd/c1",
                        null,
                        "SHOOTING",
                        -76.64,
                        39.3,
                        ZONES,
                        null,
                        null,
                        true,
                        List.of(new NearbyUnit("car-1", "patrol", 412.0, 0.5)),
                        null,
                        null);
        roundTrip(
                violence,
                AlertMessage.class,
                """
                {"alertId":"violence/incident/bpd/c1","type":"violence",
                "at":"2019-10-18T14:00:00Z","subjectId":"incident/bpd/c1","relatedId":null,
                "category":"SHOOTING","lon":-76.64,"lat":39.3,"zones":{"vri-zones":"Western"},
                "dueAt":null,"distanceMeters":null,"priority":true,
                "units":[{"deviceId":"car-1","team":"patrol","distanceMeters":412.0,
                "minutesSinceFix":0.5}]}""");
        AlertMessage restricted =
                new AlertMessage(
                        "monitored-near-scene/incident/bpd/c1/m-7",
                        AlertMessage.MONITORED_NEAR_SCENE,
                        T,
                        "incident/bpd/c1",
                        "m-7",
                        "SHOOTING",
                        -76.64,
                        39.3,
                        ZONES,
                        null,
                        35.0,
                        true,
                        null,
                        true,
                        T.minusSeconds(600));
        roundTrip(
                restricted,
                AlertMessage.class,
                """
                {"alertId":"monitored-near-scene/incident/bpd/c1/m-7",
                "type":"monitored-near-scene","at":"2019-10-18T14:00:00Z",
                "subjectId":"incident/bpd/c1","relatedId":"m-7","category":"SHOOTING",
                "lon":-76.64,"lat":39.3,"zones":{"vri-zones":"Western"},"dueAt":null,
                "distanceMeters":35.0,"priority":true,"restricted":true,
                "passedAt":"2019-10-18T13:50:00Z"}""");
        assertThat(restricted.restrictedToAnalysts()).isTrue();
        assertThat(violence.restrictedToAnalysts()).isFalse();
    }

    @Test
    void aZoneDayCarriesDosageBesideTheOutcomesAndOlderDaysReadWithoutIt() {
        ZoneStatsMessage s =
                new ZoneStatsMessage(
                        "vri-zones",
                        "Western",
                        LocalDate.parse("2019-10-18"),
                        T,
                        T.plusSeconds(86_400),
                        0,
                        1,
                        0,
                        0,
                        0,
                        0,
                        0L,
                        0L,
                        0L,
                        1,
                        null,
                        Map.of(),
                        null,
                        null,
                        95.5,
                        6L,
                        3L,
                        40.0,
                        2L,
                        1L,
                        null);
        roundTrip(
                s,
                ZoneStatsMessage.class,
                """
                {"layer":"vri-zones","zone":"Western","day":"2019-10-18",
                "from":"2019-10-18T14:00:00Z","until":"2019-10-19T14:00:00Z","homicides":0,
                "shootings":1,"otherViolent":0,"requestsOpened":0,"requestsClosed":0,"tips":0,
                "requestsOverdue":0,"openAtEnd":0,"overdueAtEnd":0,"layerVersion":1,
                "medianDaysToClose":null,"patrolMinutes":95.5,"patrolVisits":6,
                "patrolLongVisits":3,"outreachMinutes":40.0,"outreachVisits":2,
                "outreachLongVisits":1}""");
        ZoneStatsMessage before =
                TopicCodec.decode(
                        "zone-stats",
                        """
                        {"layer":"vri-zones","zone":"Western","day":"2019-10-18",
                        "from":"2019-10-18T14:00:00Z","until":"2019-10-19T14:00:00Z","homicides":0,
                        "shootings":1,"otherViolent":0,"requestsOpened":0,"requestsClosed":0,
                        "tips":0}""",
                        ZoneStatsMessage.class);
        assertThat(before.patrolMinutes()).isNull();
        assertThat(before.outreachVisits()).isNull();
    }

    private static <T extends TopicMessage> void roundTrip(
            TopicMessage message, Class<T> type, String json) {
        String written = TopicCodec.encodeToString(message);
        assertThat(written).isEqualTo(json.replace("\n", ""));
        assertThat(TopicCodec.decode("test-topic", written, type)).isEqualTo(message);
    }

    private static Map<String, Integer> ordered2(String key, int value) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
