package org.zonestat.console.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneId;
import org.zonestat.console.scorecard.Open311Requests;

/**
 * One service request as the Open311 GeoReport v2 read endpoints answer it ({@code GET
 * /open311/v2/requests.{json,xml}} and {@code .../requests/{id}.{json,xml}}), with every field of
 * the spec, in its order.
 *
 * <p>Mapping from a request's folded state ({@link Open311Requests.ServiceRequest}): {@code status}
 * is {@code closed} for any status text beginning with "Closed", else {@code open}; {@code
 * status_notes} is the source's status text; {@code service_code} the {@link ServiceList}'s code of
 * the request type (null for a type not on the list); {@code requested_datetime} the earliest
 * update, {@code updated_datetime} the latest and {@code expected_datetime} the due time the record
 * carried or else the requested time plus the type's service level, each an ISO 8601 local
 * date-time with offset in the city's time zone.
 *
 * <p>Never given: {@code description} and {@code media_url} (what a resident wrote may name people;
 * it stays on {@code requests311.raw}), {@code agency_responsible}, {@code service_notice}, {@code
 * address_id} and {@code zipcode} (ZoneStat has none): always null. {@code address}, {@code lat}
 * and {@code long} are exact, so they are null unless the caller may see them ({@code exact}).
 * Contact details are never part of a request.
 *
 * <p>Immutable and thread-safe.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
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
        @JsonProperty("address") String address,
        @JsonProperty("address_id") String addressId,
        @JsonProperty("zipcode") String zipcode,
        @JsonProperty("lat") Double lat,
        @JsonProperty("long") Double lon,
        @JsonProperty("media_url") String mediaUrl) {

    /**
     * @param r the request's current state
     * @param services the city's services (codes and service levels)
     * @param timeZone the city's, for the local date-times
     * @param exact whether the caller may see the address and position ({@link
     *     org.zonestat.console.Role#maySeeExactLocation()}: staff)
     */
    public static GeoReportRequest of(
            Open311Requests.ServiceRequest r,
            ServiceList services,
            ZoneId timeZone,
            boolean exact) {
        Instant expected =
                r.dueAt() != null
                        ? r.dueAt()
                        : services.expectedAt(r.serviceName(), r.requestedAt());
        return new GeoReportRequest(
                r.id(),
                r.status(),
                r.statusText(),
                r.serviceName(),
                services.byName(r.serviceName()).map(ServiceList.Service::code).orElse(null),
                null,
                null,
                null,
                local(r.requestedAt(), timeZone),
                local(r.updatedAt(), timeZone),
                local(expected, timeZone),
                exact ? r.address() : null,
                null,
                null,
                exact ? r.lat() : null,
                exact ? r.lon() : null,
                null);
    }

    /** E.g. {@code 2018-07-01T10:00:00-04:00}; null for null. */
    static String local(Instant at, ZoneId timeZone) {
        return at == null
                ? null
                : at.atZone(timeZone)
                        .toOffsetDateTime()
                        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
