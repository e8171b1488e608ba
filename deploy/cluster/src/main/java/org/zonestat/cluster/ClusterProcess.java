package org.zonestat.cluster;

import java.util.Objects;
import java.util.Optional;

/**
 * One JVM of the local cluster: its role ({@code kafka-1}, {@code jobmanager}, {@code
 * taskmanager-2}, {@code console}, ...), its process id and the port it serves on (Kafka's client
 * port, Flink's REST or RPC port, the console's HTTP port). Immutable.
 */
public record ClusterProcess(String role, long pid, int port) {
    public ClusterProcess {
        Objects.requireNonNull(role, "role");
    }

    /**
     * The live process, if this pid still runs and is the JVM this cluster started for the role.
     */
    public Optional<ProcessHandle> handle(String clusterMarker) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(
                        h ->
                                h.info()
                                        .commandLine()
                                        .map(
                                                c ->
                                                        c.contains(clusterMarker)
                                                                && c.contains(
                                                                        LocalCluster.ROLE_PROPERTY
                                                                                + "="
                                                                                + role
                                                                                + " "))
                                        .orElse(false));
    }

    /** Whether the process of this role is still running. */
    public boolean alive(String clusterMarker) {
        return handle(clusterMarker).isPresent();
    }
}
