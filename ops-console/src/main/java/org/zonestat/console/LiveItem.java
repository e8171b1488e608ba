package org.zonestat.console;

import java.util.Map;

/**
 * Something the live hub fans out to WebSocket clients: an event, an alert, a risk halo or a hot
 * cell. The methods are what a {@link LiveSubscription} and the role rules filter on.
 *
 * <p>Implementations are immutable records.
 */
public sealed interface LiveItem permits LiveEvent, LiveAlert, RiskHalo, HotCell {

    /** The item's stable id: a redelivery has the same one. */
    String itemId();

    /**
     * The WebSocket message type that carries it: {@code event}, {@code alert}, {@code halo} or
     * {@code cell}.
     */
    String messageType();

    /**
     * The event kind the item is about, for {@link LiveSubscription#kinds()}: an event's or a
     * halo's kind; a near-repeat alert's incident kind, {@code REQUEST_311} for an overdue 311
     * request, {@code TIP} for a tip match; null for a hot cell (kinds do not apply to cells).
     */
    String kindForFilter();

    /** Layer id to zone name for every layer the item lies in. */
    Map<String, String> zones();

    /** Whether the item reveals a tip (only analysts and admins may receive those). */
    boolean revealsTip();
}
