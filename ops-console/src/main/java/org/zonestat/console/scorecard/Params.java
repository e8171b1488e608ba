package org.zonestat.console.scorecard;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.zonestat.console.ZoneLayers;
import org.zonestat.geo.ZoneCatalog;

/**
 * Typed validators of the query parameters of the scorecard, huddle and report endpoints (and of
 * the field-work endpoints, which take the same layer, zone, date and goal parameters). Each
 * failure is a 400 (or a 404 for an unknown layer or zone) whose message names the parameter and
 * says what is wrong. Layers and zones are checked against the layers as they are at the request
 * (an uploaded layer may be named at once). Immutable and thread-safe.
 */
public final class Params {
    private static final Pattern LAYER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** The longest window a scorecard query may cover. */
    static final int MAX_WINDOW_DAYS = 3 * 366;

    private final Supplier<ZoneCatalog> catalog;

    /**
     * @param catalog the layers as they are now
     */
    public Params(Supplier<ZoneCatalog> catalog) {
        this.catalog = catalog;
    }

    /**
     * {@code ?layer=}, or the fallback when absent (null fallback: required); either must be a
     * layer the console holds.
     */
    public String layer(Context ctx, String fallback) {
        String raw = ctx.queryParam("layer");
        if (raw == null || raw.isBlank()) {
            if (fallback != null) {
                return knownLayer("the focus layer", fallback);
            }
            throw new BadRequestResponse(
                    "query parameter 'layer' is required, one of " + catalog.get().layerIds());
        }
        return knownLayer("query parameter 'layer'", raw);
    }

    public String knownLayer(String what, String raw) {
        ZoneCatalog now = catalog.get();
        if (!LAYER_ID.matcher(raw).matches()) {
            throw new BadRequestResponse(
                    what
                            + " must be a layer id (lower-case letters, digits and '-'), one of "
                            + now.layerIds());
        }
        if (now.layer(raw).isEmpty()) {
            throw new NotFoundResponse(
                    "unknown layer '" + raw + "', known layers: " + now.layerIds());
        }
        return raw;
    }

    /**
     * The zone names of a layer, in the layer's order; none when the layer went away since it was
     * checked.
     */
    public List<String> zones(String layer) {
        return catalog.get().layer(layer).map(ZoneLayers::zoneNames).orElse(List.of());
    }

    /** A zone of the layer named by {@code raw}; 404 naming the layer's zones if it is not one. */
    public String zone(String what, String layer, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadRequestResponse(what + " is required, one of " + zones(layer));
        }
        if (!zones(layer).contains(raw)) {
            throw new NotFoundResponse(
                    "unknown zone '" + raw + "' in layer " + layer + ", zones: " + zones(layer));
        }
        return raw;
    }

    /** {@code ?name=} as a local date, or null when absent. */
    public static LocalDate date(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(
                    "query parameter '"
                            + name
                            + "' must be a date like 2018-07-07, was '"
                            + raw
                            + "'");
        }
    }

    /**
     * The Monday of {@code ?week=} (an ISO week like {@code 2018-W27}), or of the week holding
     * {@code today} when absent.
     */
    public static LocalDate weekMonday(Context ctx, Supplier<LocalDate> today) {
        String week = ctx.queryParam("week");
        if (week == null || week.isBlank()) {
            return today.get().with(DayOfWeek.MONDAY);
        }
        try {
            return WeeklyReport.monday(week.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(
                    "query parameter 'week' must be an ISO week like 2018-W27 ("
                            + e.getMessage()
                            + "), was '"
                            + week
                            + "'");
        }
    }

    /** {@code ?goal=} as a percentage in [-100, 100], or the fallback. */
    public static double goal(Context ctx, double fallback) {
        String raw = ctx.queryParam("goal");
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(raw.strip().replace("%", ""));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(
                    "query parameter 'goal' must be a percentage like -15, was '" + raw + "'");
        }
        if (!(v >= -100 && v <= 100)) {
            throw new BadRequestResponse(
                    "query parameter 'goal' must be between -100 and 100, was " + raw);
        }
        return v;
    }

    /** {@code ?compare=}: {@code previous-year} or {@code none} (the default). */
    static boolean comparePreviousYear(Context ctx) {
        String raw = ctx.queryParam("compare");
        if (raw == null || raw.isBlank() || raw.equals("none")) {
            return false;
        }
        if (raw.equals("previous-year")) {
            return true;
        }
        throw new BadRequestResponse(
                "query parameter 'compare' must be previous-year or none, was '" + raw + "'");
    }

    /** {@code ?kinds=a,b}: known, distinct kinds among {@code allowed}, or the fallback. */
    static List<Kind> kinds(Context ctx, List<Kind> fallback, List<Kind> allowed) {
        String raw = ctx.queryParam("kinds");
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        List<String> names = allowed.stream().map(Kind::field).toList();
        List<Kind> kinds = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            if (part.isBlank()) {
                throw new BadRequestResponse(
                        "query parameter 'kinds' has an empty entry: name kinds separated by"
                                + " commas, some of "
                                + names);
            }
            Kind k;
            try {
                k = Kind.parse(part);
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(
                        "query parameter 'kinds': unknown kind '"
                                + part.strip()
                                + "', expected some of "
                                + names);
            }
            if (!allowed.contains(k)) {
                throw new io.javalin.http.ForbiddenResponse(
                        "query parameter 'kinds': '"
                                + k.field()
                                + "' is not available to this role; allowed: "
                                + names);
            }
            if (kinds.contains(k)) {
                throw new BadRequestResponse(
                        "query parameter 'kinds' names '" + k.field() + "' twice");
            }
            kinds.add(k);
        }
        return kinds;
    }

    /** Checks {@code from <= to} and the window's length. */
    static void window(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new BadRequestResponse(
                    "query parameter 'from' (" + from + ") must not be after 'to' (" + to + ")");
        }
        if (from.plusDays(MAX_WINDOW_DAYS).isBefore(to)) {
            throw new BadRequestResponse(
                    "query parameters 'from' and 'to' may span at most "
                            + MAX_WINDOW_DAYS
                            + " days");
        }
    }
}
