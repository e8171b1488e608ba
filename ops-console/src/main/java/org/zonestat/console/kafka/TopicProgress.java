package org.zonestat.console.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a {@link TopicFeed} has read one topic: for health, metrics and tests that wait until a
 * view holds everything the topic held.
 *
 * <p>Thread-safe: the feed's thread updates it, any thread reads it.
 */
public final class TopicProgress {
    private final String topic;
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong lag = new AtomicLong(-1);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean found;

    TopicProgress(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** Whether the topic exists and its partitions are assigned. */
    public boolean found() {
        return found;
    }

    /** Records read so far, valid or not. */
    public long recordsRead() {
        return recordsRead.get();
    }

    /** Records that were not a valid message of the topic (logged and skipped). */
    public long malformedRecords() {
        return malformed.get();
    }

    /** Records in the topic not read yet (committed ones), or -1 before the first read. */
    public long lag() {
        return lag.get();
    }

    /** Whether everything the topic held when it was first assigned has been read. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits (bounded) until {@link #caughtUp()}; returns whether it did. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void found(boolean value) {
        found = value;
    }

    void read() {
        recordsRead.incrementAndGet();
    }

    long malformed() {
        return malformed.incrementAndGet();
    }

    void lag(long records) {
        lag.set(records);
    }

    void reachedEnd() {
        caughtUp.countDown();
    }
}
