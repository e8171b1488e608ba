package org.zonestat.console;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A file from the class path served as it is (a page, the OpenAPI description): read once when
 * created, so a missing file fails the console's start rather than a request.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClasspathFile implements Handler {
    private final byte[] bytes;
    private final String contentType;

    /**
     * @param path the resource's class path, e.g. {@code public/huddle.html}
     * @param mediaType e.g. {@code text/html}; served as UTF-8
     */
    public ClasspathFile(String path, String mediaType) {
        try (InputStream in = ClasspathFile.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            this.bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the class path", e);
        }
        this.contentType = mediaType + "; charset=utf-8";
    }

    @Override
    public void handle(Context ctx) {
        ctx.contentType(contentType).result(bytes);
    }
}
