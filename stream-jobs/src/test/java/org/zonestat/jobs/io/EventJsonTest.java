package org.zonestat.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;

/** The {@code events} record shape. */
class EventJsonTest {
    private static final Instant AT = Instant.parse("2019-10-18T14:00:00Z");

    @Test
    void aRequestCarriesItsOwnDueTimeAndAnIncidentHasNone() {
        Instant due = Instant.parse("2019-10-25T14:00:00Z");
        JsonNode request =
                EventJson.toJson(
                        tagged(
                                new CityEvent(
                                        "request311/test/19-1/New@" + AT,
                                        EventStream.REQUEST311,
                                        "19-1",
                                        "test",
                                        "REQUEST_311",
                                        "HCD-Illegal Dumping",
                                        "New",
                                        AT,
                                        -76.64,
                                        39.30,
                                        "100 N CALVERT ST",
                                        due)));
        assertThat(request.get("dueAt").asText()).isEqualTo(due.toString());
        assertThat(request.get("status").asText()).isEqualTo("New");
        assertThat(request.get("zones").get("vri-zones").asText()).isEqualTo("Western");
        assertThat(request.get("layers").get("vri-zones").asInt()).isEqualTo(2);

        JsonNode incident =
                EventJson.toJson(
                        tagged(
                                new CityEvent(
                                        "incident/test/S1",
                                        EventStream.INCIDENT,
                                        "S1",
                                        "test",
                                        "SHOOTING",
                                        null,
                                        null,
                                        AT,
                                        -76.64,
                                        39.30,
                                        null,
                                        null)));
        assertThat(incident.has("dueAt")).isFalse();
        assertThat(incident.get("occurredAt").asText()).isEqualTo(AT.toString());
    }

    private static TaggedEvent tagged(CityEvent e) {
        return new TaggedEvent(
                e, "892aa84c537ffff", Map.of("vri-zones", "Western"), Map.of("vri-zones", 2));
    }
}
