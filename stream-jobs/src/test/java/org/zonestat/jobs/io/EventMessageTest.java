package org.zonestat.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.topics.TopicCodec;

/** The {@code events} record shape, as the job writes it. */
class EventMessageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2019-10-18T14:00:00Z");

    @Test
    void aRequestCarriesItsOwnDueTimeAndAnIncidentHasNone() throws Exception {
        Instant due = Instant.parse("2019-10-25T14:00:00Z");
        JsonNode request =
                json(
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
                json(
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

    private static JsonNode json(TaggedEvent e) throws Exception {
        return JSON.readTree(TopicCodec.encode(TopicMessages.event(e)));
    }

    private static TaggedEvent tagged(CityEvent e) {
        return new TaggedEvent(
                e, "892aa84c537ffff", Map.of("vri-zones", "Western"), Map.of("vri-zones", 2));
    }
}
