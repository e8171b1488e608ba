package org.zonestat.console.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.topics.AuditMessage;

/**
 * The latest audit records, read from the {@code audit} topic by the console's feed, for admins
 * ({@code GET /api/audit}, the {@code /audit} page). The topic keeps them all; this view keeps the
 * last {@value #LIMIT}.
 *
 * <p>Thread-safe.
 */
public final class AuditLog {
    /** Records kept for the page. */
    public static final int LIMIT = 1_000;

    private final ArrayDeque<AuditMessage> recent = new ArrayDeque<>();

    /** Subscribes to {@code topic} on {@code feed} (before the feed starts). */
    public AuditLog(TopicFeed feed, String topic) {
        Objects.requireNonNull(feed, "feed")
                .subscribe(
                        Objects.requireNonNull(topic, "topic"),
                        AuditMessage.class,
                        StartAt.recent(LIMIT),
                        r -> add(r.value()));
    }

    private synchronized void add(AuditMessage m) {
        recent.addLast(m);
        if (recent.size() > LIMIT) {
            recent.removeFirst();
        }
    }

    /** The latest records, newest first. */
    public synchronized List<AuditMessage> newestFirst() {
        List<AuditMessage> out = new ArrayList<>(recent.size());
        for (Iterator<AuditMessage> it = recent.descendingIterator(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
