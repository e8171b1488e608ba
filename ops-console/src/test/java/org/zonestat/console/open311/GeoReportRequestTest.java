package org.zonestat.console.open311;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.scorecard.Open311Requests.ServiceRequest;

/** The GeoReport v2 JSON of one service request ({@link GeoReportRequest}). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GeoReportRequestTest {
    private static final ObjectMapper JSON = ConsoleJson.newMapper();
    private static final ZoneId BALTIMORE = ZoneId.of("America/New_York");
    private static final ServiceList SERVICES =
            ServiceList.forCity(CityProfiles.shipped("baltimore"));

    private static ServiceRequest request(String status, String address, Instant due) {
        return new ServiceRequest(
                "SR-7",
                "SW-Dirty Alley",
                status,
                Instant.parse("2018-07-01T14:00:00Z"),
                Instant.parse("2018-07-03T15:30:00Z"),
                due,
                address,
                -76.65,
                39.31,
                Map.of("vri-zones", "Western"));
    }

    @Test
    void the_public_gets_every_georeport_field_in_the_spec_order_but_no_address_or_position() {
        JsonNode r =
                JSON.valueToTree(
                        GeoReportRequest.of(
                                request("Closed (Duplicate)", "1600 W NORTH AVE", null),
                                SERVICES,
                                BALTIMORE,
                                false));

        assertThat(r.fieldNames())
                .toIterable()
                .containsExactly(
                        "service_request_id",
                        "status",
                        "status_notes",
                        "service_name",
                        "service_code",
                        "description",
                        "agency_responsible",
                        "service_notice",
                        "requested_datetime",
                        "updated_datetime",
                        "expected_datetime",
                        "address",
                        "address_id",
                        "zipcode",
                        "lat",
                        "long",
                        "media_url");
        assertThat(r.path("service_request_id").asText()).isEqualTo("SR-7");
        assertThat(r.path("status").asText()).isEqualTo("closed");
        assertThat(r.path("status_notes").asText()).isEqualTo("Closed (Duplicate)");
        assertThat(r.path("service_name").asText()).isEqualTo("SW-Dirty Alley");
        assertThat(r.path("service_code").asText()).isEqualTo("SW-DIRTY-ALLEY");
        assertThat(r.path("address").isNull()).isTrue();
        assertThat(r.path("lat").isNull()).isTrue();
        assertThat(r.path("long").isNull()).isTrue();
    }

    @Test
    void times_are_local_to_the_city_with_their_offset() {
        JsonNode r =
                JSON.valueToTree(
                        GeoReportRequest.of(
                                request("New", null, Instant.parse("2018-12-24T17:00:00Z")),
                                SERVICES,
                                BALTIMORE,
                                false));

        assertThat(r.path("status").asText()).isEqualTo("open");
        assertThat(r.path("requested_datetime").asText()).isEqualTo("2018-07-01T10:00:00-04:00");
        assertThat(r.path("updated_datetime").asText()).isEqualTo("2018-07-03T11:30:00-04:00");
        assertThat(r.path("expected_datetime").asText()).isEqualTo("2018-12-24T12:00:00-05:00");
    }

    @Test
    void without_a_due_time_the_expected_time_comes_from_the_service_level() {
        JsonNode r =
                JSON.valueToTree(
                        GeoReportRequest.of(
                                request("New", null, null), SERVICES, BALTIMORE, false));

        // SW-Dirty Alley: 7 days in Baltimore's service levels.
        assertThat(r.path("expected_datetime").asText()).isEqualTo("2018-07-08T10:00:00-04:00");
    }

    @Test
    void an_analyst_gets_the_address_and_the_position_named_lat_and_long() {
        JsonNode r =
                JSON.valueToTree(
                        GeoReportRequest.of(
                                request("New", "1600 W NORTH AVE", null),
                                SERVICES,
                                BALTIMORE,
                                true));

        assertThat(r.path("address").asText()).isEqualTo("1600 W NORTH AVE");
        assertThat(r.path("lat").asDouble()).isEqualTo(39.31);
        assertThat(r.path("long").asDouble()).isEqualTo(-76.65);
        assertThat(r.has("lon")).isFalse();
    }

    @Test
    void description_and_media_url_are_never_given_back() {
        JsonNode r =
                JSON.valueToTree(
                        GeoReportRequest.of(request("New", null, null), SERVICES, BALTIMORE, true));

        assertThat(r.path("description").isNull()).isTrue();
        assertThat(r.path("media_url").isNull()).isTrue();
    }
}
