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
import org.zonestat.console.scorecard.Open311Requests.ServiceRequest;

/** The GeoReport v2 query parameters of {@code requests.json} ({@link Open311Query}). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Open311QueryTest {

    private static ServiceRequest request(String id, String status, String requestedAt) {
        Instant at = Instant.parse(requestedAt);
        return new ServiceRequest(id, "type", status, at, at, null, null, 0, 0, Map.of());
    }

    @Test
    void no_parameters_match_every_request() {
        Open311Query q = Open311Query.parse(name -> null);

        assertThat(q).isEqualTo(new Open311Query(null, null, null, null));
        assertThat(q.test(request("SR-1", "New", "2018-07-01T00:00:00Z"))).isTrue();
    }

    @Test
    void ids_are_split_on_commas_and_stripped() {
        Open311Query q = Open311Query.parse(Map.of("service_request_id", "SR-1, SR-2 ,SR-3")::get);

        assertThat(q.ids()).isEqualTo(Set.of("SR-1", "SR-2", "SR-3"));
        assertThat(q.test(request("SR-2", "New", "2018-07-01T00:00:00Z"))).isTrue();
        assertThat(q.test(request("SR-4", "New", "2018-07-01T00:00:00Z"))).isFalse();
    }

    @Test
    void the_dates_are_inclusive_bounds_on_the_requested_time() {
        Open311Query q =
                Open311Query.parse(
                        Map.of(
                                        "start_date", "2018-07-01T00:00:00-04:00",
                                        "end_date", "2018-07-31T00:00:00-04:00")
                                ::get);

        assertThat(q.test(request("a", "New", "2018-07-01T04:00:00Z"))).isTrue();
        assertThat(q.test(request("b", "New", "2018-07-01T03:59:59Z"))).isFalse();
        assertThat(q.test(request("c", "New", "2018-07-31T04:00:00Z"))).isTrue();
        assertThat(q.test(request("d", "New", "2018-07-31T04:00:01Z"))).isFalse();
    }

    @Test
    void the_status_is_the_georeport_one_open_or_closed() {
        Open311Query closed = Open311Query.parse(Map.of("status", "closed")::get);

        assertThat(closed.test(request("a", "Closed (Duplicate)", "2018-07-01T00:00:00Z")))
                .isTrue();
        assertThat(closed.test(request("b", "In Progress", "2018-07-01T00:00:00Z"))).isFalse();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "status, pending, query parameter 'status' must be open or closed, was 'pending'",
        "start_date, 2018-07-01, query parameter 'start_date' must be an ISO 8601 date-time with offset",
        "end_date, 2018-07-01T00:00:00, query parameter 'end_date' must be an ISO 8601 date-time with offset",
    })
    void a_bad_parameter_is_refused_naming_it(String name, String value, String message) {
        assertThatThrownBy(() -> Open311Query.parse(Map.of(name, value)::get))
                .isInstanceOf(BadRequestResponse.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void a_start_after_the_end_is_refused() {
        assertThatThrownBy(
                        () ->
                                Open311Query.parse(
                                        Map.of(
                                                        "start_date", "2018-08-01T00:00:00Z",
                                                        "end_date", "2018-07-01T00:00:00Z")
                                                ::get))
                .hasMessage("query parameter 'start_date' must not be after 'end_date'");
    }
}
