package org.zonestat.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads, every {@code period} while the job runs, how busy and how backpressured each job vertex (a
 * chain of operators) is, from the MiniCluster's REST API ({@code busyTimeMsPerSecond} and {@code
 * backPressuredTimeMsPerSecond}, averaged over the vertex's subtasks), and keeps their averages
 * over the samples taken while {@link #measuring} is set. The vertex that is busy near 1000 ms/s
 * while the ones before it are backpressured is what limits throughput.
 *
 * <p>Runs its own thread; {@link #averages} may be read from any thread.
 */
final class FlinkBusyProbe implements AutoCloseable {
    /** Averages for one vertex, in ms per second (0..1000). */
    record VertexLoad(
            String vertex, double busyMsPerSecond, double backPressuredMsPerSecond, int samples) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final String jobId;
    private final Duration period;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, double[]> sums =
            new LinkedHashMap<>(); // vertex -> busy, backpressured, n
    private volatile boolean running;
    private volatile boolean measuring;
    private Thread thread;

    FlinkBusyProbe(int restPort, String jobId, Duration period) {
        this.base = "http://127.0.0.1:" + restPort;
        this.jobId = jobId;
        this.period = period;
    }

    FlinkBusyProbe start() {
        running = true;
        thread = new Thread(this::loop, "flink-busy-probe");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Samples count only while this is true (e.g. between the first and the last output record).
     */
    void measuring(boolean on) {
        measuring = on;
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(period.toNanos());
            if (!measuring) {
                continue;
            }
            try {
                JsonNode job = get("/jobs/" + jobId);
                for (JsonNode v : job.path("vertices")) {
                    JsonNode metrics =
                            get(
                                    "/jobs/"
                                            + jobId
                                            + "/vertices/"
                                            + v.path("id").asText()
                                            + "/subtasks/metrics?get=busyTimeMsPerSecond,backPressuredTimeMsPerSecond");
                    double busy = Double.NaN;
                    double back = Double.NaN;
                    for (JsonNode m : metrics) {
                        if (m.path("id").asText().equals("busyTimeMsPerSecond")) {
                            busy = m.path("avg").asDouble(Double.NaN);
                        } else if (m.path("id").asText().equals("backPressuredTimeMsPerSecond")) {
                            back = m.path("avg").asDouble(Double.NaN);
                        }
                    }
                    if (!Double.isNaN(busy) && !Double.isNaN(back) && measuring) {
                        synchronized (sums) {
                            double[] s =
                                    sums.computeIfAbsent(
                                            v.path("name").asText(), k -> new double[3]);
                            s[0] += busy;
                            s[1] += back;
                            s[2]++;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The job may be finishing or the metrics not fetched yet: skip this sample.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " for " + path);
        }
        return JSON.readTree(r.body());
    }

    /** The averages per vertex, in the job graph's order. */
    java.util.List<VertexLoad> averages() {
        synchronized (sums) {
            return sums.entrySet().stream()
                    .map(
                            e ->
                                    new VertexLoad(
                                            e.getKey(),
                                            e.getValue()[0] / e.getValue()[2],
                                            e.getValue()[1] / e.getValue()[2],
                                            (int) e.getValue()[2]))
                    .toList();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
