package org.zonestat.console.open311;

import io.javalin.http.BadRequestResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.zonestat.console.scorecard.Open311Requests;

/**
 * The filter of {@code GET /open311/v2/requests.{json,xml}}, from its GeoReport v2 query
 * parameters:
 *
 * <ul>
 *   <li>{@code service_request_id}: comma-separated ids; when given, every other parameter is
 *       ignored (as the spec says);
 *   <li>{@code service_code}: comma-separated codes of the {@link ServiceList};
 *   <li>{@code status}: comma-separated, each {@code open} or {@code closed};
 *   <li>{@code start_date}, {@code end_date}: ISO 8601 date-times with offset, inclusive bounds on
 *       the requested time, at most {@value #MAX_DAYS} days apart. When one is missing it is
 *       {@value #MAX_DAYS} days from the other; when both are, the range is the {@value #MAX_DAYS}
 *       days up to the most recent request ({@link #resolve}: a replay of past years still
 *       answers).
 * </ul>
 *
 * An empty parameter counts as absent. Null members match every request.
 *
 * <p>Immutable and thread-safe.
 */
public record Open311Query(
        Set<String> ids, Set<String> serviceNames, Set<String> statuses, Instant start, Instant end)
        implements Predicate<Open311Requests.ServiceRequest> {

    /** The longest range of requested times one query may span. */
    public static final int MAX_DAYS = 90;

    private static final Duration MAX_SPAN = Duration.ofDays(MAX_DAYS);
    private static final Set<String> STATUSES = Set.of("open", "closed");

    public Open311Query {
        ids = ids == null ? null : Set.copyOf(ids);
        serviceNames = serviceNames == null ? null : Set.copyOf(serviceNames);
        statuses = statuses == null ? null : Set.copyOf(statuses);
        if (start != null && end != null) {
            if (start.isAfter(end)) {
                throw new BadRequestResponse(
                        "query parameter 'start_date' must not be after 'end_date'");
            }
            if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
                throw new BadRequestResponse(
                        "query parameters 'start_date' and 'end_date' may be at most "
                                + MAX_DAYS
                                + " days apart");
            }
        }
    }

    /**
     * The query named by the parameters.
     *
     * @param param a query parameter's value by name, null when absent
     * @param services the city's services, for {@code service_code}
     * @throws BadRequestResponse naming the parameter and the reason
     */
    public static Open311Query parse(UnaryOperator<String> param, ServiceList services) {
        Set<String> ids = list(param.apply("service_request_id"));
        if (ids != null) {
            return new Open311Query(ids, null, null, null, null);
        }
        Set<String> names = null;
        Set<String> codes = list(param.apply("service_code"));
        if (codes != null) {
            names = new LinkedHashSet<>();
            for (String code : codes) {
                names.add(
                        services.byCode(code)
                                .orElseThrow(
                                        () ->
                                                new BadRequestResponse(
                                                        "query parameter 'service_code': no service '"
                                                                + code
                                                                + "' (GET services.json lists them)"))
                                .name());
            }
        }
        Set<String> statuses = list(param.apply("status"));
        if (statuses != null) {
            for (String s : statuses) {
                if (!STATUSES.contains(s)) {
                    throw new BadRequestResponse(
                            "query parameter 'status' must be open or closed, was '" + s + "'");
                }
            }
        }
        return new Open311Query(
                null, names, statuses, dateTime(param, "start_date"), dateTime(param, "end_date"));
    }

    /**
     * The same query with both dates set: a missing one is {@value #MAX_DAYS} days from the other,
     * and with neither the range ends at {@code newest} (the most recent request's time). A query
     * by ids is returned as it is.
     */
    public Open311Query resolve(Instant newest) {
        if (ids != null || (start != null && end != null)) {
            return this;
        }
        Instant e = end != null ? end : start != null ? start.plus(MAX_SPAN) : newest;
        if (e == null) {
            return this;
        }
        Instant s = start != null ? start : e.minus(MAX_SPAN);
        return new Open311Query(ids, serviceNames, statuses, s, e);
    }

    @Override
    public boolean test(Open311Requests.ServiceRequest r) {
        if (ids != null) {
            return ids.contains(r.id());
        }
        return (serviceNames == null || serviceNames.contains(r.serviceName()))
                && (statuses == null || statuses.contains(r.status()))
                && (start == null || !r.requestedAt().isBefore(start))
                && (end == null || !r.requestedAt().isAfter(end));
    }

    private static Set<String> list(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        List<String> items =
                Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return items.isEmpty() ? null : new LinkedHashSet<>(items);
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
                            + printable(raw)
                            + "'");
        }
    }

    /**
     * The value with control characters replaced by U+FFFD: the error is also written as XML, which
     * cannot hold them.
     */
    private static String printable(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? 0xFFFD : c));
        return out.toString();
    }
}
