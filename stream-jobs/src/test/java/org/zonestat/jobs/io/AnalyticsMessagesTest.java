package org.zonestat.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.ContactChannel;
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.RiskHalo;
import org.zonestat.jobs.model.ZoneDayStats;

/**
 * The analytics outputs on their topics: key, record timestamp and JSON, as the job writes them.
 */
class AnalyticsMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2019-10-18T14:00:00Z");
    private static final Map<String, String> ZONES =
            Map.of("vri-zones", "Penn North", "neighborhoods", "Penn North");

    @Test
    void anOverdueAlertHasNullNearRepeatFieldsAndIsKeyedByItsId() throws Exception {
        Alert a =
                new Alert(
                        "overdue-311/19-1/" + T,
                        AlertType.OVERDUE_311,
                        T,
                        "19-1",
                        null,
                        "HCD-Illegal Dumping",
                        -76.64,
                        39.30,
                        ZONES,
                        T,
                        Double.NaN,
                        true);
        ProducerRecord<byte[], byte[]> r =
                MessageSerializationSchema.of("alerts", TopicMessages::alert)
                        .serialize(a, null, null);
        JsonNode n = JSON.readTree(r.value());

        assertThat(r.topic()).isEqualTo("alerts");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(a.alertId());
        assertThat(r.timestamp()).isEqualTo(T.toEpochMilli());
        assertThat(n.get("type").asText()).isEqualTo("overdue-311");
        assertThat(n.get("dueAt").asText()).isEqualTo("2019-10-18T14:00:00Z");
        assertThat(n.get("distanceMeters").isNull()).isTrue();
        assertThat(n.get("relatedId").isNull()).isTrue();
        assertThat(n.get("priority").asBoolean()).isTrue();
        assertThat(n.get("zones").get("vri-zones").asText()).isEqualTo("Penn North");
    }

    @Test
    void aNotificationNamesItsChannelButCarriesNoContactDetails() throws Exception {
        Notification x =
                new Notification(
                        "close-loop/19-2/" + T,
                        "19-2",
                        "SW-Dirty Alley",
                        "Closed (Duplicate)",
                        T.minusSeconds(86_400),
                        T,
                        1.0,
                        T,
                        true,
                        false,
                        ContactChannel.NONE,
                        ZONES);
        JsonNode n =
                JSON.readTree(
                        MessageSerializationSchema.of("notifications", TopicMessages::notification)
                                .serialize(x, null, null)
                                .value());

        assertThat(n.get("channel").asText()).isEqualTo("none");
        assertThat(n.get("outcome").asText()).isEqualTo("Closed (Duplicate)");
        assertThat(n.get("daysOpen").asDouble()).isEqualTo(1.0);
        assertThat(n.fieldNames()).toIterable().doesNotContain("phone", "email", "name");
    }

    @Test
    void zoneStatsAreKeyedByLayerZoneAndDayAndHalosAreTypedForTheHotspotsTopic() throws Exception {
        ZoneDayStats s =
                new ZoneDayStats(
                        "vri-zones",
                        "Penn North",
                        "2019-10-18",
                        T,
                        T.plusSeconds(86_400),
                        1,
                        2,
                        3,
                        4,
                        5,
                        6);
        ProducerRecord<byte[], byte[]> r =
                MessageSerializationSchema.of("zone-stats", TopicMessages::zoneStats)
                        .serialize(s, null, null);
        assertThat(new String(r.key(), StandardCharsets.UTF_8))
                .isEqualTo("vri-zones/Penn North/2019-10-18");
        JsonNode n = JSON.readTree(r.value());
        assertThat(n.get("shootings").asLong()).isEqualTo(2);
        assertThat(n.get("tips").asLong()).isEqualTo(6);
        assertThat(n.get("medianDaysToClose").isNull()).as("no request closed that day").isTrue();
        ZoneDayStats withWorkload =
                new ZoneDayStats(
                        "vri-zones",
                        "Penn North",
                        "2019-10-18",
                        T,
                        T.plusSeconds(86_400),
                        0,
                        0,
                        0,
                        0,
                        1,
                        0,
                        2,
                        1.5,
                        -1,
                        2,
                        7,
                        3);
        JsonNode w =
                JSON.readTree(
                        MessageSerializationSchema.of("zone-stats", TopicMessages::zoneStats)
                                .serialize(withWorkload, null, null)
                                .value());
        assertThat(w.get("requestsOverdue").asLong()).isEqualTo(2);
        assertThat(w.get("medianDaysToClose").asDouble()).isEqualTo(1.5);
        assertThat(w.get("openAtEnd").asLong()).isEqualTo(7);
        assertThat(w.get("overdueAtEnd").asLong()).isEqualTo(3);

        RiskHalo h =
                new RiskHalo(
                        "halo/e1",
                        "e1",
                        "SHOOTING",
                        -76.64,
                        39.30,
                        400,
                        T,
                        T.plusSeconds(60),
                        ZONES);
        JsonNode halo =
                JSON.readTree(
                        MessageSerializationSchema.of("hotspots", TopicMessages::halo)
                                .serialize(h, null, null)
                                .value());
        assertThat(halo.get("type").asText()).isEqualTo("risk-halo");
        assertThat(halo.get("radiusMeters").asDouble()).isEqualTo(400);
        assertThat(halo.get("expiresAt").asText()).isEqualTo(T.plusSeconds(60).toString());
    }
}
