package org.zonestat.console.audit;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.zonestat.console.LiveAlert;
import org.zonestat.console.LiveItem;
import org.zonestat.topics.AuditMessage;

/**
 * One WebSocket subscription's filter with its audit: passes what {@code visible} passes, and
 * writes an audit record when it passes restricted data: every restricted alert (each time it is
 * delivered, a snapshot included), and a monitored device's track the first time this subscription
 * receives any of it ({@link AuditMessage#LIVE_TRACK}). Restricted data never passes when the trail
 * is disabled.
 *
 * <p>Called by the live hub under its lock, one item at a time: not thread-safe on its own, and
 * does not need to be.
 */
public final class AuditedFilter implements Predicate<LiveItem> {
    private final Predicate<? super LiveItem> visible;
    private final AuditTrail trail;
    private final AuditTrail.Reader reader;
    private final String where;
    private final Set<String> tracksRead = new HashSet<>();

    /**
     * @param visible what the subscription and the reader's role let through
     * @param where where the data is read, e.g. {@code /ws/live}
     */
    public AuditedFilter(
            Predicate<? super LiveItem> visible,
            AuditTrail trail,
            AuditTrail.Reader reader,
            String where) {
        this.visible = Objects.requireNonNull(visible, "visible");
        this.trail = Objects.requireNonNull(trail, "trail");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.where = Objects.requireNonNull(where, "where");
    }

    @Override
    public boolean test(LiveItem item) {
        if (!visible.test(item)) {
            return false;
        }
        if (!item.restricted()) {
            return true;
        }
        if (!trail.enabled()) {
            return false;
        }
        if (item instanceof LiveAlert) {
            trail.record(reader, AuditMessage.ALERT_READ, item.restrictedSubject(), where);
        } else if (tracksRead.add(item.restrictedSubject())) {
            trail.record(reader, AuditMessage.LIVE_TRACK, item.restrictedSubject(), where);
        }
        return true;
    }
}
