package org.zonestat.topics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes an {@link EventMessage}, the message of every event the job tags, as the shared mapper of
 * {@link TopicCodec} writes it, byte for byte, without the mapper's reflection and generator: the
 * fields in the record's order, strings in UTF-8 with the mapper's escapes ({@code \"}, {@code \\},
 * {@code \b \t \n \f \r}, other control characters and each half of a surrogate pair as {@code
 * \}{@code uXXXX} in capitals), numbers as {@link Double#toString} and {@link Integer#toString},
 * instants as ISO-8601 ({@link Instant#toString}), null text as {@code null} and no {@code dueAt}
 * when it is null. {@code EventMessageJsonTest} holds it to the mapper's output on varied messages.
 *
 * <p>Stateless; thread-safe.
 */
final class EventMessageJson {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private static final long SECONDS_PER_DAY = 86_400;

    /** 0000-01-01 and 9999-12-31: the years {@link Instant#toString} writes in four digits. */
    private static final long MIN_DAY = LocalDate.of(0, 1, 1).toEpochDay();

    private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private EventMessageJson() {}

    /** The message as UTF-8 JSON. */
    static byte[] encode(EventMessage m) {
        Out out = new Out(256 + 2 * m.eventId().length());
        out.ascii("{\"eventId\":");
        out.string(m.eventId());
        out.ascii(",\"stream\":");
        out.string(m.stream());
        out.ascii(",\"kind\":");
        out.string(m.kind());
        out.ascii(",\"type\":");
        out.string(m.type());
        out.ascii(",\"status\":");
        out.string(m.status());
        out.ascii(",\"recordId\":");
        out.string(m.recordId());
        out.ascii(",\"source\":");
        out.string(m.source());
        out.ascii(",\"occurredAt\":");
        out.instant(m.occurredAt());
        out.ascii(",\"lon\":");
        out.ascii(Double.toString(m.lon()));
        out.ascii(",\"lat\":");
        out.ascii(Double.toString(m.lat()));
        out.ascii(",\"h3\":");
        out.string(m.h3());
        out.ascii(",\"zones\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : m.zones().entrySet()) {
            out.field(e.getKey(), first);
            out.string(e.getValue());
            first = false;
        }
        out.ascii("},\"layers\":{");
        first = true;
        for (Map.Entry<String, Integer> e : m.layers().entrySet()) {
            out.field(e.getKey(), first);
            out.ascii(Integer.toString(e.getValue()));
            first = false;
        }
        out.ascii("},\"address\":");
        out.string(m.address());
        if (m.dueAt() != null) {
            out.ascii(",\"dueAt\":");
            out.instant(m.dueAt());
        }
        out.ascii("}");
        return out.bytes();
    }

    /** A growing byte buffer with the JSON writes. */
    private static final class Out {
        private byte[] buf;
        private int len;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, len);
        }

        /** Text known to be ASCII and in need of no escape. */
        void ascii(String s) {
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        void field(String name, boolean first) {
            if (!first) {
                room(1);
                buf[len++] = ',';
            }
            string(name);
            room(1);
            buf[len++] = ':';
        }

        /** As {@link Instant#toString}, by hand for the years 0 to 9999. */
        void instant(Instant t) {
            long seconds = t.getEpochSecond();
            long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
            LocalDate date = days >= MIN_DAY && days <= MAX_DAY ? LocalDate.ofEpochDay(days) : null;
            if (date == null) {
                room(1);
                buf[len++] = '"';
                ascii(t.toString());
                room(1);
                buf[len++] = '"';
                return;
            }
            int second = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
            int nanos = t.getNano();
            room(32);
            buf[len++] = '"';
            digits(date.getYear(), 4);
            buf[len++] = '-';
            digits(date.getMonthValue(), 2);
            buf[len++] = '-';
            digits(date.getDayOfMonth(), 2);
            buf[len++] = 'T';
            digits(second / 3600, 2);
            buf[len++] = ':';
            digits(second / 60 % 60, 2);
            buf[len++] = ':';
            digits(second % 60, 2);
            if (nanos != 0) {
                buf[len++] = '.';
                if (nanos % 1_000_000 == 0) {
                    digits(nanos / 1_000_000, 3);
                } else if (nanos % 1_000 == 0) {
                    digits(nanos / 1_000, 6);
                } else {
                    digits(nanos, 9);
                }
            }
            buf[len++] = 'Z';
            buf[len++] = '"';
        }

        /** {@code value} in {@code width} decimal digits, zero-padded; room made by the caller. */
        private void digits(int value, int width) {
            for (int i = width - 1; i >= 0; i--) {
                buf[len + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            len += width;
        }

        void string(String s) {
            if (s == null) {
                ascii("null");
                return;
            }
            int n = s.length();
            // At most six bytes a character (an escape), and the quotes.
            room(6 * n + 2);
            byte[] b = buf;
            int p = len;
            b[p++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    if (c >= 0x20 && c != '"' && c != '\\') {
                        b[p++] = (byte) c;
                    } else {
                        p = escape(b, p, c);
                    }
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | (c >> 6));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    p = unicodeEscape(b, p, c);
                } else {
                    b[p++] = (byte) (0xE0 | (c >> 12));
                    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            b[p++] = '"';
            len = p;
        }

        private static int escape(byte[] b, int p, char c) {
            char short_ =
                    switch (c) {
                        case '"' -> '"';
                        case '\\' -> '\\';
                        case '\b' -> 'b';
                        case '\t' -> 't';
                        case '\n' -> 'n';
                        case '\f' -> 'f';
                        case '\r' -> 'r';
                        default -> 0;
                    };
            if (short_ == 0) {
                return unicodeEscape(b, p, c);
            }
            b[p++] = '\\';
            b[p++] = (byte) short_;
            return p;
        }

        private static int unicodeEscape(byte[] b, int p, char c) {
            b[p++] = '\\';
            b[p++] = 'u';
            b[p++] = HEX[(c >> 12) & 0xF];
            b[p++] = HEX[(c >> 8) & 0xF];
            b[p++] = HEX[(c >> 4) & 0xF];
            b[p++] = HEX[c & 0xF];
            return p;
        }

        private void room(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, len + n));
            }
        }
    }
}
