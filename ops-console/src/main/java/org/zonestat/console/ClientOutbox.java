package org.zonestat.console;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send queue of one WebSocket client: a {@link LiveEventHub.Subscriber} that never blocks.
 *
 * <p>At most one message is in flight on the {@link Transport}; the rest wait in a bounded queue. A
 * client that falls {@code maxQueued} messages behind is closed with status 1013 (try again later)
 * instead of letting memory grow: it reconnects and starts again from a fresh snapshot.
 *
 * <p>Thread-safe: {@link #deliver} may be called from the hub while transport callbacks arrive on
 * network threads. Callbacks that complete synchronously inside {@link Transport#send} do not
 * recurse; the sending loop continues instead.
 */
public final class ClientOutbox implements LiveEventHub.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(ClientOutbox.class);

    /** WebSocket close code 1013, "try again later". */
    public static final int TRY_AGAIN_LATER = 1013;

    /** The asynchronous connection the outbox writes to. */
    public interface Transport {
        /** Starts sending; exactly one of the callbacks runs when done, on any thread. */
        void send(String text, Runnable onSent, Consumer<Throwable> onFailed);

        /** Closes the connection with a WebSocket status code. */
        void close(int statusCode, String reason);
    }

    private final String name;
    private final Transport transport;
    private final int maxQueued;
    private final Executor sender;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean pumping;
    private boolean scheduled;
    private boolean closed;

    /**
     * @param name for log messages, e.g. the session id
     * @param maxQueued how many messages may wait behind the one in flight
     */
    public ClientOutbox(String name, Transport transport, int maxQueued) {
        this(name, transport, maxQueued, Runnable::run);
    }

    /**
     * @param name for log messages, e.g. the session id
     * @param maxQueued how many messages may wait behind the one in flight
     * @param sender where sending starts after {@link #deliver}, so the caller (the hub, on the
     *     Kafka consumer thread) only queues: with hundreds of clients, writing to each socket on
     *     that one thread would hold back every later message
     */
    public ClientOutbox(String name, Transport transport, int maxQueued, Executor sender) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be >= 1, was " + maxQueued);
        }
        this.name = name;
        this.transport = transport;
        this.maxQueued = maxQueued;
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public void deliver(String messageJson) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= maxQueued) {
                closed = true;
                queue.clear();
                overflow = true;
            } else {
                queue.add(messageJson);
            }
        }
        if (overflow) {
            LOG.info("Closing WebSocket client {}: more than {} messages behind", name, maxQueued);
            transport.close(TRY_AGAIN_LATER, "client too slow, reconnect");
            return;
        }
        boolean schedule;
        synchronized (this) {
            schedule = !pumping && !sending && !scheduled;
            scheduled |= schedule;
        }
        if (schedule) {
            sender.execute(this::pump);
        }
    }

    private void pump() {
        synchronized (this) {
            scheduled = false;
            if (pumping) {
                return;
            }
            pumping = true;
        }
        while (true) {
            String next;
            synchronized (this) {
                next = (sending || closed) ? null : queue.poll();
                if (next == null) {
                    pumping = false;
                    return;
                }
                sending = true;
            }
            transport.send(next, this::sent, this::failed);
        }
    }

    private void sent() {
        synchronized (this) {
            sending = false;
        }
        pump();
    }

    private void failed(Throwable error) {
        synchronized (this) {
            sending = false;
            closed = true;
            queue.clear();
        }
        LOG.debug("WebSocket client {}: send failed, dropping it", name, error);
    }

    /** Stops sending; queued messages are dropped. Idempotent. */
    public void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
    }

    /** Whether the outbox has been closed, by {@link #close()}, overflow or a failed send. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Messages waiting behind the one in flight. */
    public synchronized int queued() {
        return queue.size();
    }

    @Override
    public String toString() {
        return "ClientOutbox[" + name + "]";
    }
}
