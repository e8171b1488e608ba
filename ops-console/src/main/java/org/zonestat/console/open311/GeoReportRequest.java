package org.zonestat.console.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneId;
import org.zonestat.console.scorecard.Open311Requests;

/**
 * One service request as the Open311 GeoReport v2 read endpoints answer it ({@code GET
 * /open311/v2/requests.json} and {@code .../requests/{id}.json}, each an array of these).
 *
 * <p>Mapping from a request's folded state ({@link Open311Requests.ServiceRequest}): {@code status}
 * is {@code closed} for any status text beginning with "Closed", else {@code open}; {@code
 * status_notes} is the source's status text; {@code requested_datetime} the earliest update, {@code
 * updated_datetime} the latest and {@code expected_datetime} the due time (null when no record
 * carried one), each an ISO 8601 local date-time with offset in the city's time zone. ZoneStat has
 * no {@code service_code}, {@code description}, {@code agency_responsible} or {@code
 * service_notice}: they are null. {@code address}, {@code lat} and {@code long} are exact, so they
 * are only present for a caller who may see them ({@link #of(Open311Requests.ServiceRequest,
 * ZoneId, boolean)}), and {@code address} only when the record has one.
 *
 * <p>Immutable and thread-safe.
 */
public record GeoReportRequest(
        @JsonProperty("service_request_id") String serviceRequestId,
        @JsonProperty("status") String status,
        @JsonProperty("status_notes") String statusNotes,
        @JsonProperty("service_name") String serviceName,
        @JsonProperty("service_code") String serviceCode,
        @JsonProperty("description") String description,
        @JsonProperty("agency_responsible") String agencyResponsible,
        @JsonProperty("service_notice") String serviceNotice,
        @JsonProperty("requested_datetime") String requestedDatetime,
        @JsonProperty("updated_datetime") String updatedDatetime,
        @JsonProperty("expected_datetime") String expectedDatetime,
        @JsonProperty("address") @JsonInclude(JsonInclude.Include.NON_NULL) String address,
        @JsonProperty("lat") @JsonInclude(JsonInclude.Include.NON_NULL) Double lat,
        @JsonProperty("long") @JsonInclude(JsonInclude.Include.NON_NULL) Double lon) {

    /**
     * @param r the request's current state
     * @param timeZone the city's time zone, for the local date-times
     * @param exact whether the caller may see the address and position ({@link
     *     org.zonestat.console.Role#maySeeExactLocation()}: staff)
     */
    public static GeoReportRequest of(
            Open311Requests.ServiceRequest r, ZoneId timeZone, boolean exact) {
        return new GeoReportRequest(
                r.id(),
                r.status(),
                r.statusText(),
                r.serviceName(),
                null,
                null,
                null,
                null,
                local(r.requestedAt(), timeZone),
                local(r.updatedAt(), timeZone),
                local(r.dueAt(), timeZone),
                exact ? r.address() : null,
                exact ? r.lat() : null,
                exact ? r.lon() : null);
    }

    /** E.g. {@code 2018-07-01T10:00-04:00}; null for null. */
    private static String local(Instant at, ZoneId timeZone) {
        return at == null ? null : at.atZone(timeZone).toOffsetDateTime().toString();
    }
}
