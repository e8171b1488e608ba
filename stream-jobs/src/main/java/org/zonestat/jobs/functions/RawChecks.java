package org.zonestat.jobs.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.zonestat.jobs.model.RejectReason;

/**
 * The checks every raw record's time and location pass, whatever it reports (an event, a GPS fix):
 * not claiming a time too far after it was received, and a usable WGS84 location. Each answers null
 * when the record passes, or the {@link Problem} that sends it to {@code rejected}.
 *
 * <p>Stateless; thread-safe.
 */
public final class RawChecks {
    private RawChecks() {}

    /** Why a record is refused: its reason and a sentence naming the field. */
    public record Problem(RejectReason reason, String detail) {}

    /**
     * {@code future-timestamp} when {@code at} (the value of {@code field}) is more than {@code
     * tolerance} after the record was received.
     */
    public static Problem notInTheFuture(
            String field, Instant at, long receivedAtMillis, Duration tolerance) {
        if (at.isAfter(Instant.ofEpochMilli(receivedAtMillis).plus(tolerance))) {
            return new Problem(
                    RejectReason.FUTURE_TIMESTAMP,
                    "field '"
                            + field
                            + "' "
                            + at
                            + " is more than "
                            + tolerance
                            + " after the record was received");
        }
        return null;
    }

    /**
     * The record's {@code lat} and {@code lon}: {@code missing-location} when either is absent,
     * {@code invalid-field} when not a number or out of range, {@code zero-coordinates} at 0,0 (the
     * detail then ends with {@code zeroMeans}, what 0,0 says about this feed).
     */
    public static Problem location(JsonNode lat, JsonNode lon, String zeroMeans) {
        if (absent(lat) || absent(lon)) {
            return new Problem(
                    RejectReason.MISSING_LOCATION,
                    "field '" + (absent(lat) ? "lat" : "lon") + "' is missing");
        }
        if (!lat.isNumber() || !lon.isNumber()) {
            return new Problem(
                    RejectReason.INVALID_FIELD,
                    "field '" + (!lat.isNumber() ? "lat" : "lon") + "' is not a number");
        }
        double latValue = lat.doubleValue();
        double lonValue = lon.doubleValue();
        if (latValue == 0 && lonValue == 0) {
            return new Problem(
                    RejectReason.ZERO_COORDINATES, "location is 0,0 (" + zeroMeans + ")");
        }
        if (!(latValue >= -90 && latValue <= 90 && lonValue >= -180 && lonValue <= 180)) {
            return new Problem(
                    RejectReason.INVALID_FIELD,
                    "location lat=" + latValue + " lon=" + lonValue + " is out of range");
        }
        return null;
    }

    /** Null, JSON null, or blank text. */
    public static boolean absent(JsonNode node) {
        return node == null || node.isNull() || (node.isTextual() && node.asText().isBlank());
    }
}
