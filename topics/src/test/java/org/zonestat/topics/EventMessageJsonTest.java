package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written writer of {@code events} messages against the shared mapper: the same bytes for
 * varied messages (seeded; the seed and the message are printed on a mismatch).
 */
class EventMessageJsonTest {
    private static final long SEED = 20261205L;

    /** Characters the writer treats differently: plain, escaped, two-, three- and four-byte. */
    private static final String[] PIECES = {
        "a",
        "Z",
        "0",
        " ",
        "/",
        "\"",
        "\\",
        "\b",
        "\t",
        "\n",
        "\f",
        "\r",
        "\u0000",
        "\u0001",
        "\u001f",
        "\u007f",
        "é",
        "ß",
        "\u07ff",
        "\u0800",
        "€",
        "\u2028",
        "\uffff",
        "\ud83d\ude00",
        "\ud83d",
        "\ude00",
        "x\ud800",
        "Baltimore & Co.",
        "<script>",
        "1400 BLOCK N CHARLES ST"
    };

    @Test
    void aTypicalEventIsWrittenAsTheMapperWritesIt() {
        EventMessage m =
                new EventMessage(
                        "incident/incidents.raw/c1",
                        "incident",
                        "SHOOTING",
                        "SHOOTING",
                        null,
                        "c1",
                        "incidents.raw",
                        Instant.parse("2019-10-21T11:00:00Z"),
                        -76.6107,
                        39.2909,
                        "892aa8d4d87ffff",
                        Map.of("vri-zones", "Tri-District"),
                        Map.of("vri-zones", 1),
                        "1400 BLOCK N CHARLES ST",
                        null);
        assertSame(m);
        assertThat(new String(EventMessageJson.encode(m), StandardCharsets.UTF_8))
                .startsWith("{\"eventId\":\"incident/incidents.raw/c1\",\"stream\":\"incident\"");
    }

    @Test
    void variedEventsAreWrittenAsTheMapperWritesThem() {
        Random random = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            assertSame(message(random));
        }
    }

    private static void assertSame(EventMessage m) {
        assertThat(new String(EventMessageJson.encode(m), StandardCharsets.ISO_8859_1))
                .as("seed %d, message %s", SEED, m)
                .isEqualTo(new String(TopicCodec.encodeWithMapper(m), StandardCharsets.ISO_8859_1));
    }

    private static EventMessage message(Random r) {
        return new EventMessage(
                text(r, false),
                text(r, false),
                text(r, false),
                text(r, true),
                text(r, true),
                text(r, true),
                text(r, true),
                instant(r),
                lonOrLat(r, 180),
                lonOrLat(r, 90),
                text(r, true),
                map(r, () -> text(r, false)),
                map(r, () -> r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(20)),
                text(r, true),
                r.nextBoolean() ? null : instant(r));
    }

    private static String text(Random r, boolean nullable) {
        if (nullable && r.nextInt(5) == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder("x");
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static Instant instant(Random r) {
        long seconds =
                switch (r.nextInt(8)) {
                    // The years Instant.toString writes otherwise: before 0000, after 9999.
                    case 0 -> r.nextLong(-80_000_000_000L, -62_167_219_200L);
                    case 1 -> r.nextLong(253_402_300_800L, 400_000_000_000L);
                    case 2 -> r.nextBoolean() ? -62_167_219_200L : 253_402_300_799L;
                    default -> r.nextLong(-2_000_000_000L, 8_000_000_000L);
                };
        int nanos =
                switch (r.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> r.nextInt(1000) * 1_000_000;
                    case 2 -> r.nextInt(1_000_000) * 1_000;
                    default -> r.nextInt(1_000_000_000);
                };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static double lonOrLat(Random r, double bound) {
        return switch (r.nextInt(6)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            case 2 -> bound;
            case 3 -> 1e-7 * r.nextInt(100);
            default -> (r.nextDouble() * 2 - 1) * bound;
        };
    }

    private static <V> Map<String, V> map(Random r, java.util.function.Supplier<V> value) {
        Map<String, V> m = new LinkedHashMap<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            m.put(text(r, false), value.get());
        }
        return m;
    }
}
