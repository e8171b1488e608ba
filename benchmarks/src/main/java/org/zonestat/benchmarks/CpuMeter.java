package org.zonestat.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How loaded the machine was over an interval: the share of all CPUs busy and the share stolen by
 * the hypervisor (from the {@code cpu} line of {@code /proc/stat}), and how many CPUs this JVM used
 * on average (its process CPU time over wall time). Busy minus this JVM is what other processes
 * took. Outside Linux the machine shares are NaN.
 *
 * <p>Immutable snapshot; thread-safe.
 */
final class CpuMeter {
    /**
     * Over an interval: machine busy and stolen shares 0..1, and this process's average CPUs in
     * use.
     */
    record Usage(double machineBusy, double steal, double processCpus) {}

    private final long wallNanos;
    private final long processCpuNanos;
    private final long[] machine; // busy, steal, total jiffies; null when unavailable

    private CpuMeter(long wallNanos, long processCpuNanos, long[] machine) {
        this.wallNanos = wallNanos;
        this.processCpuNanos = processCpuNanos;
        this.machine = machine;
    }

    static CpuMeter start() {
        return new CpuMeter(System.nanoTime(), processCpuNanos(), machineJiffies());
    }

    /** Usage from this snapshot's time until now. */
    Usage sinceStart() {
        long wall = System.nanoTime() - wallNanos;
        double processCpus = (processCpuNanos() - processCpuNanos) / (double) wall;
        long[] now = machineJiffies();
        if (machine == null || now == null || now[2] == machine[2]) {
            return new Usage(Double.NaN, Double.NaN, processCpus);
        }
        double total = now[2] - machine[2];
        return new Usage((now[0] - machine[0]) / total, (now[1] - machine[1]) / total, processCpus);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** {busy, steal, total} jiffies of all CPUs; idle, iowait and steal count as not busy. */
    static long[] machineJiffies() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            return parseCpuLine(lines.get(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long[] parseCpuLine(String line) {
        String[] f = line.trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + line);
        }
        long total = 0;
        // user nice system idle iowait irq softirq steal (guest time is already in user)
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new long[] {total - idle - steal, steal, total};
    }
}
