package org.zonestat.sim.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.mapping.FeedMapping;
import org.zonestat.sim.mapping.InvalidInputException;

/**
 * An agency's activity log backfilled through a mapping: the shipped synthetic sample lands on
 * {@code activities.raw} with its kinds, places, counts and outcomes, and each outreach contact
 * reference only as the week's token, made with the city's contact key.
 */
class ActivityBackfillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE = "places/activities_sample_synthetic_2018.csv";

    @TempDir Path dir;

    private final ListPublisher publisher = new ListPublisher();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theSampleLogIsPublishedWithTokensInsteadOfContacts() throws IOException {
        Path input = dir.resolve("activities.csv");
        try (InputStream in = BaltimoreData.open(SAMPLE)) {
            Files.copy(in, input);
        }
        Path key = dir.resolve("secret/contact.key");
        int code =
                new BackfillCommand((bootstrap, load) -> publisher, Duration.ofMillis(500))
                        .run(
                                new String[] {
                                    "--no-wait",
                                    "--kind",
                                    "activities",
                                    "--input",
                                    input.toString(),
                                    "--mapping",
                                    "baltimore-activities-sample",
                                    "--contact-key",
                                    key.toString()
                                },
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.exists(key)).as("the key is created on first use").isTrue();
        assertThat(publisher.sent).hasSize(24).allMatch(s -> s.topic().equals("activities.raw"));
        Map<String, JsonNode> byId = new HashMap<>();
        for (ListPublisher.Sent s : publisher.sent) {
            assertThat(s.record().json()).doesNotContain("W-01", "W-02", "E-01", "contact_ref");
            JsonNode n = JSON.readTree(s.record().json());
            byId.put(n.get("id").asText(), n);
        }
        assertThat(byId.get("SYN-A001").get("kind").asText()).isEqualTo("SITE_VISIT");
        assertThat(byId.get("SYN-A001").get("occurredAt").asText())
                .isEqualTo("2018-07-02T14:00:00Z");
        JsonNode inspection = byId.get("SYN-A013");
        assertThat(inspection.get("kind").asText()).isEqualTo("INSPECTION");
        assertThat(inspection.get("placeId").asText()).isEqualTo("license/SYN-0061");
        assertThat(inspection.get("outcome").asText()).isEqualTo("violation: hours");
        assertThat(byId.get("SYN-A009").get("count").asInt()).isEqualTo(6);
        // W-01 on Monday and Thursday of one week: one token; the next Monday: another.
        String monday = byId.get("SYN-A002").get("contactToken").asText();
        assertThat(byId.get("SYN-A010").get("contactToken").asText()).isEqualTo(monday);
        assertThat(byId.get("SYN-A015").get("contactToken").asText()).isNotEqualTo(monday);
        assertThat(byId.get("SYN-A003").get("contactToken").asText()).isNotEqualTo(monday);
        assertThat(byId.get("SYN-A001").has("contactToken")).isFalse();
    }

    @Test
    void aContactColumnNeedsTheKeyAndOnlyAnActivityLogMayHaveOne() {
        FeedMapping sample = FeedMapping.shipped("baltimore-activities-sample");
        org.assertj.core.api.Assertions.assertThatThrownBy(sample::adapter)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--contact-key");
        java.util.Properties p = new java.util.Properties();
        p.putAll(
                Map.of(
                        "feed", "incidents",
                        "source", "s",
                        "time.column", "t",
                        "kind.constant", "SHOOTING",
                        "contact.column", "Victim"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> FeedMapping.fromProperties("bad", p))
                .hasMessageContaining("contact.column is for feed activities");
        p.putAll(Map.of("feed", "activities", "agency.constant", "BPD", "kind.constant", "PATROL"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> FeedMapping.fromProperties("bad", p))
                .hasMessageContaining("kind 'PATROL' is not one of");
        assertThat(List.of(FeedMapping.ACTIVITY_KINDS.toArray())).contains("SITE_VISIT");
    }
}
