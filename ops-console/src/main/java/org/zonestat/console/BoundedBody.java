package org.zonestat.console;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body of at most a given size, whatever the server-wide limit: {@code 413} when
 * the declared length or the bytes read pass it. Stateless.
 */
public final class BoundedBody {
    private BoundedBody() {}

    /**
     * The body's bytes.
     *
     * @throws ContentTooLargeResponse when it is longer than {@code maxBytes}
     */
    public static byte[] read(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        }
    }

    private static ContentTooLargeResponse tooLarge(int maxBytes) {
        return new ContentTooLargeResponse(
                "the body is larger than the " + maxBytes + " bytes accepted here");
    }
}
