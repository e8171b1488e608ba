package org.zonestat.console;

import java.util.Map;

/**
 * Something the live hub fans out to WebSocket clients: an event, an alert, a risk halo, a hot
 * cell, a device's position or a geofence transition. The methods are what a {@link
 * LiveSubscription} and the role rules filter on.
 *
 * <p>Implementations are immutable records.
 */
public sealed interface LiveItem
        permits LiveEvent, LiveAlert, RiskHalo, HotCell, LiveUnit, LiveTransition {

    /** The item's stable id: a redelivery has the same one. */
    String itemId();

    /**
     * The WebSocket message type that carries it: {@code event}, {@code alert}, {@code halo},
     * {@code cell}, {@code unit}, {@code monitored} or {@code transition}.
     */
    String messageType();

    /**
     * The event kind the item is about, for {@link LiveSubscription#kinds()}: an event's or a
     * halo's kind; a near-repeat alert's incident kind, {@code REQUEST_311} for an overdue 311
     * request, {@code TIP} for a tip match; null for a hot cell, a position or a transition (kinds
     * do not apply to them).
     */
    String kindForFilter();

    /** Layer id to zone name for every layer the item lies in. */
    Map<String, String> zones();

    /** Whether the item reveals a tip (only analysts and admins may receive those). */
    boolean revealsTip();

    /**
     * Whether the item reveals a monitored person (a position, a transition, a crime-scene alert):
     * only analysts and admins may receive those, and each read is audited.
     */
    default boolean restricted() {
        return false;
    }

    /**
     * What an audit record of reading it names: the monitored device or the alert; null if none.
     */
    default String restrictedSubject() {
        return null;
    }
}
