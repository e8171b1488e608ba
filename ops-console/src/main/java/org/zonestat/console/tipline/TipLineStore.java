package org.zonestat.console.tipline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.scorecard.TopicReader;
import org.zonestat.topics.TipLineCase;

/**
 * The tip line's cases, held in memory from the compacted {@code tip-line} topic (read from its
 * beginning by a {@link TopicReader}, {@code read_committed}); a case the console writes is put
 * here once Kafka has committed it, so a tipster's follow-up shows at once. Records that cannot be
 * read are skipped with a warning naming their offset (never their content).
 *
 * <p>Thread-safe: all methods synchronize on the store.
 */
public final class TipLineStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TipLineStore.class);

    private final ObjectMapper mapper = ConsoleJson.newMapper();
    private final Map<String, TipLineCase> byNumber = new HashMap<>();
    private final TopicReader reader;

    /** A store filled from {@code topic}; null reads nothing (tests fill it with {@link #put}). */
    public TipLineStore(String bootstrapServers, String topic) {
        this.reader =
                bootstrapServers == null
                        ? null
                        : new TopicReader(bootstrapServers, topic, this::load);
    }

    public TipLineStore start() {
        if (reader != null) {
            reader.start();
        }
        return this;
    }

    /** The topic's reader, for whether it has loaded everything; null without one. */
    public TopicReader reader() {
        return reader;
    }

    private void load(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            synchronized (this) {
                byNumber.remove(r.key());
            }
            return;
        }
        try {
            put(mapper.readValue(r.value(), TipLineCase.class));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Skipping an unreadable tip-line record at offset {}", r.offset());
        }
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

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
