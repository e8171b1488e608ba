package org.zonestat.console.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Where in each partition records of a time lie: per partition, blocks of consecutive offsets with
 * the least and greatest record timestamp in each, so that a replay reads only the blocks whose
 * records can fall in its range instead of everything after {@code offsetsForTimes(from)}.
 *
 * <p>How it works. A follower ({@link EventTimeIndexer}) hands over every record's offset and
 * timestamp in partition order ({@link #add}) and, after each read, the offset it will read next
 * ({@link #indexedTo}). Records go into the partition's open block; when it holds {@code
 * blockRecords}, the next record opens a new block. A block spans the offsets from its first record
 * to the first record of the next block, so the offsets between records (transaction markers,
 * aborted records) belong to a block and consecutive blocks touch; the open block spans up to the
 * indexed end. {@link #covering} returns the stretches of offsets whose blocks overlap a time
 * range, touching blocks merged into one stretch, and the indexed end: what lies at or after it is
 * not indexed yet, and a reader reads it as if there were no index.
 *
 * <p>Memory: four longs per block, so 10 million records in blocks of 4,096 take about 2,500 blocks
 * (80 KB).
 *
 * <p>Thread-safe: one follower writes a partition while any number of readers query it; a query
 * sees the partition as it was between two writes.
 */
public final class EventTimeIndex {
    /** Records per block unless told otherwise. */
    public static final int DEFAULT_BLOCK_RECORDS = 4096;

    private final int blockRecords;
    private final Map<TopicPartition, PartitionBlocks> partitions = new ConcurrentHashMap<>();

    public EventTimeIndex() {
        this(DEFAULT_BLOCK_RECORDS);
    }

    /**
     * @param blockRecords records per block: fewer make a replay read less and the index larger
     */
    public EventTimeIndex(int blockRecords) {
        if (blockRecords < 1) {
            throw new IllegalArgumentException("blockRecords must be >= 1, was " + blockRecords);
        }
        this.blockRecords = blockRecords;
    }

    /**
     * Offsets {@code [from, to)} of one partition.
     *
     * @param from first offset
     * @param to offset after the last
     */
    public record Stretch(long from, long to) {
        public Stretch {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException(
                        "a stretch runs from an offset >= 0 to one not before it, was ["
                                + from
                                + ", "
                                + to
                                + ")");
            }
        }

        public long records() {
            return to - from;
        }
    }

    /**
     * What the index knows of a partition for a time range.
     *
     * @param stretches the indexed offsets whose records may have a timestamp in the range, in
     *     offset order, none touching another
     * @param indexedEnd the first offset not indexed yet (0 when nothing is)
     */
    public record Coverage(List<Stretch> stretches, long indexedEnd) {
        public Coverage {
            stretches = List.copyOf(stretches);
        }
    }

    /**
     * Indexes the record at {@code offset} with its {@code timestamp}; offsets of a partition come
     * in increasing order, an offset already indexed is ignored.
     */
    public void add(TopicPartition partition, long offset, long timestamp) {
        blocks(partition).add(offset, timestamp);
    }

    /**
     * The follower will read {@code partition} from {@code nextOffset} on: all before is indexed.
     */
    public void indexedTo(TopicPartition partition, long nextOffset) {
        blocks(partition).indexedTo(nextOffset);
    }

    /** Forgets {@code partition} (it was deleted and made again, or its log was cut). */
    public void reset(TopicPartition partition) {
        partitions.remove(partition);
    }

    /** The first offset of {@code partition} not indexed yet; 0 when nothing is. */
    public long indexedEnd(TopicPartition partition) {
        PartitionBlocks b = partitions.get(partition);
        return b == null ? 0 : b.indexedEnd();
    }

    /**
     * The indexed offsets of {@code partition} that may hold a record whose timestamp lies in
     * {@code [minTimestamp, maxTimestamp]} (both inclusive), and the indexed end.
     */
    public Coverage covering(TopicPartition partition, long minTimestamp, long maxTimestamp) {
        PartitionBlocks b = partitions.get(partition);
        return b == null ? new Coverage(List.of(), 0) : b.covering(minTimestamp, maxTimestamp);
    }

    /** Blocks in the index, open ones included. */
    public int blocks() {
        return partitions.values().stream().mapToInt(PartitionBlocks::blockCount).sum();
    }

    /** Records indexed. */
    public long records() {
        return partitions.values().stream().mapToLong(PartitionBlocks::records).sum();
    }

    private PartitionBlocks blocks(TopicPartition partition) {
        return partitions.computeIfAbsent(partition, p -> new PartitionBlocks(blockRecords));
    }

    /** One partition's blocks: closed ones in parallel arrays, then the open one. */
    private static final class PartitionBlocks {
        private final int blockRecords;
        // Closed block i spans [first[i], first[i + 1]), the last closed one up to openFirst.
        private long[] first = new long[8];
        private long[] min = new long[8];
        private long[] max = new long[8];
        private int closed;
        private long closedRecords;
        private long openFirst = -1;
        private long openMin;
        private long openMax;
        private int openRecords;
        private long indexedEnd;

        PartitionBlocks(int blockRecords) {
            this.blockRecords = blockRecords;
        }

        synchronized void add(long offset, long timestamp) {
            if (offset < indexedEnd) {
                return;
            }
            if (openRecords == blockRecords) {
                close();
            }
            if (openRecords == 0) {
                openFirst = offset;
                openMin = timestamp;
                openMax = timestamp;
            } else {
                openMin = Math.min(openMin, timestamp);
                openMax = Math.max(openMax, timestamp);
            }
            openRecords++;
            indexedEnd = offset + 1;
        }

        private void close() {
            if (closed == first.length) {
                first = Arrays.copyOf(first, closed * 2);
                min = Arrays.copyOf(min, closed * 2);
                max = Arrays.copyOf(max, closed * 2);
            }
            first[closed] = openFirst;
            min[closed] = openMin;
            max[closed] = openMax;
            closed++;
            closedRecords += openRecords;
            openRecords = 0;
        }

        synchronized void indexedTo(long nextOffset) {
            indexedEnd = Math.max(indexedEnd, nextOffset);
        }

        synchronized long indexedEnd() {
            return indexedEnd;
        }

        synchronized int blockCount() {
            return closed + (openRecords > 0 ? 1 : 0);
        }

        synchronized long records() {
            return closedRecords + openRecords;
        }

        synchronized Coverage covering(long minTimestamp, long maxTimestamp) {
            List<Stretch> out = new ArrayList<>();
            for (int i = 0; i < closed; i++) {
                if (min[i] <= maxTimestamp && max[i] >= minTimestamp) {
                    long to = i + 1 < closed ? first[i + 1] : openFirst;
                    append(out, first[i], to);
                }
            }
            if (openRecords > 0 && openMin <= maxTimestamp && openMax >= minTimestamp) {
                append(out, openFirst, indexedEnd);
            }
            return new Coverage(out, indexedEnd);
        }

        private static void append(List<Stretch> out, long from, long to) {
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).to() == from) {
                out.set(last, new Stretch(out.get(last).from(), to));
            } else {
                out.add(new Stretch(from, to));
            }
        }
    }
}
