package org.zonestat.console.fieldwork;

import static org.zonestat.console.JsonBody.required;
import static org.zonestat.console.JsonBody.text;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.zonestat.console.JsonBody.InvalidBodyException;
import org.zonestat.topics.ActivityKind;
import org.zonestat.topics.PlaceMessage;

/**
 * What the field-work endpoints accept: the JSON bodies as records, each checked on construction
 * (strings stripped; a missing, blank or too long field refused with a message naming it). Whether
 * a layer, zone or place exists is checked by the caller.
 */
public final class FieldRequests {
    private FieldRequests() {}

    /**
     * {@code POST /api/activities}: what was done, by which agency, where (a place, a point, or a
     * zone of a layer: its interior point), when ({@code occurredAt}; or {@code date}, a local day:
     * now if it is today, else noon that day; default now) and how many times.
     *
     * @param contact who was met, for an outreach contact: hashed into the week's token and never
     *     kept
     */
    public record Activity(
            String kind,
            String agency,
            String layer,
            String zone,
            String placeId,
            Double lat,
            Double lon,
            OffsetDateTime occurredAt,
            LocalDate date,
            Integer count,
            String outcome,
            String contact) {
        public Activity {
            kind = text("kind", kind, 64, true);
            if (ActivityKind.parse(kind).isEmpty()) {
                throw new InvalidBodyException(
                        "field 'kind' must be one of "
                                + java.util.Arrays.toString(ActivityKind.values())
                                + ", was '"
                                + kind
                                + "'");
            }
            kind = ActivityKind.parse(kind).get().name();
            agency = text("agency", agency, 200, true);
            layer = text("layer", layer, 64, false);
            zone = text("zone", zone, 200, false);
            placeId = text("placeId", placeId, 200, false);
            outcome = text("outcome", outcome, 500, false);
            contact = text("contact", contact, 200, false);
            if ((lat == null) != (lon == null)) {
                throw new InvalidBodyException("give both 'lat' and 'lon', or neither");
            }
            if (lat != null && !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                throw new InvalidBodyException("'lat' and 'lon' must be WGS84 degrees");
            }
            if (placeId == null && lat == null && (layer == null || zone == null)) {
                throw new InvalidBodyException(
                        "say where: 'placeId', 'lat' and 'lon', or 'layer' and 'zone'");
            }
            if (occurredAt != null && date != null) {
                throw new InvalidBodyException("give 'occurredAt' or 'date', not both");
            }
            if (count != null && (count < 1 || count > 10_000)) {
                throw new InvalidBodyException("field 'count' must be from 1 to 10000");
            }
            if (contact != null && !kind.equals(ActivityKind.OUTREACH_CONTACT.name())) {
                throw new InvalidBodyException("field 'contact' is for OUTREACH_CONTACT only");
            }
        }
    }

    /**
     * {@code POST /api/places/inspections}: which place, when (default today), by whom, with what
     * result.
     */
    public record Inspection(String placeId, LocalDate date, String agency, String outcome) {
        public Inspection {
            placeId = text("placeId", placeId, 200, true);
            agency = text("agency", agency, 200, true);
            outcome = text("outcome", outcome, 500, true);
        }
    }

    /** {@code POST /api/places}: a place the console adds (a new license, a new vacant). */
    public record Place(
            String name, String category, String address, Double lat, Double lon, LocalDate since) {
        public Place {
            name = text("name", name, 200, true);
            category = text("category", category, 64, true);
            category = PlaceMessage.category(category);
            if (category.isEmpty()) {
                throw new InvalidBodyException("field 'category' must have letters or digits");
            }
            address = text("address", address, 500, false);
            required("lat", lat);
            required("lon", lon);
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                throw new InvalidBodyException("'lat' and 'lon' must be WGS84 degrees");
            }
        }
    }

    /** {@code POST /api/places/close}: which place, and the day it closed (default today). */
    public record Close(String placeId, LocalDate date) {
        public Close {
            placeId = text("placeId", placeId, 200, true);
        }
    }
}
