package org.zonestat.console.tipline;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.console.kafka.TopicRecord;
import org.zonestat.topics.TipLineCase;

/**
 * The tip line's cases, held in memory from the compacted {@code tip-line} topic (read from its
 * beginning on the console's {@link TopicFeed}, {@code read_committed}); a case the console writes
 * is put here once Kafka has committed it, so a tipster's follow-up shows at once. A record that is
 * not a valid case is skipped by the feed, which logs where it was (never its content).
 *
 * <p>Thread-safe: all methods synchronize on the store.
 */
public final class TipLineStore {
    private final Map<String, TipLineCase> byNumber = new HashMap<>();
    private final TopicProgress progress;

    /** A store filled from {@code topic} on {@code feed} (subscribe before the feed starts). */
    public TipLineStore(TopicFeed feed, String topic) {
        this.progress =
                feed.subscribeWithTombstones(
                        topic, TipLineCase.class, StartAt.beginning(), this::load);
    }

    /** How far the topic has been read. */
    public TopicProgress progress() {
        return progress;
    }

    private void load(TopicRecord<TipLineCase> r) {
        if (r.value() == null) {
            synchronized (this) {
                byNumber.remove(r.key());
            }
            return;
        }
        put(r.value());
    }

    /** Holds a case, unless a later version of it is already held. */
    public synchronized void put(TipLineCase c) {
        TipLineCase held = byNumber.get(c.tipNumber());
        if (held == null
                || held.messages().size() < c.messages().size()
                || (held.messages().size() == c.messages().size()
                        && !held.updatedAt().isAfter(c.updatedAt()))) {
            byNumber.put(c.tipNumber(), c);
        }
    }

    public synchronized Optional<TipLineCase> get(String tipNumber) {
        return Optional.ofNullable(tipNumber == null ? null : byNumber.get(tipNumber));
    }

    /** Every case, the most recently changed first. */
    public synchronized List<TipLineCase> all() {
        return byNumber.values().stream()
                .sorted(
                        Comparator.comparing(TipLineCase::updatedAt)
                                .reversed()
                                .thenComparing(TipLineCase::tipNumber))
                .toList();
    }
}
