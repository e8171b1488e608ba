package org.zonestat.sim.mapping;

import java.util.List;
import org.zonestat.sim.RawEvent;

/**
 * Receives what a {@link RecordAdapter} makes of its input, one input record at a time: either the
 * raw records it became (one, or several for a request's lifecycle), or a {@link Rejection}. Every
 * input record produces exactly one call, so {@code rows = accepted + rejected}.
 *
 * <p>Implementations are called from the reading thread only.
 */
public interface RecordSink {
    /** A record that was read: the raw records it became, in event-time order. */
    void accepted(List<RawEvent> records);

    /** A record that could not be read, with where and why. */
    void rejected(Rejection rejection);
}
