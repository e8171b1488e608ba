package org.zonestat.sim.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.baltimore.BaltimoreData;

/** The Open311 GeoReport v2 specification's own examples, quirks included. */
class Open311JsonAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FOLDER = "open311/spec-examples/";

    @Test
    void theServiceRequestsExampleLoadsDespiteItsLeadingZeroNumbers() throws IOException {
        AdapterResult r = load("json-service-requests.json");

        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.problems()).isEmpty();
        assertThat(r.events()).hasSize(4);
        JsonNode closed = JSON.readTree(r.events().get(1).json());
        assertThat(closed.get("id").asText()).isEqualTo("638344");
        assertThat(closed.get("status").asText()).isEqualTo("Closed");
        assertThat(closed.get("serviceCode").asText())
                .as("the code keeps its leading zeros")
                .isEqualTo("006");
        assertThat(closed.get("type").asText()).isEqualTo("Sidewalk and Curb Issues");
        assertThat(closed.get("occurredAt").asText()).isEqualTo("2010-04-14T14:37:38Z");
        assertThat(closed.get("dueAt").asText()).isEqualTo("2010-04-15T14:37:38Z");
        assertThat(closed.get("lat").asDouble()).isEqualTo(37.762221815);
        assertThat(closed.get("lon").asDouble()).isEqualTo(-122.4651145);
        assertThat(closed.get("statusNotes").asText()).isEqualTo("Duplicate request.");
        assertThat(closed.has("media_url")).isFalse();
        JsonNode created = JSON.readTree(r.events().get(0).json());
        assertThat(created.get("status").asText()).isEqualTo("New");
        JsonNode open = JSON.readTree(r.events().get(3).json());
        assertThat(open.get("id").asText()).isEqualTo("638349");
        assertThat(open.get("status").asText()).isEqualTo("Open");
    }

    @Test
    void theSingleRequestExampleLoads() throws IOException {
        AdapterResult r = load("json-service-request.json");
        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.problems()).isEmpty();
        assertThat(r.events()).hasSize(2);
    }

    @Test
    void theErrorExampleIsReportedAfterItsHttpStatusLineIsStripped() throws IOException {
        AdapterResult r = load("json-errors.json");
        assertThat(r.events()).isEmpty();
        assertThat(r.problems())
                .containsExactly(
                        "json-errors.json:4: an Open311 error response, not a service "
                                + "request: code 403, Invalid api_key received -- can't proceed with create_request. "
                                + "(HTTP/1.1 403 Forbidden)");
    }

    @Test
    void payloadsThatAreNotServiceRequestsAreReportedPerElementWithTheirLine() throws IOException {
        assertThat(load("json-service-list.json").problems())
                .containsExactly(
                        "json-service-list.json:2: missing field 'service_request_id'",
                        "json-service-list.json:11: missing field 'service_request_id'",
                        "json-service-list.json:20: missing field 'service_request_id'");
        assertThat(load("json-service-definition.json").problems())
                .containsExactly(
                        "json-service-definition.json:1: missing field 'service_request_id'");
        assertThat(load("json-request-from-token.json").problems())
                .containsExactly(
                        "json-request-from-token.json:2: missing field 'service_name or service_code'");
        assertThat(load("json-service-request-post.json").problems())
                .containsExactly(
                        "json-service-request-post.json:2: missing field 'service_name or service_code'");
    }

    @Test
    void aBadRequestIsReportedAndTheOthersStillLoad() {
        String json =
                """
                [
                  {"service_request_id":"1","status":"open","service_name":"Pothole",
                   "requested_datetime":"2024-05-01T10:00:00-04:00","lat":39.3,"long":-76.6},
                  {"service_request_id":"2","status":"pending","service_name":"Pothole",
                   "requested_datetime":"2024-05-01T10:00:00-04:00"},
                  {"service_request_id":"3","status":"closed","service_name":"Pothole",
                   "requested_datetime":"last week"},
                  {"service_request_id":"4","status":"closed","service_code":"PH",
                   "requested_datetime":"2024-05-01T10:00:00","updated_datetime":"2024-05-03T09:00:00Z"}
                ]
                """;
        AdapterResult r =
                adapter()
                        .readAll(
                                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                                "x.json");
        assertThat(r.rows()).isEqualTo(4);
        assertThat(r.events()).hasSize(4);
        assertThat(r.problems())
                .containsExactly(
                        "x.json:4: status 'pending' is not open or closed",
                        "x.json:6: field 'requested_datetime': 'last week' matches none of the time formats [iso]");
        assertThat(r.events().get(3).json()).contains("\"closedAt\":\"2024-05-03T09:00:00Z\"");
    }

    @Test
    void theRepairKeepsLineNumbersAndStringsIntact() {
        LenientJson.Repaired r =
                LenientJson.repair(
                        "HTTP/1.1 200 OK\nContent-Type: x\n\n[{\"a\":007,\"b\":\"007\","
                                + "\"c\":0.5,\"d\":-01,\"e\":[01, 2]}]");
        assertThat(r.httpStatusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(r.json())
                .isEqualTo(
                        "\n\n\n[{\"a\":\"007\",\"b\":\"007\",\"c\":0.5,\"d\":\"-01\",\"e\":[\"01\", 2]}]");
        assertThat(r.quotedNumbers()).isEqualTo(3);
    }

    private static AdapterResult load(String file) throws IOException {
        try (InputStream in = BaltimoreData.open(FOLDER + file)) {
            AdapterResult r = adapter().readAll(in, file);
            System.out.printf(
                    "%s: %d requests -> %d records, %d reported%n",
                    file, r.rows() - r.problems().size(), r.events().size(), r.problems().size());
            r.problems().forEach(p -> System.out.println("  " + p));
            return r;
        }
    }

    private static RecordAdapter adapter() {
        return FeedMapping.shipped("open311-georeport-v2").adapter();
    }
}
