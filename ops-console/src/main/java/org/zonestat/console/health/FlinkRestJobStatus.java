package org.zonestat.console.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The job's state from a Flink cluster's REST API (the JobManager's {@code rest.port}): the job is
 * the one named {@code jobName} in {@code /jobs/overview} (a running one first, else the latest
 * started); its restarts in the last hour are the failures in {@code /jobs/{id}/exceptions} with a
 * timestamp in the last hour; the latest completed checkpoint comes from {@code
 * /jobs/{id}/checkpoints}. A cluster that does not answer is {@link JobState#UNREACHABLE}.
 *
 * <p>Thread-safe.
 */
public final class FlinkRestJobStatus implements JobStatusSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI rest;
    private final String jobName;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param rest the REST API's base URL, e.g. {@code http://127.0.0.1:8081/}
     * @param jobName the job's name, e.g. {@code zonestat-zone-tagging}
     * @param clock what "the last hour" is measured against
     */
    public FlinkRestJobStatus(URI rest, String jobName, Clock clock) {
        String base = Objects.requireNonNull(rest, "rest").toString();
        this.rest = URI.create(base.endsWith("/") ? base : base + "/");
        this.jobName = Objects.requireNonNull(jobName, "jobName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public JobStatus current() {
        String source = "flink-rest " + rest;
        try {
            JsonNode job = find(get("jobs/overview").path("jobs"));
            if (job == null) {
                return new JobStatus(
                        JobState.NOT_FOUND, null, 0, null, "no job named " + jobName, source);
            }
            String id = job.path("jid").asText();
            Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
            int restarts = 0;
            for (JsonNode e :
                    get("jobs/" + id + "/exceptions").path("exceptionHistory").path("entries")) {
                if (Instant.ofEpochMilli(e.path("timestamp").asLong()).isAfter(hourAgo)) {
                    restarts++;
                }
            }
            JsonNode completed =
                    get("jobs/" + id + "/checkpoints").path("latest").path("completed");
            Instant checkpoint =
                    completed.hasNonNull("latest_ack_timestamp")
                            ? Instant.ofEpochMilli(completed.path("latest_ack_timestamp").asLong())
                            : null;
            return new JobStatus(
                    JobState.fromFlink(job.path("state").asText()),
                    id,
                    restarts,
                    checkpoint,
                    null,
                    source);
        } catch (IOException e) {
            return new JobStatus(JobState.UNREACHABLE, null, 0, null, e.toString(), source);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JobStatus(JobState.UNREACHABLE, null, 0, null, "interrupted", source);
        }
    }

    /** The job named {@code jobName}: a non-terminal one first, else the latest started. */
    private JsonNode find(JsonNode jobs) {
        JsonNode best = null;
        for (JsonNode j : jobs) {
            if (!jobName.equals(j.path("name").asText())) {
                continue;
            }
            boolean live = !isTerminal(j.path("state").asText());
            if (best == null
                    || live && isTerminal(best.path("state").asText())
                    || live == !isTerminal(best.path("state").asText())
                            && j.path("start-time").asLong() > best.path("start-time").asLong()) {
                best = j;
            }
        }
        return best;
    }

    private static boolean isTerminal(String state) {
        return state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(rest.resolve(path)).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode());
        }
        return json.readTree(r.body());
    }
}
