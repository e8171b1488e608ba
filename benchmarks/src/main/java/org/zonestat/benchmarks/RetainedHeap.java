package org.zonestat.benchmarks;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Estimates the heap an object graph retains: used heap after full collections, before and after
 * building it (and using it once, so lazily built parts are counted), median of several rounds. An
 * estimate (within tens of kilobytes), not an exact count; good enough to compare indexes that
 * differ by megabytes. Not thread-safe; run it with nothing else allocating.
 */
public final class RetainedHeap {
    private RetainedHeap() {}

    /**
     * @param build makes the object graph
     * @param warm uses it once (e.g. a pass of lookups) before measuring
     * @param rounds number of rounds; the median is returned
     * @return retained bytes (never negative)
     */
    public static <T> long measure(Supplier<T> build, Consumer<T> warm, int rounds) {
        long[] sizes = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long before = usedAfterGc();
            T value = build.get();
            warm.accept(value);
            long after = usedAfterGc();
            Reference.reachabilityFence(value);
            sizes[r] = Math.max(0, after - before);
        }
        Arrays.sort(sizes);
        return sizes[rounds / 2];
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // Several collections until the figure settles (finalizers, soft references).
        for (int i = 0; i < 6; i++) {
            System.gc();
            long now = runtime.totalMemory() - runtime.freeMemory();
            if (Math.abs(now - used) < 1024) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
