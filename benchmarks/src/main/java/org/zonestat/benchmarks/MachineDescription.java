package org.zonestat.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a benchmark ran on, as printed in a results file: processors, CPU model and memory
 * (from {@code /proc} on Linux, else what the JVM knows), JVM, OS.
 *
 * <p>Immutable; thread-safe.
 */
public record MachineDescription(
        int processors, String cpuModel, String memory, String jvm, String os) {

    /** This machine. */
    public static MachineDescription current() {
        return new MachineDescription(
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                readMemory(),
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version")
                        + ", max heap "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                        + " MiB",
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"));
    }

    /** The first line of {@code /proc/loadavg}, or {@code n/a}. */
    public static String loadAverage() {
        List<String> lines = lines(Path.of("/proc/loadavg"));
        return lines.isEmpty() ? "n/a" : lines.get(0).trim();
    }

    private static String readCpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String readMemory() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kib / (1024.0 * 1024.0));
            }
        }
        return "n/a";
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of(); // not Linux
        }
    }
}
