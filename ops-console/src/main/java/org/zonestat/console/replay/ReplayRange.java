package org.zonestat.console.replay;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.function.Supplier;

/**
 * Validates the replay range parameters: either {@code week=2018-W27} (an ISO week, Monday to
 * Sunday in the city's time zone) or {@code from} and {@code to}, each a local date of the city
 * ({@code 2018-07-02}; {@code to} inclusive) or an instant ({@code 2018-07-02T04:00:00Z}; {@code
 * to} exclusive). The range must be positive and at most {@value #MAX_DAYS} days. Errors are 400s
 * that name the parameter. With none of the three, the range is the latest complete week ({@link
 * #latestCompleteWeek}).
 *
 * @param from start, inclusive
 * @param to end, exclusive
 */
public record ReplayRange(Instant from, Instant to) {
    public static final int MAX_DAYS = 92;

    private static final DateTimeFormatter WEEK =
            new DateTimeFormatterBuilder()
                    .appendValue(IsoFields.WEEK_BASED_YEAR, 4)
                    .appendLiteral("-W")
                    .appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 2)
                    .parseDefaulting(ChronoField.DAY_OF_WEEK, 1)
                    .toFormatter();

    /**
     * The range named by the request's query parameters, or the latest complete week when it names
     * none.
     *
     * @param lastCompleteDay the latest day the data is complete for, asked only when needed
     * @param zone the city's time zone, which weeks and dates are local to
     */
    public static ReplayRange of(Context ctx, Supplier<LocalDate> lastCompleteDay, ZoneId zone) {
        String week = ctx.queryParam("week");
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if (week == null && from == null && to == null) {
            return latestCompleteWeek(lastCompleteDay.get(), zone);
        }
        ReplayRange range;
        if (week != null && !week.isBlank()) {
            if (from != null || to != null) {
                throw new BadRequestResponse("give either 'week' or 'from' and 'to', not both");
            }
            LocalDate monday;
            try {
                monday = LocalDate.parse(week.strip(), WEEK);
            } catch (DateTimeException e) {
                throw new BadRequestResponse(
                        "query parameter 'week' must be an ISO week like 2018-W27, was '"
                                + week
                                + "'");
            }
            range = new ReplayRange(start(monday, zone), start(monday.plusDays(7), zone));
        } else {
            if (from == null || from.isBlank() || to == null || to.isBlank()) {
                throw new BadRequestResponse(
                        "query parameters 'from' and 'to' (dates like 2018-07-02 or instants) or 'week' (like 2018-W27) are required");
            }
            range =
                    new ReplayRange(
                            instant(from, "from", false, zone), instant(to, "to", true, zone));
        }
        if (!range.to.isAfter(range.from)) {
            throw new BadRequestResponse("query parameter 'to' must be after 'from'");
        }
        if (Duration.between(range.from, range.to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new BadRequestResponse(
                    "the range from 'from' to 'to' may span at most " + MAX_DAYS + " days");
        }
        return range;
    }

    /**
     * The latest ISO week (Monday to Sunday) that ends on or before {@code lastCompleteDay}: its
     * own week when that day is a Sunday, else the week before; days local to {@code zone}.
     */
    public static ReplayRange latestCompleteWeek(LocalDate lastCompleteDay, ZoneId zone) {
        LocalDate sunday = lastCompleteDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        return new ReplayRange(start(sunday.minusDays(6), zone), start(sunday.plusDays(1), zone));
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static Instant instant(String raw, String name, boolean endOfDay, ZoneId zone) {
        String value = raw.strip();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return start(endOfDay ? day.plusDays(1) : day, zone);
            }
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new BadRequestResponse(
                    "query parameter '"
                            + name
                            + "' must be a date like 2018-07-02 or an instant like 2018-07-02T04:00:00Z, was '"
                            + raw
                            + "'");
        }
    }
}
