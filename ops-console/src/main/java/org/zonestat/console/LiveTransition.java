package org.zonestat.console;

import java.time.Instant;
import java.util.Map;
import org.zonestat.topics.RawPosition;
import org.zonestat.topics.TransitionMessage;

/**
 * A device entering, leaving or crossing a zone or a hot cell, as the console pushes it ({@code
 * transition} messages): the transitions feed of the live map, and a handheld's dosage timer. A
 * monitored device's transitions are restricted like its positions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param transitionId stable id (a redelivery has the same one)
 * @param deviceId the device
 * @param kind {@code unit} or {@code monitored}
 * @param team {@code patrol} or {@code outreach}, or null
 * @param transition {@code ENTER}, {@code EXIT} or {@code CROSS}
 * @param layer the layer id, or {@code hot-cells}
 * @param zone the zone name, or the hot cell
 * @param at when
 * @param lon where (the fix that showed it)
 * @param lat where
 * @param enteredAt exits: when the visit began, else null
 * @param minutes exits: how long the visit lasted, else null
 * @param reason exits: {@code signal-lost}, {@code off-duty}, {@code track-reset}, or null
 */
public record LiveTransition(
        String transitionId,
        String deviceId,
        String kind,
        String team,
        String transition,
        String layer,
        String zone,
        Instant at,
        double lon,
        double lat,
        Instant enteredAt,
        Double minutes,
        String reason)
        implements LiveItem {

    /** The transition of a {@code transition} message. */
    public static LiveTransition of(TransitionMessage m) {
        return new LiveTransition(
                m.transitionId(),
                m.deviceId(),
                m.kind(),
                m.team(),
                m.transition(),
                m.layer(),
                m.zone(),
                m.at(),
                m.lon(),
                m.lat(),
                m.enteredAt(),
                m.minutes(),
                m.reason());
    }

    @Override
    public String itemId() {
        return transitionId;
    }

    @Override
    public String messageType() {
        return "transition";
    }

    @Override
    public String kindForFilter() {
        return null;
    }

    /** The zone it is about (a hot cell has none: it matches subscriptions without zones). */
    @Override
    public Map<String, String> zones() {
        return TransitionMessage.HOT_CELLS.equals(layer) ? Map.of() : Map.of(layer, zone);
    }

    @Override
    public boolean revealsTip() {
        return false;
    }

    @Override
    public boolean restricted() {
        return RawPosition.MONITORED.equals(kind);
    }

    @Override
    public String restrictedSubject() {
        return deviceId;
    }
}
