package org.zonestat.console.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of hostile HTTP requests and WebSocket messages for the console: request
 * {@code i} of seed {@code s} is always the same bytes. Each request is one of {@link Case}'s
 * mutation classes applied to a route the console serves (paths, query parameters, headers, methods
 * and bodies), written as raw HTTP/1.1 so that nothing a client library would refuse to send is out
 * of reach.
 *
 * <p>Stateless apart from its inputs; thread-safe.
 */
public final class HostileRequests {
    /** The mutation classes, each exercised by its own share of the requests. */
    public enum Case {
        PATH_TRAVERSAL,
        PATH_ENCODED,
        PATH_LONG,
        PATH_PARAM_HOSTILE,
        UNKNOWN_PATH,
        QUERY_EMPTY_AND_COMMAS,
        QUERY_EXTREME_NUMBERS,
        QUERY_EXTREME_DATES,
        QUERY_UNICODE,
        QUERY_CONTROL_CHARS,
        QUERY_LONG,
        QUERY_REPEATED,
        HEADER_AUTH_GARBAGE,
        HEADER_AUTH_ROLES,
        HEADER_HUGE,
        HEADER_ODD_CONTENT_TYPE,
        METHOD_ODD,
        BODY_NOT_JSON,
        BODY_DEEP_NESTING,
        BODY_WRONG_TYPES,
        BODY_HUGE_STRING,
        BODY_BINARY,
        BODY_DUPLICATE_KEYS,
        BODY_LENGTH_LIES,
        BODY_OVER_LIMIT,
        UPLOAD_GEOJSON_HOSTILE,
        REQUEST_LINE_MALFORMED
    }

    /** One request: its case, a short description for failure messages, and the raw bytes. */
    public record Request(Case kind, String description, byte[] bytes) {}

    private static final String[] QUERY_NAMES = {
        "layer",
        "from",
        "to",
        "kinds",
        "compare",
        "goal",
        "week",
        "zone",
        "date",
        "quarter",
        "asOf",
        "days",
        "format",
        "status",
        "service_request_id",
        "start_date",
        "end_date",
        "title",
        "nameProperty",
        "token",
        "rotate",
        "zones"
    };
    private static final String[] EXTREME_NUMBERS = {
        "-1",
        "0",
        "1e309",
        "-1e309",
        "NaN",
        "Infinity",
        "-0",
        "9223372036854775808",
        "99999999999999999999999999",
        "0x1F",
        "1_000",
        "+5",
        "５",
        "1.7976931348623157E309",
        ""
    };
    private static final String[] EXTREME_DATES = {
        "+999999999-12-31",
        "-999999999-01-01",
        "0000-00-00",
        "2018-02-30",
        "2018-W99",
        "2018-W00",
        "2018-Q5",
        "2018-Q0",
        "-2018-Q1",
        "9999-Q4",
        "2018-13-01",
        "2018-07-07T25:00:00Z",
        "+999999999-12-31T23:59:59Z",
        "1970-01-01T00:00:00-18:01",
        "2018-07-07T00:00:00+99:00",
        "2018-W27-8",
        "now",
        "2018/07/07"
    };
    private static final String[] UNICODE = {
        "\u00e9",
        "\u4e2d\u6587",
        "\ud83d\udca5",
        "\ud800",
        "\u202e",
        "\ufeff",
        "\u0000",
        "\ud83c\udff3\ufe0f\u200d\ud83c\udf08",
        "\ud834\udd1e",
        "\udb40\udc01",
        "\ufffd",
        "\u0085"
    };
    private static final String[] ROLE_TOKENS = {
        "public-token-fuzz", "dispatcher-token-fuzz", "analyst-token-fuzz", "admin-token-fuzz"
    };

    private final long seed;
    private final List<String> routes;

    /**
     * @param seed the generator's seed
     * @param routes the console's routes as {@code "METHOD /path"}, path parameters in braces
     */
    public HostileRequests(long seed, List<String> routes) {
        this.seed = seed;
        this.routes = List.copyOf(routes);
    }

    /** Request number {@code i}. */
    public Request request(int i) {
        Random r = new Random(seed * 1_000_003L + i);
        Case kind = Case.values()[i % Case.values().length];
        String route = routes.get(r.nextInt(routes.size()));
        String method = route.substring(0, route.indexOf(' '));
        String path = fillParams(route.substring(route.indexOf(' ') + 1), r, false);
        List<String> headers = new ArrayList<>();
        String query = "";
        byte[] body = null;
        String auth = r.nextInt(3) == 0 ? null : ROLE_TOKENS[r.nextInt(ROLE_TOKENS.length)];
        switch (kind) {
            case PATH_TRAVERSAL ->
                    path =
                            path
                                    + pick(
                                            r,
                                            "/../../etc/passwd",
                                            "/..%2f..%2fetc/passwd",
                                            "/%2e%2e/%2e%2e/",
                                            "/....//....//",
                                            "/.%00./",
                                            "/..\\..\\windows");
            case PATH_ENCODED ->
                    path =
                            path
                                    + pick(
                                            r,
                                            "%00",
                                            "%ff%fe",
                                            "%c0%ae",
                                            "%",
                                            "%zz",
                                            "%25%32%65",
                                            ";jsessionid=x",
                                            "//",
                                            "/./",
                                            "%20",
                                            "?%00");
            case PATH_LONG -> path = path + "/" + "a".repeat(1 + r.nextInt(20_000));
            case PATH_PARAM_HOSTILE ->
                    path = fillParams(route.substring(route.indexOf(' ') + 1), r, true);
            case UNKNOWN_PATH ->
                    path =
                            pick(
                                    r,
                                    "/api",
                                    "/api/",
                                    "/api/../api/layers",
                                    "/ws/live/x",
                                    "/open311/v2/requests/.json",
                                    "/open311/v2/requests/%2F.json",
                                    "/webjars/../../",
                                    "/webjars/leaflet/0/dist/leaflet.js",
                                    "/.git/config",
                                    "/WEB-INF/web.xml",
                                    "/api/zones/",
                                    "/metrics/",
                                    "/openapi.json/x",
                                    "/public/../../pom.xml");
            case QUERY_EMPTY_AND_COMMAS ->
                    query =
                            param(r)
                                    + "="
                                    + pick(
                                            r,
                                            "",
                                            ",",
                                            ",,",
                                            " ",
                                            "%20,%20",
                                            ",homicides",
                                            "homicides,",
                                            "shootings,,homicides",
                                            "%2C");
            case QUERY_EXTREME_NUMBERS -> query = param(r) + "=" + enc(pick(r, EXTREME_NUMBERS));
            case QUERY_EXTREME_DATES -> query = param(r) + "=" + enc(pick(r, EXTREME_DATES));
            case QUERY_UNICODE -> query = param(r) + "=" + enc(pick(r, UNICODE) + pick(r, UNICODE));
            case QUERY_CONTROL_CHARS ->
                    query =
                            param(r)
                                    + "="
                                    + pick(
                                            r,
                                            "%00",
                                            "%0d%0aSet-Cookie:%20x=1",
                                            "%07",
                                            "%1b[31m",
                                            "%7f",
                                            "%0a",
                                            "%09");
            case QUERY_LONG -> query = param(r) + "=" + "x".repeat(1 + r.nextInt(30_000));
            case QUERY_REPEATED -> {
                StringBuilder q = new StringBuilder();
                String name = param(r);
                for (int k = 0; k < 1 + r.nextInt(200); k++) {
                    q.append(k == 0 ? "" : "&").append(name).append("=").append(k);
                }
                query = q.toString();
            }
            case HEADER_AUTH_GARBAGE ->
                    auth =
                            pick(
                                    r,
                                    "",
                                    " ",
                                    "Bearer",
                                    "Bearer ",
                                    "Basic YWRtaW46YWRtaW4=",
                                    "Bearer " + "a".repeat(5000),
                                    "bearer admin-token-fuzz",
                                    "Bearer admin-token-fuzz extra",
                                    "Bearer \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
                                    "Bearer ../../../../");
            case HEADER_AUTH_ROLES -> auth = ROLE_TOKENS[r.nextInt(ROLE_TOKENS.length)];
            case HEADER_HUGE -> headers.add("X-Fuzz: " + "h".repeat(1 + r.nextInt(40_000)));
            case HEADER_ODD_CONTENT_TYPE -> {
                headers.add(
                        "Content-Type: "
                                + pick(
                                        r,
                                        "application/json; charset=utf-7",
                                        "text/html",
                                        "multipart/form-data; boundary=",
                                        "application/x-www-form-urlencoded",
                                        "\u00ff/\u00ff",
                                        "application/json;" + ";".repeat(500)));
                body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
                method = "POST";
            }
            case METHOD_ODD ->
                    method =
                            pick(
                                    r,
                                    "PUT",
                                    "DELETE",
                                    "PATCH",
                                    "OPTIONS",
                                    "HEAD",
                                    "TRACE",
                                    "CONNECT",
                                    "PROPFIND",
                                    "GeT",
                                    "FOO");
            case BODY_NOT_JSON -> {
                method = "POST";
                body =
                        pick(
                                        r,
                                        "not json",
                                        "{",
                                        "}",
                                        "[",
                                        "\"",
                                        "{\"a\":}",
                                        "{'a':1}",
                                        "NaN",
                                        "{\"a\":NaN}",
                                        "<xml/>",
                                        "")
                                .getBytes(StandardCharsets.UTF_8);
            }
            case BODY_DEEP_NESTING -> {
                method = "POST";
                int depth = 1 + r.nextInt(100_000);
                body =
                        ("[".repeat(depth) + "]".repeat(r.nextBoolean() ? depth : 0))
                                .getBytes(StandardCharsets.UTF_8);
            }
            case BODY_WRONG_TYPES -> {
                method = "POST";
                body =
                        pick(
                                        r,
                                        "{\"layer\":1,\"zone\":[],\"what\":{},\"agency\":null,\"dueDate\":true}",
                                        "{\"layer\":\"vri-zones\",\"zone\":\"Western\",\"what\":\"x\",\"agency\":\"y\",\"dueDate\":\"+999999999-12-31\"}",
                                        "{\"layer\":\"vri-zones\",\"zone\":\"Western\",\"what\":\""
                                                + "\u0000".repeat(10)
                                                + "\",\"agency\":\"y\",\"dueDate\":\"2018-07-07\"}",
                                        "{\"agency\":" + "1".repeat(400) + "}",
                                        "null",
                                        "[]",
                                        "1",
                                        "\"s\"",
                                        "{\"note\":1e999}")
                                .getBytes(StandardCharsets.UTF_8);
            }
            case BODY_HUGE_STRING -> {
                method = "POST";
                body =
                        ("{\"what\":\"" + "w".repeat(1 + r.nextInt(900_000)) + "\"}")
                                .getBytes(StandardCharsets.UTF_8);
            }
            case BODY_BINARY -> {
                method = "POST";
                body = new byte[1 + r.nextInt(4096)];
                r.nextBytes(body);
            }
            case BODY_DUPLICATE_KEYS -> {
                method = "POST";
                body =
                        "{\"layer\":\"vri-zones\",\"layer\":\"x\",\"zone\":\"Western\",\"zone\":null,\"what\":\"a\",\"agency\":\"b\",\"dueDate\":\"2018-07-07\"}"
                                .getBytes(StandardCharsets.UTF_8);
            }
            case BODY_LENGTH_LIES -> {
                method = "POST";
                body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
                headers.add("Content-Length: " + pick(r, "-1", "99999999999", "abc", "3"));
            }
            case BODY_OVER_LIMIT -> {
                method = "POST";
                body = new byte[(1 << 20) + 1 + r.nextInt(1000)];
                java.util.Arrays.fill(body, (byte) '[');
            }
            case UPLOAD_GEOJSON_HOSTILE -> {
                method = "POST";
                path = "/api/zones/fuzz-" + r.nextInt(5);
                auth = ROLE_TOKENS[3];
                body =
                        pick(
                                        r,
                                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"Z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1e308,1e308],[-1e308,1e308],[0,0],[1e308,1e308]]]}}]}",
                                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"Z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[0,0],[0,0]]]}}]}",
                                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"Z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}}]}",
                                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":null,\"geometry\":null}]}",
                                        "{\"type\":\"FeatureCollection\",\"features\":{}}",
                                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"Z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[\"a\",\"b\"],[1,2],[3,4],[\"a\",\"b\"]]]}}]}",
                                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"Z\"},\"geometry\":{\"type\":\"GeometryCollection\",\"geometries\":[]}}]}",
                                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"Z\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[-76.6,39.2],[-76.5,39.2],[-76.5,39.3],[-76.6,39.2]]],[]]}}]}")
                                .getBytes(StandardCharsets.UTF_8);
            }
            case REQUEST_LINE_MALFORMED -> {
                String line =
                        pick(
                                r,
                                "GET\r\n",
                                "GET /\r\n",
                                "GET / HTTP/9.9\r\n",
                                "GET  /  HTTP/1.1\r\n",
                                "\u0000\u0001\u0002 / HTTP/1.1\r\n",
                                "GET /" + "\u00ff" + " HTTP/1.1\r\n",
                                "GET / HTTP/1.1\nHost: x\n\n",
                                "GET http://evil.example/ HTTP/1.1\r\n",
                                "POST /api/action-items HTTP/1.0\r\nContent-Length: 5\r\n\r\n{\"a\"");
                String raw =
                        line.endsWith("\n\n") || line.contains("Content-Length")
                                ? line
                                : line + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
                return new Request(kind, raw.strip(), raw.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return new Request(
                kind,
                method + " " + shorten(path + (query.isEmpty() ? "" : "?" + query)),
                http(method, path, query, auth, headers, body));
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + " chars)" : s;
    }

    private static byte[] http(
            String method,
            String path,
            String query,
            String auth,
            List<String> headers,
            byte[] body) {
        StringBuilder h = new StringBuilder();
        h.append(method).append(' ').append(path);
        if (!query.isEmpty()) {
            h.append('?').append(query);
        }
        h.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        if (auth != null) {
            h.append("Authorization: ")
                    .append(
                            auth.startsWith("Bearer")
                                            || auth.startsWith("Basic")
                                            || auth.isBlank()
                                            || auth.startsWith("bearer")
                                    ? auth
                                    : "Bearer " + auth)
                    .append("\r\n");
        }
        boolean lengthGiven = false;
        for (String header : headers) {
            h.append(header).append("\r\n");
            lengthGiven |= header.startsWith("Content-Length");
        }
        if (body != null && !lengthGiven) {
            h.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (body != null && headers.stream().noneMatch(x -> x.startsWith("Content-Type"))) {
            h.append("Content-Type: application/json\r\n");
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null) {
            return head;
        }
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private String fillParams(String path, Random r, boolean hostile) {
        String value =
                hostile
                        ? enc(
                                pick(
                                        r,
                                        "..",
                                        "%2e%2e",
                                        "a".repeat(300),
                                        "\u00e9",
                                        "AI-\u0000",
                                        "null",
                                        "-1",
                                        "SR-1.json",
                                        "{id}",
                                        "vri-zones/../x",
                                        "UPPER",
                                        "x y",
                                        "\ud83d\udca5"))
                        : pick(r, "vri-zones", "neighborhoods", "SR-1", "AI-1", "x");
        return path.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value));
    }

    private static String param(Random r) {
        return QUERY_NAMES[r.nextInt(QUERY_NAMES.length)];
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    /** The WebSocket mutation classes. */
    public enum FrameCase {
        SUBSCRIBE_HOSTILE_TEXT,
        INVALID_UTF8,
        BINARY,
        UNMASKED,
        RESERVED_OPCODE,
        FRAGMENTED_WITH_PING,
        LENGTH_LIES,
        CLOSE_WITH_ODD_CODE
    }

    /**
     * One client frame.
     *
     * @param declaredLength the length written in the header, or -1 for the payload's length
     * @param mayGoUnanswered whether the server may rightly wait for more (a length that lies)
     */
    public record Frame(
            FrameCase kind,
            int opcode,
            byte[] payload,
            boolean fin,
            boolean masked,
            long declaredLength,
            boolean mayGoUnanswered) {}

    /** WebSocket frame {@code i}. */
    public Frame socketFrame(int i) {
        Random r = new Random(seed * 104_729L + i);
        FrameCase kind = FrameCase.values()[i % FrameCase.values().length];
        byte[] text = socketMessage(i / FrameCase.values().length).getBytes(StandardCharsets.UTF_8);
        return switch (kind) {
            case SUBSCRIBE_HOSTILE_TEXT -> new Frame(kind, 0x1, text, true, true, -1, false);
            case INVALID_UTF8 ->
                    new Frame(
                            kind,
                            0x1,
                            pick(
                                    r,
                                    new byte[] {
                                        '{', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'
                                    },
                                    new byte[] {(byte) 0xc0, (byte) 0xaf},
                                    new byte[] {(byte) 0xff, (byte) 0xfe},
                                    new byte[] {
                                        '{', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '}'
                                    }),
                            true,
                            true,
                            -1,
                            false);
            case BINARY -> {
                byte[] b = new byte[1 + r.nextInt(2048)];
                r.nextBytes(b);
                yield new Frame(kind, 0x2, b, true, true, -1, false);
            }
            case UNMASKED -> new Frame(kind, 0x1, text, true, false, -1, false);
            case RESERVED_OPCODE -> new Frame(kind, 3 + r.nextInt(5), text, true, true, -1, false);
            case FRAGMENTED_WITH_PING ->
                    new Frame(
                            kind,
                            0x1,
                            "{\"type\":\"subscribe\",\"kinds\":[\"SHOOTING\""
                                    .getBytes(StandardCharsets.UTF_8),
                            false,
                            true,
                            -1,
                            false);
            case LENGTH_LIES ->
                    new Frame(
                            kind,
                            0x1,
                            text,
                            true,
                            true,
                            pick(r, 1L << 40, Long.MAX_VALUE, 70_000L, (long) text.length + 10),
                            true);
            case CLOSE_WITH_ODD_CODE ->
                    new Frame(
                            kind,
                            0x8,
                            pick(
                                    r,
                                    new byte[] {0x03, (byte) 0xe7},
                                    new byte[] {0x0f, (byte) 0xff},
                                    new byte[] {0x03},
                                    new byte[] {0x03, (byte) 0xe8, (byte) 0xff, (byte) 0xfe}),
                            true,
                            true,
                            -1,
                            false);
        };
    }

    /** WebSocket message {@code i}: a hostile {@code subscribe} or something that is not one. */
    public String socketMessage(int i) {
        Random r = new Random(seed * 7_919L + i);
        return switch (i % 12) {
            case 0 ->
                    "{\"type\":\"subscribe\",\"zones\":"
                            + pick(
                                    r,
                                    "[]",
                                    "1",
                                    "null",
                                    "\"x\"",
                                    "{\"vri-zones\":\"Western\"}",
                                    "{\"no-layer\":[\"x\"]}",
                                    "{\"vri-zones\":[1,null,{}]}")
                            + "}";
            case 1 ->
                    "{\"type\":\"subscribe\",\"kinds\":"
                            + pick(
                                    r,
                                    "[\"shooting\"]",
                                    "[1]",
                                    "\"SHOOTING\"",
                                    "[\"" + "A".repeat(5000) + "\"]",
                                    "[null]",
                                    "{}")
                            + "}";
            case 2 ->
                    "{\"type\":\"subscribe\",\"messages\":"
                            + pick(r, "[\"x\"]", "[]", "[[]]", "true")
                            + "}";
            case 3 ->
                    "{\"type\":\"subscribe\",\"resume\":"
                            + pick(
                                    r,
                                    "{\"streamId\":1,\"afterSeq\":1}",
                                    "{\"streamId\":\"x\",\"afterSeq\":-1}",
                                    "{\"streamId\":\"x\",\"afterSeq\":1e309}",
                                    "{\"streamId\":\"x\",\"afterSeq\":9223372036854775808}",
                                    "[]",
                                    "\"x\"")
                            + "}";
            case 4 -> "[".repeat(1 + r.nextInt(50_000));
            case 5 ->
                    pick(
                            r,
                            "",
                            " ",
                            "null",
                            "1",
                            "\"subscribe\"",
                            "{}",
                            "{\"type\":null}",
                            "{\"type\":\"SUBSCRIBE\"}");
            case 6 -> "{\"type\":\"subscribe\",\"type\":\"other\"}";
            case 7 -> {
                StringBuilder s =
                        new StringBuilder("{\"type\":\"subscribe\",\"zones\":{\"vri-zones\":[");
                for (int k = 0; k < 1 + r.nextInt(3000); k++) {
                    s.append(k == 0 ? "" : ",").append("\"Z").append(k).append('"');
                }
                yield s.append("]}}").toString();
            }
            case 8 -> "{\"type\":\"subscribe\",\"kinds\":[\"" + pick(r, UNICODE) + "\"]}";
            case 9 ->
                    "{\"type\":\"subscribe\",\"zones\":{\"vri-zones\":[\"Western\"]},\"kinds\":[\"SHOOTING\"]}";
            case 10 -> "x".repeat(60 * 1024 + r.nextInt(10 * 1024));
            default ->
                    "{\"type\":\"subscribe\",\"deep\":"
                            + "{\"a\":".repeat(1 + r.nextInt(5000))
                            + "1"
                            + "}".repeat(1 + r.nextInt(5000))
                            + "}";
        };
    }
}
