package org.zonestat.jobs.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.synthetic.SyntheticCity;

/**
 * A seeded corpus of hostile raw records for every raw topic. Each record is a real record of its
 * feed (the Baltimore Part 1 incidents of 2018, the 2019 311 export, the tips of the seeded
 * synthetic city) changed by one {@link Mutation}; one record in four, and every record of the
 * identity mutations, also carries identity fields (names, phones, e-mails, nested persons, keys
 * spelled in any case, escaped or in full-width letters) whose values hold {@link
 * #IDENTITY_MARKER}. Record {@code i} is a function of the seed and {@code i} alone, except that
 * {@link Mutation#DATE_NEAR_NOW} dates its record, and stamps its receipt, around the wall clock it
 * is generated at (it is about the clock).
 *
 * <p>Receive times (Kafka record timestamps) are {@link #RECEIVED} unless a mutation says
 * otherwise. The records whose mutation moves event time (dates) come last, so that the real
 * records before them reach the analytics instead of being late.
 *
 * <p>Not thread-safe; build one per test.
 */
public final class HostileRecords {
    /** Every identity value holds this text; no output may. */
    public static final String IDENTITY_MARKER = "IDMARK";

    /** The receive time of most records: the week of the 311 export. */
    public static final Instant RECEIVED = Instant.parse("2019-10-21T12:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One hostile record.
     *
     * @param feed the raw topic it goes to
     * @param value its bytes; null for a record without a value
     * @param receivedAtMillis its Kafka record timestamp
     * @param partition the partition to send it to (0 or 1)
     * @param mutation what was done to it
     * @param identity whether identity fields were put in it
     */
    public record Hostile(
            Feed feed,
            byte[] value,
            long receivedAtMillis,
            int partition,
            Mutation mutation,
            boolean identity) {}

    /** What is done to a real record. */
    public enum Mutation {
        ORIGINAL(false),
        CUT_SHORT(false),
        EMPTY(false),
        NO_VALUE(false),
        JSON_NULL(false),
        TOP_LEVEL_ARRAY(false),
        TOP_LEVEL_SCALAR(false),
        BINARY(false),
        INVALID_UTF8(false),
        DEEP_NESTING(false),
        DUPLICATE_KEYS(false),
        TRAILING_GARBAGE(false),
        CONTROL_CHARACTERS(false),
        WRONG_TYPE(false),
        FIELD_REMOVED(false),
        FIELD_IN_ARRAY(false),
        EXTREME_NUMBERS(false),
        COORDINATE_EDGES(false),
        WORLD_COORDINATES(false),
        UNICODE_PLANES(false),
        UNPAIRED_SURROGATES(false),
        MEGABYTE_FIELD(false),
        OVER_FIELD_LIMIT(false),
        MANY_FIELDS(false),
        ODD_IDS(false),
        KIND_VARIANTS(false),
        REDELIVERED(false),
        ODD_RECEIVE_TIME(false),
        IDENTITY_FIELDS(false),
        IDENTITY_NESTED(false),
        IDENTITY_CUT_SHORT(false),
        IDENTITY_IN_JSON_TEXT(false),
        IDENTITY_TOO_LARGE(false),
        IDENTITY_DUPLICATE_KEYS(false),
        DATE_ANY_YEAR(true),
        DATE_FORMATS(true),
        DUE_ANY_YEAR(true),
        DATE_NEAR_NOW(true);

        private final boolean movesTime;

        Mutation(boolean movesTime) {
            this.movesTime = movesTime;
        }

        /** Whether the mutation changes the record's time (such records come last). */
        public boolean movesTime() {
            return movesTime;
        }
    }

    private static final Set<Mutation> ALWAYS_IDENTITY =
            EnumSet.of(
                    Mutation.IDENTITY_FIELDS,
                    Mutation.IDENTITY_NESTED,
                    Mutation.IDENTITY_CUT_SHORT,
                    Mutation.IDENTITY_IN_JSON_TEXT,
                    Mutation.IDENTITY_TOO_LARGE,
                    Mutation.IDENTITY_DUPLICATE_KEYS);

    private static final Set<Mutation> NO_RECORD_LEFT =
            EnumSet.of(
                    Mutation.EMPTY,
                    Mutation.NO_VALUE,
                    Mutation.JSON_NULL,
                    Mutation.TOP_LEVEL_SCALAR,
                    Mutation.BINARY);

    /** Identity keys as feeds might spell them. */
    private static final List<String> IDENTITY_KEYS =
            List.of(
                    "name",
                    "Name",
                    "tipster",
                    "tipster_name",
                    "TipsterName",
                    "caller",
                    "caller_phone",
                    "CallerPhone",
                    "phone",
                    "Phone Number",
                    "telephone",
                    "mobile",
                    "email",
                    "E-Mail",
                    "first_name",
                    "lastName",
                    "full-name",
                    "requester",
                    "requester_email",
                    "reporter_address",
                    "contact",
                    "contactInfo",
                    "device_id",
                    "account_id",
                    "date_of_birth",
                    "ph\u200bone",
                    "\uff50\uff48\uff4f\uff4e\uff45");

    private static final List<String> NUMBERS =
            List.of(
                    "1e308",
                    "-1e308",
                    "1e309",
                    "-1e999999",
                    "4.9e-324",
                    "1e-400",
                    "-0.0",
                    "0",
                    "9223372036854775808",
                    "-9223372036854775809",
                    "1" + "0".repeat(400),
                    "1" + "0".repeat(1_500),
                    "0." + "1".repeat(1_500),
                    "NaN",
                    "Infinity",
                    "-Infinity",
                    "0x1F",
                    "+1",
                    "01",
                    "1.",
                    "-.5",
                    "1e",
                    "--1",
                    "39.3e0",
                    "3.93E1");

    private static final List<String> DATE_TEXTS =
            List.of(
                    "2019-10-01",
                    "2019-10-01T10:00:00",
                    "2019-10-01T24:00:00Z",
                    "2019-10-01T23:59:60Z",
                    "2019-02-29T10:00:00Z",
                    "2019-10-01T10:00:00+25:00",
                    "2019-10-01T10:00:00+18:00",
                    "2019-10-01T10:00:00-18:00",
                    "0000-01-01T00:00:00Z",
                    "1970-01-01T00:00:00Z",
                    "1970-01-02T00:00:00Z",
                    "1969-12-31T23:59:59.999Z",
                    "2019-W40-2",
                    "2019-10-01T10:00:00.123456789123Z",
                    "  2019-10-01T10:00:00Z  ",
                    "2019-10-01t10:00:00z",
                    "\uff12\uff10\uff11\uff19-10-01T10:00:00Z",
                    "9999-12-31T23:59:59.999Z",
                    "+10000-01-01T00:00:00Z",
                    "+999999999-12-31T23:59:59.999999999Z",
                    "-999999999-01-01T00:00:00Z",
                    "yesterday",
                    "");

    private final long seed;
    private final Instant wallClock;
    private final Map<Feed, List<ObjectNode>> bases = new EnumMap<>(Feed.class);
    private final List<Mutation> weighted = new ArrayList<>();
    private int identitySerial;

    /**
     * @param seed the corpus seed
     * @param wallClock the clock {@link Mutation#DATE_NEAR_NOW} dates its records around
     */
    public HostileRecords(long seed, Instant wallClock) {
        this.seed = seed;
        this.wallClock = wallClock;
        bases.put(Feed.INCIDENTS, objects(BaltimoreData.part1Of2018().events()));
        bases.put(Feed.REQUESTS311, objects(BaltimoreData.requests311Of2019().events()));
        bases.put(
                Feed.TIPS,
                objects(
                        SyntheticCity.take(seed, 3_000).stream()
                                .filter(e -> e.feed() == Feed.TIPS)
                                .toList()));
        bases.put(Feed.ACTIVITIES, objects(activitySample()));
        for (Mutation m : Mutation.values()) {
            weighted.add(m);
        }
        // The records that reach the analytics, twice as often as the others.
        weighted.add(Mutation.ORIGINAL);
        weighted.add(Mutation.WORLD_COORDINATES);
        weighted.add(Mutation.UNICODE_PLANES);
    }

    /**
     * {@code perFeed} records for each raw topic, interleaved, the records that move event time
     * last.
     */
    public List<Hostile> corpus(int perFeed) {
        List<Hostile> first = new ArrayList<>();
        List<Hostile> last = new ArrayList<>();
        Feed[] feeds = Feed.values();
        for (int i = 0; i < perFeed * feeds.length; i++) {
            Hostile h = record(i, feeds[i % feeds.length]);
            (h.mutation().movesTime() ? last : first).add(h);
        }
        first.addAll(last);
        return first;
    }

    /** Record {@code i}, for {@code feed}. */
    public Hostile record(int i, Feed feed) {
        Random r = new Random(new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L)).nextLong());
        List<ObjectNode> pool = bases.get(feed);
        ObjectNode base = pool.get(r.nextInt(pool.size())).deepCopy();
        Mutation m = weighted.get(r.nextInt(weighted.size()));
        boolean identity =
                ALWAYS_IDENTITY.contains(m) || (!NO_RECORD_LEFT.contains(m) && r.nextInt(4) == 0);
        if (identity && !ALWAYS_IDENTITY.contains(m)) {
            addIdentity(base, r);
        }
        long received = RECEIVED.toEpochMilli();
        byte[] value;
        switch (m) {
            case ORIGINAL -> value = bytes(base);
            case CUT_SHORT -> {
                String text = text(base);
                value = utf8(text.substring(0, r.nextInt(text.length())));
            }
            case EMPTY -> value = new byte[0];
            case NO_VALUE -> value = null;
            case JSON_NULL -> value = utf8("null");
            case TOP_LEVEL_ARRAY -> value = utf8("[" + text(base) + "," + text(base) + "]");
            case TOP_LEVEL_SCALAR ->
                    value = utf8(pick(r, List.of("42", "\"incident\"", "true", "1e999", "\"\"")));
            case BINARY -> {
                value = new byte[1 + r.nextInt(4_096)];
                r.nextBytes(value);
            }
            case INVALID_UTF8 -> value = invalidUtf8(bytes(base), r);
            case DEEP_NESTING -> {
                // Mostly under the raw record limit (parsed), one in eight far over it.
                int depth = r.nextInt(8) == 0 ? 100_000 : 100 + r.nextInt(20_000);
                String open = r.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                String nested = open.repeat(depth) + "1" + close.repeat(depth);
                value = utf8(withMember(text(base), pick(r, fieldsOf(base)), nested, r));
            }
            case DUPLICATE_KEYS -> {
                String field = pick(r, fieldsOf(base));
                value = utf8(withMember(text(base), field, randomValueText(r), r));
            }
            case TRAILING_GARBAGE ->
                    value =
                            utf8(
                                    text(base)
                                            + pick(
                                                    r,
                                                    List.of("}", "{}", " x", "\u0000", ",", "]")));
            case CONTROL_CHARACTERS -> {
                String field = pick(r, textFields(feed));
                StringBuilder b = new StringBuilder("x");
                for (int k = 0; k < 1 + r.nextInt(20); k++) {
                    b.append(
                            (char)
                                    pick(
                                                    r,
                                                    List.of(
                                                            0, 1, 7, 8, 9, 10, 13, 27, 31, 127,
                                                            0x85, 0x2028, 0x2029))
                                            .intValue());
                }
                if (r.nextBoolean()) {
                    base.put(field, b.toString()); // written escaped: valid JSON
                    value = bytes(base);
                } else {
                    value =
                            utf8(
                                    withMember(
                                            text(base),
                                            field,
                                            "\"" + b + "\"",
                                            r)); // raw: not JSON
                }
            }
            case WRONG_TYPE -> {
                base.set(pick(r, fieldsOf(base)), randomNode(r, 0));
                value = bytes(base);
            }
            case FIELD_REMOVED -> {
                base.remove(pick(r, fieldsOf(base)));
                value = bytes(base);
            }
            case FIELD_IN_ARRAY -> {
                String field = pick(r, fieldsOf(base));
                ArrayNode a = NODES.arrayNode().add(base.get(field));
                base.set(field, a);
                value = bytes(base);
            }
            case EXTREME_NUMBERS -> {
                String text = text(base);
                text = withMember(text, "lat", pick(r, NUMBERS), r);
                if (r.nextBoolean()) {
                    text = withMember(text, "lon", pick(r, NUMBERS), r);
                }
                value = utf8(text);
            }
            case COORDINATE_EDGES -> {
                List<Double> edges =
                        List.of(
                                90.0,
                                -90.0,
                                180.0,
                                -180.0,
                                0.0,
                                -0.0,
                                89.99999999,
                                -179.99999999,
                                90.00000001,
                                1e-300);
                base.put("lat", pick(r, edges));
                base.put("lon", pick(r, edges));
                value = bytes(base);
            }
            case WORLD_COORDINATES -> {
                base.put("lat", -90 + 180 * r.nextDouble());
                base.put("lon", -180 + 360 * r.nextDouble());
                value = bytes(base);
            }
            case UNICODE_PLANES -> {
                for (String field : textFields(feed)) {
                    if (r.nextBoolean()) {
                        base.put(field, unicode(r, 1 + r.nextInt(40)));
                    }
                }
                value = bytes(base);
            }
            case UNPAIRED_SURROGATES -> {
                String field = pick(r, textFields(feed));
                String lone =
                        pick(
                                r,
                                List.of(
                                        "\\ud800",
                                        "\\udfff",
                                        "x\\ud83d",
                                        "\\ude00y",
                                        "\\udbff\\udbff"));
                value = utf8(withMember(text(base), field, "\"" + lone + "\"", r));
            }
            case MEGABYTE_FIELD -> {
                // Under the broker's 1 MiB: quotes and backslashes take two bytes once escaped.
                boolean escaped = r.nextBoolean();
                int chars =
                        r.nextInt(8) == 0
                                ? (escaped ? 470_000 : 950_000)
                                : 70_000 + r.nextInt(100_000);
                String filler = escaped ? "\"\\" : "A";
                String big = filler.repeat(chars / filler.length());
                base.put(r.nextBoolean() ? "address" : "notes", big);
                value = bytes(base);
            }
            case OVER_FIELD_LIMIT -> {
                String field = pick(r, textFields(feed));
                base.put(field, "L".repeat(201 + r.nextInt(600)));
                value = bytes(base);
            }
            case MANY_FIELDS -> {
                for (int k = 0; k < 1_000 + r.nextInt(4_000); k++) {
                    base.put("f" + k, k);
                }
                value = bytes(base);
            }
            case ODD_IDS -> {
                base.put(
                        "id",
                        pick(
                                r,
                                List.of(
                                        "a/b/c",
                                        "../../etc/passwd",
                                        "line\nbreak",
                                        " ",
                                        "%00",
                                        "\u202e\u0644\u0627",
                                        "\ud83d\udca5",
                                        "x".repeat(200),
                                        "null",
                                        "0")));
                value = bytes(base);
            }
            case KIND_VARIANTS -> {
                String field =
                        switch (feed) {
                            case INCIDENTS -> "kind";
                            case REQUESTS311 -> "status";
                            case TIPS -> "category";
                            case ACTIVITIES -> "kind";
                        };
                base.put(
                        field,
                        pick(
                                r,
                                List.of(
                                        "shooting",
                                        " HOMICIDE ",
                                        "Sh00ting",
                                        "SHOOTING\u0000",
                                        "\u0405HOOTING",
                                        "CLOSED",
                                        "closed (duplicate)",
                                        "Reopened",
                                        "OTHER_VIOLENT",
                                        "other")));
                value = bytes(base);
            }
            case REDELIVERED -> {
                // One of a few originals again: duplicates of each other across the corpus.
                value = bytes(pool.get(r.nextInt(5)));
            }
            case ODD_RECEIVE_TIME -> {
                received =
                        pick(
                                r,
                                List.of(
                                        0L,
                                        1L,
                                        RECEIVED.minus(Duration.ofDays(3_650)).toEpochMilli(),
                                        wallClock.plus(Duration.ofMinutes(50)).toEpochMilli()));
                value = bytes(base);
            }
            case IDENTITY_FIELDS -> {
                addIdentity(base, r);
                value = utf8(escapeAKey(text(base), r));
            }
            case IDENTITY_NESTED -> {
                ObjectNode person = NODES.objectNode();
                person.put("name", marker(r));
                person.put("phone", marker(r));
                person.set(
                        "contacts",
                        NODES.arrayNode().add(NODES.objectNode().put("email", marker(r))));
                base.set(pick(r, List.of("tipster", "caller", "requester", "details")), person);
                if (!base.has("tipster") && !base.has("caller") && !base.has("requester")) {
                    person.put("first_name", marker(r));
                }
                value = bytes(base);
            }
            case IDENTITY_CUT_SHORT -> {
                addIdentity(base, r);
                String text = text(base);
                int at = text.indexOf(IDENTITY_MARKER);
                value = utf8(text.substring(0, Math.min(text.length(), at + 3 + r.nextInt(20))));
            }
            case IDENTITY_IN_JSON_TEXT -> {
                ObjectNode inner = NODES.objectNode();
                inner.put("phone", marker(r));
                inner.put("note", "called twice");
                String once = text(inner);
                base.put("payload", r.nextBoolean() ? once : text(NODES.textNode(once)));
                value = bytes(base);
            }
            case IDENTITY_TOO_LARGE -> {
                ObjectNode big = NODES.objectNode();
                big.put("email", marker(r));
                big.setAll(base);
                big.put("notes", "N".repeat(70_000 + r.nextInt(30_000)));
                big.put("phone", marker(r));
                value = bytes(big);
            }
            case IDENTITY_DUPLICATE_KEYS -> {
                String text = text(base);
                String key = pick(r, IDENTITY_KEYS);
                String member =
                        JSON.valueToTree(key).toString() + ":" + JSON.valueToTree(marker(r));
                value =
                        utf8(
                                "{"
                                        + member
                                        + ","
                                        + text.substring(1, text.length() - 1)
                                        + ","
                                        + member
                                        + "}");
            }
            case DATE_ANY_YEAR -> {
                base.put("occurredAt", anyYear(r));
                value = bytes(base);
            }
            case DATE_FORMATS -> {
                if (r.nextInt(4) == 0) {
                    base.put("occurredAt", r.nextLong());
                } else {
                    base.put("occurredAt", pick(r, DATE_TEXTS));
                }
                value = bytes(base);
            }
            case DUE_ANY_YEAR -> {
                base.put("dueAt", r.nextBoolean() ? anyYear(r) : pick(r, DATE_TEXTS));
                value = bytes(base);
            }
            case DATE_NEAR_NOW -> {
                received = wallClock.toEpochMilli();
                long offset = (long) ((r.nextDouble() * 6 - 3) * Duration.ofDays(1).toMillis());
                base.put("occurredAt", wallClock.plusMillis(offset).toString());
                value = bytes(base);
            }
            default -> throw new IllegalStateException("unhandled mutation " + m);
        }
        return new Hostile(feed, value, received, r.nextInt(2), m, identity);
    }

    /** The number of mutation cases. */
    public static int cases() {
        return Mutation.values().length;
    }

    private void addIdentity(ObjectNode record, Random r) {
        for (int k = 0; k < 1 + r.nextInt(4); k++) {
            String key = pick(r, IDENTITY_KEYS);
            if (r.nextInt(5) == 0) {
                ObjectNode person = NODES.objectNode();
                person.put("name", marker(r));
                person.put("phone", marker(r));
                record.set(key, person);
            } else {
                record.put(key, marker(r));
            }
        }
    }

    private String marker(Random r) {
        return IDENTITY_MARKER + "-" + (++identitySerial) + "-" + Integer.toHexString(r.nextInt());
    }

    /** The text with the first letter of one identity key written as a {@code \\u} escape. */
    private static String escapeAKey(String text, Random r) {
        for (String key : IDENTITY_KEYS) {
            String quoted = "\"" + key + "\":";
            int at = text.indexOf(quoted);
            if (at >= 0 && r.nextBoolean() && key.charAt(0) < 128) {
                return text.substring(0, at + 1)
                        + String.format("\\u%04x", (int) key.charAt(0))
                        + text.substring(at + 2);
            }
        }
        return text;
    }

    /** The record's text with one more member, written as given, at a random place. */
    private static String withMember(String text, String key, String valueText, Random r) {
        String member = JSON.valueToTree(key).toString() + ":" + valueText;
        if (text.length() < 2 || r.nextBoolean()) {
            return text.substring(0, Math.max(0, text.length() - 1)) + "," + member + "}";
        }
        return "{" + member + "," + text.substring(1);
    }

    private static byte[] invalidUtf8(byte[] valid, Random r) {
        List<byte[]> bad =
                List.of(
                        new byte[] {(byte) 0xC0},
                        new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0x80},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {
                            (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80
                        },
                        new byte[] {(byte) 0xE2, (byte) 0x82});
        byte[] out = valid;
        for (int k = 0; k < 1 + r.nextInt(3); k++) {
            int at = r.nextInt(out.length + 1);
            byte[] insert = pick(r, bad);
            byte[] next = new byte[out.length + insert.length];
            System.arraycopy(out, 0, next, 0, at);
            System.arraycopy(insert, 0, next, at, insert.length);
            System.arraycopy(out, at, next, at + insert.length, out.length - at);
            out = next;
        }
        return out;
    }

    /** A string of code points from every plane: letters, marks, private use, noncharacters. */
    private static String unicode(Random r, int length) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < length; k++) {
            int plane = r.nextInt(17);
            int cp;
            do {
                cp = (plane << 16) | r.nextInt(0x10000);
            } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
            if (r.nextInt(8) == 0) {
                cp =
                        pick(
                                r,
                                List.of(
                                        0x200D, 0x202E, 0x0301, 0xFEFF, 0xFFFE, 0x10FFFF, 0x1F4A5,
                                        0xE0001));
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static String anyYear(Random r) {
        // Years spread over every order of magnitude, both signs.
        long magnitude = (long) Math.pow(10, r.nextInt(10));
        long year = Math.min(999_999_999L, magnitude + (long) (r.nextDouble() * magnitude));
        if (r.nextInt(3) == 0) {
            year = -year;
        }
        String y =
                year > 9999
                        ? "+" + year
                        : year < 0
                                ? "-" + String.format("%04d", -year)
                                : String.format("%04d", year);
        String offset = pick(r, List.of("Z", "+18:00", "-18:00", "+05:30", "-04:00"));
        return y
                + String.format(
                        "-%02d-%02dT%02d:%02d:%02d",
                        1 + r.nextInt(12),
                        1 + r.nextInt(28),
                        r.nextInt(24),
                        r.nextInt(60),
                        r.nextInt(60))
                + offset;
    }

    private static JsonNode randomNode(Random r, int depth) {
        return switch (r.nextInt(depth > 2 ? 5 : 7)) {
            case 0 -> NODES.numberNode(r.nextGaussian() * Math.pow(10, r.nextInt(300)));
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.nullNode();
            case 3 -> NODES.textNode(unicode(r, r.nextInt(10)));
            case 4 -> NODES.numberNode(r.nextLong());
            case 5 -> {
                ArrayNode a = NODES.arrayNode();
                for (int k = r.nextInt(4); k > 0; k--) {
                    a.add(randomNode(r, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int k = r.nextInt(4); k > 0; k--) {
                    o.set("k" + k, randomNode(r, depth + 1));
                }
                yield o;
            }
        };
    }

    private static String randomValueText(Random r) {
        return randomNode(r, 0).toString();
    }

    private static List<String> textFields(Feed feed) {
        return switch (feed) {
            case INCIDENTS -> List.of("id", "kind", "address", "source");
            case REQUESTS311 -> List.of("id", "type", "status", "address", "source");
            case TIPS -> List.of("id", "category", "address", "source");
            case ACTIVITIES ->
                    List.of("id", "kind", "agency", "placeId", "outcome", "address", "source");
        };
    }

    /** The shipped synthetic activity log, its contacts hashed with a fixed test key. */
    private static List<RawEvent> activitySample() {
        String file = "places/activities_sample_synthetic_2018.csv";
        try (java.io.InputStream in = BaltimoreData.open(file)) {
            return org.zonestat.sim.mapping.FeedMapping.shipped("baltimore-activities-sample")
                    .withContactTokens(org.zonestat.topics.ContactTokens.withKey(new byte[32]))
                    .adapter()
                    .readAll(in, file)
                    .events();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> fieldsOf(ObjectNode record) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = record.fieldNames();
        it.forEachRemaining(names::add);
        return names.isEmpty() ? List.of("id") : names;
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static List<ObjectNode> objects(List<RawEvent> events) {
        List<ObjectNode> out = new ArrayList<>();
        for (RawEvent e : events) {
            try {
                out.add((ObjectNode) JSON.readTree(e.json()));
            } catch (IOException ex) {
                throw new UncheckedIOException("a shipped record is not JSON: " + e.json(), ex);
            }
        }
        if (out.size() < 5) {
            throw new IllegalStateException("too few shipped records to mutate: " + out.size());
        }
        return out;
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return utf8(text(node));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
