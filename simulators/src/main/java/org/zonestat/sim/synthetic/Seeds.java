package org.zonestat.sim.synthetic;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from a seed and a path of numbers (SplitMix64 finalizer), so
 * that each synthetic record's randomness is a pure function of (seed, what it is, its index) and
 * not of what was drawn before it.
 *
 * <p>Stateless; thread-safe.
 */
final class Seeds {
    private Seeds() {}

    /** A well-mixed 64-bit hash of {@code a} and {@code b}. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom random(long seed, long stream, long index) {
        return new SplittableRandom(mix(mix(seed, stream), index));
    }
}
