package org.zonestat.console.open311;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import java.util.List;

/**
 * One GeoReport v2 error ({@code [{"code": 403, "description": "..."}]}, in XML {@code
 * <errors><error>...}): the body of every error answer of the Open311 routes, whatever raised it (a
 * bad parameter, an unknown service or request, a refused API key, an oversized body, too many
 * posts). {@code code} is the HTTP status; {@code description} names the parameter and the reason.
 *
 * @param code the HTTP status
 * @param description what went wrong, for the user
 */
public record GeoReportError(
        @JsonProperty("code") int code, @JsonProperty("description") String description) {

    /** Writes the error array in the format of the request's path ({@code .xml} or JSON). */
    public static void write(Context ctx, int status, String message) {
        GeoReportFormat.of(ctx.path())
                .writeList(ctx, List.of(new GeoReportError(status, message)), "errors", "error");
    }
}
