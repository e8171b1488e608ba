package org.zonestat.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of this JVM (the {@code profile} settings: a CPU sample of every running Java
 * thread every 10 ms) over a measured phase, summed into its hottest frames: the methods at the top
 * of the sampled stacks, the first product ({@code org.zonestat}) method on them, and the threads
 * they ran on (digits dropped, so a pool counts as one).
 *
 * <p>Not thread-safe: one thread starts and stops it.
 */
final class JfrProfile {
    /**
     * One row of the summary.
     *
     * @param view {@code top frame}, {@code first org.zonestat frame} or {@code thread}
     * @param name the method ({@code class.method}) or thread name
     * @param samples samples it was in
     * @param share its share of all samples, 0..1
     */
    record Frame(String view, String name, long samples, double share) {}

    static final String TOP = "top frame";
    static final String PRODUCT = "first org.zonestat frame";
    static final String THREAD = "thread";

    private final Recording recording;
    private final Path file;

    private JfrProfile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts recording; {@link #stop} writes {@code file}. */
    static JfrProfile start(Path file) throws IOException, ParseException {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.start();
        return new JfrProfile(r, file);
    }

    /** Stops, and returns the {@code n} hottest of each view. */
    List<Frame> stop(int n) throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> product = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                    || e.getStackTrace() == null
                    || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            top.merge(name(frames.get(0)), 1L, Long::sum);
            frames.stream()
                    .filter(f -> f.getMethod().getType().getName().startsWith("org.zonestat."))
                    .findFirst()
                    .ifPresent(f -> product.merge(name(f), 1L, Long::sum));
            String thread = e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1L, Long::sum);
        }
        List<Frame> out = new ArrayList<>();
        add(out, TOP, top, samples, n);
        add(out, PRODUCT, product, samples, n);
        add(out, THREAD, threads, samples, n);
        return out;
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static void add(
            List<Frame> out, String view, Map<String, Long> counts, long samples, int n) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .forEach(
                        e ->
                                out.add(
                                        new Frame(
                                                view,
                                                e.getKey(),
                                                e.getValue(),
                                                samples == 0
                                                        ? 0
                                                        : (double) e.getValue() / samples)));
    }
}
