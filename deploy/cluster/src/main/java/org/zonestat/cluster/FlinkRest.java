package org.zonestat.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A small client of the Flink JobManager's REST API: cluster overview, jar upload and run, job and
 * checkpoint status, stop-with-savepoint. Every call fails with an exception naming the endpoint
 * and the answer. Thread-safe.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(URI base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    public URI base() {
        return base;
    }

    /** {@code GET /overview}: task managers, slots, running jobs. */
    public JsonNode overview() {
        return get("/overview");
    }

    /** Uploads a job jar; returns the id to run it by. */
    public String uploadJar(Path jar) {
        String boundary = "zonestat-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(
                    ("--"
                                    + boundary
                                    + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                    + jar.getFileName()
                                    + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job jar " + jar, e);
        }
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve("/jars/upload"))
                        .timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build();
        String file = send(request, "/jars/upload").path("filename").asText();
        if (file.isEmpty()) {
            throw new IllegalStateException("Flink accepted the jar " + jar + " but named no file");
        }
        return Path.of(file).getFileName().toString();
    }

    /**
     * Runs an uploaded jar ({@code POST /jars/{id}/run}); returns the job id.
     *
     * @param savepointPath a savepoint or retained checkpoint to restore, or null for a fresh start
     */
    public String runJar(
            String jarId,
            String entryClass,
            List<String> programArgs,
            int parallelism,
            String savepointPath) {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.putPOJO("programArgsList", programArgs);
        body.put("parallelism", parallelism);
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
            body.put("allowNonRestoredState", false);
        }
        String path = "/jars/" + jarId + "/run";
        String jobId =
                send(post(path, body).timeout(Duration.ofMinutes(2)).build(), path)
                        .path("jobid")
                        .asText();
        if (jobId.isEmpty()) {
            throw new IllegalStateException(
                    "Flink ran the jar " + jarId + " but returned no job id");
        }
        return jobId;
    }

    /** {@code GET /jobs/{id}}: state, vertices and their task states. */
    public JsonNode job(String jobId) {
        return get("/jobs/" + jobId);
    }

    /** {@code GET /jobs/{id}/checkpoints}: counts, latest completed and restored checkpoint. */
    public JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** {@code GET /jobs/{id}/exceptions}: the failures the job restarted from, newest first. */
    public JsonNode exceptions(String jobId) {
        return get("/jobs/" + jobId + "/exceptions");
    }

    /** The task managers running at least one task of a job vertex. */
    public JsonNode vertexTaskManagers(String jobId, String vertexId) {
        return get("/jobs/" + jobId + "/vertices/" + vertexId + "/taskmanagers");
    }

    /** Whether the job is RUNNING with every task RUNNING. */
    public boolean fullyRunning(String jobId) {
        JsonNode job = job(jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode v : job.path("vertices")) {
            JsonNode tasks = v.path("tasks");
            if (tasks.path("RUNNING").asInt() != v.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops the job with a savepoint in the directory ({@code POST /jobs/{id}/stop}) and waits for
     * it; returns the savepoint's path.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout)
            throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", targetDirectory);
        body.put("drain", false);
        String path = "/jobs/" + jobId + "/stop";
        String trigger = send(post(path, body).build(), path).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode op = status.path("operation");
                if (op.has("failure-cause")) {
                    throw new IllegalStateException(
                            "the savepoint of job "
                                    + jobId
                                    + " failed: "
                                    + op.path("failure-cause")
                                            .path("stack-trace")
                                            .asText(op.toString()));
                }
                return op.path("location").asText();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "the savepoint of job " + jobId + " did not complete within " + timeout);
    }

    /** The id of the one job that is not finished, failed or canceled, if any. */
    public Optional<String> activeJob() {
        for (JsonNode j : get("/jobs").path("jobs")) {
            String status = j.path("status").asText();
            if (!List.of("FINISHED", "FAILED", "CANCELED").contains(status)) {
                return Optional.of(j.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private HttpRequest.Builder post(String path, JsonNode body) {
        try {
            return HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode get(String path) {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                path);
    }

    private JsonNode send(HttpRequest request, String path) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "Flink REST "
                                + request.method()
                                + " "
                                + path
                                + " answered "
                                + r.statusCode()
                                + ": "
                                + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Flink REST " + request.method() + " " + base.resolve(path) + " failed: " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Flink REST " + path, e);
        }
    }
}
