package org.zonestat.console.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The stopping and starting of a reader that polls a {@link KafkaConsumer} on a daemon thread until
 * closed: whether it still runs, pauses that end early on close, and a close that wakes the
 * consumer (not an interrupt, so the consumer closes cleanly) and waits a bounded time for the
 * thread to end.
 *
 * <p>Thread-safe: {@link #start} once; {@link #close()} from any thread; the reader sets the
 * consumer it polls with {@link #consumer} (null once closed) and checks {@link #running()}.
 */
public final class ConsumerThread {
    private static final long JOIN_MILLIS = 10_000;

    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<?, ?> consumer;
    private Thread thread;

    /** Runs {@code reader} on a daemon thread named {@code name}; returns at once. */
    public synchronized void start(String name, Runnable reader) {
        if (thread != null) {
            throw new IllegalStateException("'" + name + "' was started already");
        }
        thread = new Thread(reader, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the reader should go on: false once closed or interrupted. */
    public boolean running() {
        return running;
    }

    /** The consumer {@link #close()} wakes up, or null when there is none. */
    public void consumer(KafkaConsumer<?, ?> c) {
        consumer = c;
    }

    /** Waits {@code d}, or less when closed; an interrupt stops the reader. */
    public void pause(Duration d) {
        try {
            closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted();
        }
    }

    /** Keeps the interrupt of the calling thread and stops the reader. */
    public void interrupted() {
        Thread.currentThread().interrupt();
        running = false;
    }

    /** Stops the reader and waits (bounded) for its thread to close the consumer. Idempotent. */
    public void close() {
        running = false;
        closing.countDown();
        KafkaConsumer<?, ?> c = consumer;
        if (c != null) {
            c.wakeup(); // not an interrupt: the consumer then closes cleanly
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t.isAlive() && t != Thread.currentThread()) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
