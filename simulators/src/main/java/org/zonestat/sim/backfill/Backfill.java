package org.zonestat.sim.backfill;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.mapping.RecordAdapter;
import org.zonestat.sim.mapping.RecordSink;
import org.zonestat.sim.mapping.Rejection;

/**
 * Streams one input file through its adapter into a topic, record by record and as fast as the
 * publisher takes them, keeping the source's ids and event times; reports progress and returns a
 * {@link BackfillSummary}. Rows the adapter cannot read are counted and the first {@value
 * BackfillSummary#LISTED} kept; they never stop the backfill. Memory does not grow with the file.
 *
 * <p>One {@link #run} at a time.
 */
public final class Backfill {
    private final RecordAdapter adapter;
    private final RecordPublisher publisher;
    private final String topic;
    private final boolean timeOrder;

    /**
     * @param timeOrder publish in event-time order (stable for equal times) after reading the whole
     *     input, as a live feed would deliver the records; otherwise stream them in file order
     */
    public Backfill(
            RecordAdapter adapter, RecordPublisher publisher, String topic, boolean timeOrder) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.timeOrder = timeOrder;
    }

    /** A backfill in event-time order. */
    public Backfill(RecordAdapter adapter, RecordPublisher publisher, String topic) {
        this(adapter, publisher, topic, true);
    }

    /**
     * Reads {@code in} (of {@code totalBytes}, for the share-of-file figure; 0 if unknown),
     * publishes every record and waits until all are stored.
     *
     * @throws IllegalStateException if records could not be published
     * @throws org.zonestat.sim.mapping.InvalidInputException if the input as a whole cannot be read
     */
    public BackfillSummary run(
            InputStream in, String name, long totalBytes, ProgressReporter progress) {
        CountingInputStream counting = new CountingInputStream(in);
        long[] counts = new long[3]; // good rows, rejected rows, records
        List<Rejection> first = new ArrayList<>();
        List<RawEvent> held = new ArrayList<>();
        adapter.read(
                counting,
                name,
                new RecordSink() {
                    @Override
                    public void accepted(List<RawEvent> records) {
                        counts[0]++;
                        if (timeOrder) {
                            held.addAll(records);
                            return;
                        }
                        for (RawEvent r : records) {
                            publisher.send(topic, r);
                            counts[2]++;
                        }
                        progress.update(counts[2], counting.bytesRead(), totalBytes);
                    }

                    @Override
                    public void rejected(Rejection rejection) {
                        counts[1]++;
                        if (first.size() < BackfillSummary.LISTED) {
                            first.add(rejection);
                        }
                    }
                });
        if (timeOrder) {
            held.sort(Comparator.comparing(RawEvent::occurredAt));
            for (RawEvent r : held) {
                publisher.send(topic, r);
                counts[2]++;
                progress.update(
                        counts[2],
                        totalBytes == 0 ? 0 : totalBytes * counts[2] / held.size(),
                        totalBytes);
            }
        }
        publisher.flush();
        Duration elapsed = progress.finish(counts[2]);
        return new BackfillSummary(counts[0], counts[1], counts[2], first, elapsed);
    }
}
