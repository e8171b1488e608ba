package org.zonestat.sim.mapping;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ordered list of time formats tried in turn on one text: {@code java.time} patterns (e.g.
 * {@code MM/dd/yyyy hh:mm:ss a}, {@code yyyy/MM/dd HH:mm:ssX}) and a few named formats:
 *
 * <ul>
 *   <li>{@code iso}: ISO-8601 with or without an offset ({@code 2018-07-07T23:53:00-04:00}, {@code
 *       2018-07-07T23:53:00Z}, {@code 2018-07-07T23:53:00}, {@code 2018-07-07})
 *   <li>{@code epoch-seconds}, {@code epoch-millis}: a number since 1970-01-01T00:00Z
 *   <li>{@code clock-lenient}: a time of day typed by hand, as in a legacy crime export's time
 *       column: {@code 23:53:00}, {@code 0:32}, {@code 2353}, {@code 137} (01:37), {@code 30}
 *       (00:30), {@code 2400} (00:00), with stray characters or a second copy ignored ({@code
 *       2300`}, {@code 1230 12:30})
 * </ul>
 *
 * Patterns are resolved strictly (no 31 February). A text with an offset keeps it; a text without
 * one is local time in the mapping's zone; a date without a time is the start of that local day.
 *
 * <p>Immutable; thread-safe.
 */
public final class TimeFormats {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("H:mm[:ss]", Locale.US);

    private final List<String> names;
    private final List<DateTimeFormatter> patterns;

    private TimeFormats(List<String> names) {
        if (names.isEmpty()) {
            throw new InvalidInputException("a time format list is empty");
        }
        this.names = List.copyOf(names);
        List<DateTimeFormatter> p = new ArrayList<>();
        for (String n : names) {
            switch (n) {
                case "iso", "epoch-seconds", "epoch-millis", "clock-lenient" -> p.add(null);
                default -> {
                    try {
                        p.add(
                                DateTimeFormatter.ofPattern(strictYears(n), Locale.US)
                                        .withResolverStyle(ResolverStyle.STRICT));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidInputException(
                                "time format '"
                                        + n
                                        + "' is not a java.time pattern: "
                                        + e.getMessage(),
                                e);
                    }
                }
            }
        }
        this.patterns = p;
    }

    /**
     * Patterns are resolved strictly (31 February is an error, not 29 February); strict resolution
     * needs {@code u} (year) instead of {@code y} (year of era) unless the pattern has an era.
     */
    private static String strictYears(String pattern) {
        if (pattern.indexOf('G') >= 0) {
            return pattern;
        }
        StringBuilder b = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            b.append(!quoted && c == 'y' ? 'u' : c);
        }
        return b.toString();
    }

    /** Parses {@code a | b | c}: formats separated by {@code |}, blanks around them ignored. */
    public static TimeFormats parse(String list) {
        List<String> names = new ArrayList<>();
        for (String s : list.split("\\|")) {
            if (!s.isBlank()) {
                names.add(s.strip());
            }
        }
        return new TimeFormats(names);
    }

    public List<String> names() {
        return names;
    }

    /** The instant {@code text} names, reading local times in {@code zone}. */
    public Instant instant(String text, ZoneId zone) {
        TemporalAccessor t = first(text);
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        if (t instanceof LocalDate d) {
            return d.atStartOfDay(zone).toInstant();
        }
        throw new DateTimeException("'" + text + "' is a time of day, not a date and time");
    }

    /** The calendar date {@code text} names. */
    public LocalDate date(String text) {
        TemporalAccessor t = first(text);
        try {
            return LocalDate.from(t);
        } catch (DateTimeException e) {
            throw new DateTimeException("'" + text + "' is not a date");
        }
    }

    /** The time of day {@code text} names. */
    public LocalTime timeOfDay(String text) {
        TemporalAccessor t = first(text);
        try {
            return LocalTime.from(t);
        } catch (DateTimeException e) {
            throw new DateTimeException("'" + text + "' is not a time of day");
        }
    }

    private TemporalAccessor first(String text) {
        String s = text.strip();
        for (int i = 0; i < names.size(); i++) {
            try {
                TemporalAccessor t = parseOne(names.get(i), patterns.get(i), s);
                if (t != null) {
                    return t;
                }
            } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
                // try the next format
            }
        }
        throw new DateTimeException("'" + text + "' matches none of the time formats " + names);
    }

    private static TemporalAccessor parseOne(String name, DateTimeFormatter pattern, String s) {
        switch (name) {
            case "iso":
                if (s.length() <= 10) {
                    return LocalDate.parse(s);
                }
                return DateTimeFormatter.ISO_DATE_TIME.parseBest(
                        s, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
            case "epoch-seconds":
                return Instant.ofEpochSecond(Long.parseLong(s));
            case "epoch-millis":
                return Instant.ofEpochMilli(Long.parseLong(s));
            case "clock-lenient":
                return lenientClock(s);
            default:
                return byPattern(pattern, s);
        }
    }

    /**
     * Parses with a pattern and returns the most precise value it holds (zoned, offset, local date
     * and time, date, or time of day), or null if the text does not match; no exception is thrown
     * for a mismatch, which keeps lists of alternative formats cheap.
     */
    private static TemporalAccessor byPattern(DateTimeFormatter pattern, String s) {
        ParsePosition position = new ParsePosition(0);
        if (pattern.parseUnresolved(s, position) == null || position.getIndex() != s.length()) {
            return null;
        }
        TemporalAccessor t = pattern.parse(s);
        LocalDate date = t.query(TemporalQueries.localDate());
        LocalTime time = t.query(TemporalQueries.localTime());
        ZoneOffset offset = t.query(TemporalQueries.offset());
        ZoneId zone = t.query(TemporalQueries.zoneId());
        if (date != null && time != null) {
            if (zone != null && !(zone instanceof ZoneOffset)) {
                return ZonedDateTime.of(date, time, zone);
            }
            return offset != null
                    ? OffsetDateTime.of(date, time, offset)
                    : LocalDateTime.of(date, time);
        }
        if (date != null) {
            return date;
        }
        return time;
    }

    /** The legacy Part 1 CrimeTime reading (see the class comment). */
    static LocalTime lenientClock(String text) {
        String t = text.trim().split("\\s+")[0].replaceAll("[^0-9:]", "");
        if (t.contains(":")) {
            return LocalTime.parse(t, CLOCK);
        }
        if (t.isEmpty() || t.length() > 4) {
            throw new DateTimeParseException("not a time of day", text, 0);
        }
        String hhmm = "0".repeat(4 - t.length()) + t;
        int hour = Integer.parseInt(hhmm.substring(0, 2));
        int minute = Integer.parseInt(hhmm.substring(2));
        if (hour == 24 && minute == 0) {
            hour = 0;
        }
        return LocalTime.of(hour, minute);
    }
}
