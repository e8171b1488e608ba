package org.zonestat.console.sitevisit;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.NotFoundResponse;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;

/**
 * The query parameters of {@code GET /api/site-visits}: {@code layer} (required, a known layer),
 * {@code asOf} (required, a date), {@code days} (1 to {@value #MAX_DAYS}, default {@value
 * #DEFAULT_DAYS}) and {@code format} ({@code json}, {@code csv} or {@code geojson}, default json).
 * A missing or malformed parameter is a 400 naming it; an unknown layer a 404 listing the known
 * ones.
 *
 * <p>Immutable and thread-safe.
 */
public record SiteVisitQuery(ZoneLayer layer, LocalDate asOf, int days, String format) {
    public static final int DEFAULT_DAYS = 28;
    public static final int MAX_DAYS = 365;
    static final List<String> FORMATS = List.of("json", "csv", "geojson");

    /**
     * @param param a query parameter's value by name, null when absent
     * @param catalog the layers as they are now
     */
    public static SiteVisitQuery parse(UnaryOperator<String> param, ZoneCatalog catalog) {
        return new SiteVisitQuery(
                layer(param.apply("layer"), catalog),
                asOf(param.apply("asOf")),
                days(param.apply("days")),
                format(param.apply("format")));
    }

    private static ZoneLayer layer(String raw, ZoneCatalog c) {
        if (raw == null || raw.isBlank()) {
            throw new BadRequestResponse(
                    "query parameter 'layer' is required, one of " + c.layerIds());
        }
        return c.layer(raw)
                .orElseThrow(
                        () ->
                                new NotFoundResponse(
                                        "query parameter 'layer' names unknown layer '"
                                                + raw
                                                + "', known layers: "
                                                + c.layerIds()));
    }

    private static LocalDate asOf(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadRequestResponse(
                    "query parameter 'asOf' is required, a date like 2018-07-07");
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeException e) {
            throw new BadRequestResponse(
                    "query parameter 'asOf' must be a date like 2018-07-07, was '" + raw + "'");
        }
    }

    private static int days(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_DAYS;
        }
        try {
            int days = Integer.parseInt(raw.strip());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse(
                "query parameter 'days' must be a whole number from 1 to "
                        + MAX_DAYS
                        + ", was '"
                        + raw
                        + "'");
    }

    private static String format(String raw) {
        if (raw == null || raw.isBlank()) {
            return "json";
        }
        if (!FORMATS.contains(raw)) {
            throw new BadRequestResponse(
                    "query parameter 'format' must be one of " + FORMATS + ", was '" + raw + "'");
        }
        return raw;
    }
}
