package org.zonestat.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Samples how many records a topic holds (the sum of its partitions' end offsets) every {@code
 * period}, on its own thread, from {@link #start} to {@link #close}: the output side of a
 * throughput run seen from outside the job, without consuming (and paying for) every record. For a
 * topic written without transactions (the job's at-least-once {@code events}) the end offset is the
 * record count.
 *
 * <p>{@link #samples} may be read from any thread; it returns a copy.
 */
final class EndOffsetSampler implements AutoCloseable {
    /** One observation: {@link System#nanoTime()} and the record count then. */
    record Sample(long nanos, long records) {}

    private final String bootstrap;
    private final String topic;
    private final Duration period;
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;

    EndOffsetSampler(String bootstrap, String topic, Duration period) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.period = period;
    }

    EndOffsetSampler start() {
        running = true;
        thread = new Thread(this::loop, "end-offsets-" + topic);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void loop() {
        try (Admin admin =
                Admin.create(
                        java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (running) {
                long records = PipelineSetup.endOffsets(admin, topic);
                synchronized (samples) {
                    samples.add(new Sample(System.nanoTime(), records));
                }
                LockSupport.parkNanos(period.toNanos());
            }
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The latest count, 0 before the first sample. */
    long latest() {
        synchronized (samples) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).records();
        }
    }

    /** Stops sampling after one more sample, waiting at most a few seconds. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
