package org.zonestat.console.open311;

import io.javalin.http.BadRequestResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.zonestat.console.scorecard.Open311Requests;

/**
 * The filter of {@code GET /open311/v2/requests.json}, from its GeoReport v2 query parameters:
 * {@code service_request_id} (comma-separated ids), {@code status} ({@code open} or {@code
 * closed}), {@code start_date} and {@code end_date} (ISO 8601 date-times with offset, inclusive, on
 * the requested time). Each null member matches every request.
 *
 * <p>Immutable and thread-safe.
 */
public record Open311Query(Set<String> ids, String status, Instant start, Instant end)
        implements Predicate<Open311Requests.ServiceRequest> {

    private static final Set<String> STATUSES = Set.of("open", "closed");

    public Open311Query {
        ids = ids == null ? null : Set.copyOf(ids);
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestResponse(
                    "query parameter 'status' must be open or closed, was '" + status + "'");
        }
        if (start != null && end != null && start.isAfter(end)) {
            throw new BadRequestResponse(
                    "query parameter 'start_date' must not be after 'end_date'");
        }
    }

    /**
     * The query named by the parameters.
     *
     * @param param a query parameter's value by name, null when absent
     * @throws BadRequestResponse naming the parameter and the reason
     */
    public static Open311Query parse(UnaryOperator<String> param) {
        String ids = param.apply("service_request_id");
        return new Open311Query(
                ids == null || ids.isBlank()
                        ? null
                        : Set.copyOf(Arrays.stream(ids.split(",")).map(String::strip).toList()),
                param.apply("status"),
                dateTime(param, "start_date"),
                dateTime(param, "end_date"));
    }

    @Override
    public boolean test(Open311Requests.ServiceRequest r) {
        return (ids == null || ids.contains(r.id()))
                && (status == null || r.status().equals(status))
                && (start == null || !r.requestedAt().isBefore(start))
                && (end == null || !r.requestedAt().isAfter(end));
    }

    private static Instant dateTime(UnaryOperator<String> param, String name) {
        String raw = param.apply(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(
                    "query parameter '"
                            + name
                            + "' must be an ISO 8601 date-time with offset like"
                            + " 2019-10-18T00:00:00-04:00, was '"
                            + raw
                            + "'");
        }
    }
}
