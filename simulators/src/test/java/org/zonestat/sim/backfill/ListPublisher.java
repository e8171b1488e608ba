package org.zonestat.sim.backfill;

import java.util.ArrayList;
import java.util.List;
import org.zonestat.sim.RawEvent;

/** A {@link RecordPublisher} that keeps what it is sent, for tests. Not thread-safe. */
final class ListPublisher implements RecordPublisher {
    record Sent(String topic, RawEvent record) {}

    final List<Sent> sent = new ArrayList<>();
    boolean closed;

    @Override
    public void send(String topic, RawEvent record) {
        sent.add(new Sent(topic, record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        closed = true;
    }
}
