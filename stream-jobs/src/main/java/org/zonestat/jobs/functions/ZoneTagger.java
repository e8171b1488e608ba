package org.zonestat.jobs.functions;

import java.util.Map;
import org.zonestat.geo.H3Binner;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Tags a validated event with its zone in every layer of a {@link ZoneLayers} and with its H3 cell.
 * An event that lies in no zone of any layer is refused: {@code swapped-coordinates} when swapping
 * latitude and longitude would put it inside a zone (a common export bug), {@code outside-zones}
 * otherwise.
 *
 * <p>Thread-safe: the layers and binner are immutable.
 */
public final class ZoneTagger {
    private final H3Binner binner;

    public ZoneTagger(H3Binner binner) {
        this.binner = binner;
    }

    public Outcome<TaggedEvent> tag(CityEvent event, ZoneLayers layers) {
        Map<String, String> zones = layers.tag(event.lon(), event.lat());
        if (zones.isEmpty()) {
            boolean swappedFits =
                    Math.abs(event.lon()) <= 90 && !layers.tag(event.lat(), event.lon()).isEmpty();
            if (swappedFits) {
                return Outcome.refused(
                        RejectReason.SWAPPED_COORDINATES,
                        "location lat="
                                + event.lat()
                                + " lon="
                                + event.lon()
                                + " lies in no zone, but would with latitude and longitude swapped");
            }
            return Outcome.refused(
                    RejectReason.OUTSIDE_ZONES,
                    "location lat="
                            + event.lat()
                            + " lon="
                            + event.lon()
                            + " lies in no zone of any layer ("
                            + String.join(", ", layers.layerIds())
                            + ")");
        }
        return Outcome.accepted(
                new TaggedEvent(
                        event,
                        binner.cellAddress(event.lon(), event.lat()),
                        zones,
                        layers.versions()));
    }
}
