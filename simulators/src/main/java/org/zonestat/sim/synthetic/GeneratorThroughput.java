package org.zonestat.sim.synthetic;

import java.util.Locale;

/**
 * Measures how many records per second the synthetic city generates on one thread (JSON text
 * included, no Kafka): {@code GeneratorThroughput [records] [seed]}. A plain main, not a benchmark
 * harness: it warms up once, then times one run and prints the figure.
 */
public final class GeneratorThroughput {
    private GeneratorThroughput() {}

    public static void main(String[] args) {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        double perSecond = measure(records, seed);
        System.out.printf(
                Locale.ROOT,
                "synthetic city: %,d records in one thread, %,.0f records/s%n",
                records,
                perSecond);
    }

    /**
     * Generates {@code records} after a warm-up of a quarter as many; returns records per second.
     */
    public static double measure(long records, long seed) {
        run(Math.max(1, records / 4), seed + 1);
        long start = System.nanoTime();
        long checksum = run(records, seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (checksum == 42) {
            System.out.print(""); // keeps the work observable
        }
        return records / seconds;
    }

    private static long run(long records, long seed) {
        SyntheticCity city =
                new SyntheticCity(SyntheticCityOptions.builder(seed).count(records).build());
        long sum = 0;
        while (city.hasNext()) {
            sum += city.next().json().length();
        }
        return sum;
    }
}
