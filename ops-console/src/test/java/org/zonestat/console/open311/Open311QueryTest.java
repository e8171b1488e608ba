package org.zonestat.console.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.BadRequestResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.scorecard.Open311Requests.ServiceRequest;

/** The GeoReport v2 query parameters of {@code requests.json} ({@link Open311Query}). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Open311QueryTest {
    private static final ServiceList SERVICES =
            ServiceList.forCity(CityProfiles.shipped("baltimore"));

    private static ServiceRequest request(String id, String status, String requestedAt) {
        return request(id, "SW-Dirty Alley", status, requestedAt);
    }

    private static ServiceRequest request(String id, String type, String status, String at) {
        Instant t = Instant.parse(at);
        return new ServiceRequest(id, type, status, t, t, null, null, 0, 0, Map.of());
    }

    private static Open311Query parse(Map<String, String> params) {
        return Open311Query.parse(params::get, SERVICES);
    }

    @Test
    void no_parameters_mean_the_90_days_up_to_the_newest_request() {
        Open311Query q = parse(Map.of()).resolve(Instant.parse("2018-10-01T00:00:00Z"));

        assertThat(q.end()).isEqualTo(Instant.parse("2018-10-01T00:00:00Z"));
        assertThat(q.start()).isEqualTo(Instant.parse("2018-07-03T00:00:00Z"));
        assertThat(q.test(request("a", "New", "2018-07-03T00:00:00Z"))).isTrue();
        assertThat(q.test(request("b", "New", "2018-07-02T23:59:59Z"))).isFalse();
    }

    @Test
    void one_date_alone_spans_90_days_from_it() {
        Open311Query q =
                parse(Map.of("start_date", "2018-07-01T00:00:00Z"))
                        .resolve(Instant.parse("2020-01-01T00:00:00Z"));

        assertThat(q.end()).isEqualTo(Instant.parse("2018-09-29T00:00:00Z"));
    }

    @Test
    void ids_are_split_on_commas_and_override_every_other_parameter() {
        Open311Query q =
                parse(Map.of("service_request_id", "SR-1, SR-2 ,SR-3", "status", "closed"))
                        .resolve(Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(q.ids()).isEqualTo(Set.of("SR-1", "SR-2", "SR-3"));
        assertThat(q.test(request("SR-2", "New", "2001-07-01T00:00:00Z"))).isTrue();
        assertThat(q.test(request("SR-4", "New", "2001-07-01T00:00:00Z"))).isFalse();
    }

    @Test
    void the_dates_are_inclusive_bounds_on_the_requested_time() {
        Open311Query q =
                parse(
                        Map.of(
                                "start_date",
                                "2018-07-01T00:00:00-04:00",
                                "end_date",
                                "2018-07-31T00:00:00-04:00"));

        assertThat(q.test(request("a", "New", "2018-07-01T04:00:00Z"))).isTrue();
        assertThat(q.test(request("b", "New", "2018-07-01T03:59:59Z"))).isFalse();
        assertThat(q.test(request("c", "New", "2018-07-31T04:00:00Z"))).isTrue();
        assertThat(q.test(request("d", "New", "2018-07-31T04:00:01Z"))).isFalse();
    }

    @Test
    void statuses_and_service_codes_may_be_lists() {
        Open311Query q =
                parse(
                                Map.of(
                                        "status",
                                        "open,closed",
                                        "service_code",
                                        "SW-DIRTY-ALLEY, HCD-VACANT-BUILDING"))
                        .resolve(Instant.parse("2018-07-02T00:00:00Z"));

        assertThat(q.test(request("a", "SW-Dirty Alley", "Closed", "2018-07-01T00:00:00Z")))
                .isTrue();
        assertThat(q.test(request("b", "HCD-Vacant Building", "New", "2018-07-01T00:00:00Z")))
                .isTrue();
        assertThat(q.test(request("c", "SW-Boarding", "New", "2018-07-01T00:00:00Z"))).isFalse();
    }

    @Test
    void the_status_is_the_georeport_one_open_or_closed() {
        Open311Query closed = parse(Map.of("status", "closed"));

        assertThat(closed.test(request("a", "Closed (Duplicate)", "2018-07-01T00:00:00Z")))
                .isTrue();
        assertThat(closed.test(request("b", "In Progress", "2018-07-01T00:00:00Z"))).isFalse();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "status | pending | query parameter 'status' must be open or closed, was 'pending'",
                "status | open,later | query parameter 'status' must be open or closed, was 'later'",
                "service_code | NOPE | query parameter 'service_code': no service 'NOPE'",
                "start_date | 2018-07-01 | query parameter 'start_date' must be an ISO 8601 date-time with offset",
                "end_date | 2018-07-01T00:00:00 | query parameter 'end_date' must be an ISO 8601 date-time with offset",
            })
    void a_bad_parameter_is_refused_naming_it(String name, String value, String message) {
        assertThatThrownBy(() -> parse(Map.of(name, value)))
                .isInstanceOf(BadRequestResponse.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void a_start_after_the_end_is_refused() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        Map.of(
                                                "start_date",
                                                "2018-08-01T00:00:00Z",
                                                "end_date",
                                                "2018-07-01T00:00:00Z")))
                .hasMessage("query parameter 'start_date' must not be after 'end_date'");
    }

    @Test
    void a_range_over_90_days_is_refused() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        Map.of(
                                                "start_date",
                                                "2018-01-01T00:00:00Z",
                                                "end_date",
                                                "2018-04-02T00:00:00Z")))
                .isInstanceOf(BadRequestResponse.class)
                .hasMessage(
                        "query parameters 'start_date' and 'end_date' may be at most 90 days apart");
        assertThat(
                        parse(
                                Map.of(
                                        "start_date",
                                        "2018-01-01T00:00:00Z",
                                        "end_date",
                                        "2018-04-01T00:00:00Z")))
                .isNotNull();
    }
}
