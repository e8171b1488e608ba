package org.zonestat.console.community;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request body of at most a given size, for the routes the public can post to: a body
 * declared or found to be larger is refused with {@code 413 Payload Too Large} before it is parsed,
 * so nothing of it reaches a topic. Also parses {@code application/x-www-form-urlencoded} bodies
 * (the Open311 POST) into their parameters, each name with all its values in order.
 *
 * <p>Stateless and thread-safe.
 */
public final class BoundedBody {
    private BoundedBody() {}

    /**
     * The body as UTF-8 text.
     *
     * @throws HttpResponseException 413 when it is longer than {@code maxBytes}
     * @throws BadRequestResponse when it is not UTF-8
     */
    public static String text(Context ctx, int maxBytes) {
        return utf8(bytes(ctx, maxBytes));
    }

    /**
     * The body's bytes.
     *
     * @throws HttpResponseException 413 when it is longer than {@code maxBytes}
     */
    public static byte[] bytes(Context ctx, int maxBytes) {
        long declared = ctx.contentLength();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new BadRequestResponse("the request body could not be read");
        }
    }

    /**
     * Parses a form-encoded body: each name with its values in order ({@code a=1&a=2}).
     *
     * @throws BadRequestResponse when it is not valid form encoding of UTF-8 text
     */
    public static Map<String, List<String>> form(String body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (body.isBlank()) {
            return params;
        }
        for (String pair : body.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return utf8(
                    URLDecoder.decode(s, StandardCharsets.ISO_8859_1)
                            .getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("the form body is not valid URL encoding");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestResponse("the request body must be UTF-8 text");
        }
    }

    private static HttpResponseException tooLarge(int maxBytes) {
        return new HttpResponseException(
                HttpStatus.CONTENT_TOO_LARGE.getCode(),
                "the request body is larger than " + maxBytes + " bytes");
    }
}
