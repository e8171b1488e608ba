package org.zonestat.jobs.positions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;

/** Every way a {@code positions.raw} record is read or refused. */
class PositionParserTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-06T14:00:00Z");
    private static final PositionParser PARSER = new PositionParser(Duration.ofMinutes(5));

    private static ParsedPosition parse(String json) {
        return PARSER.parse(new RawRecord("positions.raw", 0, 7, RECEIVED.toEpochMilli(), json));
    }

    @Test
    void aUnitsFixIsReadWithItsTeamStatusAssignmentSpeedAndHeading() {
        ParsedPosition p =
                parse(
                        """
                        {"deviceId":"car-1203","kind":"unit","team":"outreach","status":"busy",
                         "assignment":["vri-zones:Western"],"at":"2024-05-06T09:59:50-04:00",
                         "lat":39.30,"lon":-76.64,"speed":8.5,"heading":270,"extra":"ignored"}""");
        assertThat(p.isAccepted()).isTrue();
        Position f = p.position();
        assertThat(f.deviceId()).isEqualTo("car-1203");
        assertThat(f.kind()).isEqualTo(DeviceKind.UNIT);
        assertThat(f.team()).isEqualTo(Team.OUTREACH);
        assertThat(f.status()).isEqualTo(UnitStatus.BUSY);
        assertThat(f.assignment()).containsExactly("vri-zones:Western");
        assertThat(f.at()).isEqualTo(Instant.parse("2024-05-06T13:59:50Z"));
        assertThat(f.speed()).isEqualTo(8.5);
        assertThat(f.heading()).isEqualTo(270);
        assertThat(p.eventTimeMillis()).isEqualTo(f.at().toEpochMilli());
    }

    @Test
    void aUnitWithoutTeamOrStatusIsAnAvailablePatrolAndAMonitoredDeviceHasNeither() {
        Position unit =
                parse(
                                "{\"deviceId\":\"c\",\"kind\":\"UNIT\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6}")
                        .position();
        assertThat(unit.team()).isEqualTo(Team.PATROL);
        assertThat(unit.status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(Double.isNaN(unit.speed())).isTrue();
        Position monitored =
                parse(
                                "{\"deviceId\":\"m\",\"kind\":\"monitored\",\"team\":\"patrol\",\"status\":\"busy\","
                                        + "\"assignment\":[\"vri-zones:Western\"],"
                                        + "\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6}")
                        .position();
        assertThat(monitored.team()).isNull();
        assertThat(monitored.status()).isNull();
        assertThat(monitored.assignment()).isEqualTo(List.of());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json | MALFORMED_JSON | not valid JSON",
                "[1,2] | MALFORMED_JSON | not a JSON object",
                "{\"kind\":\"unit\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | MISSING_FIELD | field 'deviceId' is missing",
                "{\"deviceId\":\" \",\"kind\":\"unit\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | MISSING_FIELD | field 'deviceId' is missing",
                "{\"deviceId\":\"c\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | MISSING_FIELD | field 'kind' is missing",
                "{\"deviceId\":\"c\",\"kind\":\"drone\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | UNKNOWN_KIND | 'drone', expected unit or monitored",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"lat\":39.3,\"lon\":-76.6} | MISSING_FIELD | field 'at' is missing",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"at\":\"2024-05-06 14:00\",\"lat\":39.3,\"lon\":-76.6} | INVALID_FIELD | not an ISO-8601 date-time with offset",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"at\":\"2024-05-06T14:05:01Z\",\"lat\":39.3,\"lon\":-76.6} | FUTURE_TIMESTAMP | is more than PT5M after the record was received",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"at\":\"2024-05-06T14:00:00Z\",\"lon\":-76.6} | MISSING_LOCATION | field 'lat' is missing",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":\"x\",\"lon\":-76.6} | INVALID_FIELD | field 'lat' is not a number",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":0,\"lon\":0} | ZERO_COORDINATES | location is 0,0",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":91,\"lon\":-76.6} | INVALID_FIELD | is out of range",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"team\":\"swat\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | INVALID_FIELD | field 'team' is 'swat'",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"status\":\"lunch\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | INVALID_FIELD | field 'status' is 'lunch'",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"assignment\":\"vri-zones:Western\",\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | INVALID_FIELD | field 'assignment' must be an array",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"assignment\":[\"Western\"],\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | INVALID_FIELD | field 'assignment' has \"Western\"",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"speed\":-1,\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | INVALID_FIELD | field 'speed' must be a number from 0",
                "{\"deviceId\":\"c\",\"kind\":\"unit\",\"heading\":360,\"at\":\"2024-05-06T14:00:00Z\",\"lat\":39.3,\"lon\":-76.6} | INVALID_FIELD | field 'heading' must be a number from 0 to below 360",
            })
    void eachRefusalNamesItsReasonAndTheField(String json, RejectReason reason, String detail) {
        ParsedPosition p = parse(json);
        assertThat(p.isAccepted()).isFalse();
        assertThat(p.reason()).isEqualTo(reason);
        assertThat(p.detail()).contains(detail);
        assertThat(p.rejection().source().value()).isEqualTo(json);
        assertThat(p.eventTimeMillis()).isEqualTo(RECEIVED.toEpochMilli());
    }
}
