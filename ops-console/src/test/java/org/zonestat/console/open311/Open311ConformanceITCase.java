package org.zonestat.console.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Point;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.Role;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.console.tipline.TipLineSettings;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.kafka.TopicContents;

/**
 * Every Open311 GeoReport v2 endpoint, in JSON and XML, against the spec: each answer has the
 * fields of the spec's own example payload for it (shipped in {@code simulators/.../open311/
 * spec-examples}, read leniently where the spec's JSON is not strict), the spec's content types and
 * UTF-8 XML declaration, ISO 8601 times with offsets, and each error is the spec's error array with
 * the right status. A posted request reaches {@code requests311.raw} without its contact details,
 * which reach {@code contacts} alone; no refused post leaves anything on a topic.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Open311ConformanceITCase {
    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static final Path EXAMPLES =
            Path.of(
                    "../simulators/src/main/resources/zonestat/data/baltimore/open311/spec-examples");
    private static final ObjectMapper LENIENT =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS).build();
    private static final Instant NOW = Instant.parse("2019-10-18T14:00:00Z");
    private static final String KEY = "open311-key-0001";
    private static final String FLOOD_KEY = "open311-flood-0001";
    private static final String ANALYST = "open311-analyst-0001";
    private static final String RAW = "requests311.raw.conf";
    private static final String CONTACTS = "contacts.conf";
    private static final String EVENTS = "events.conf";

    private static OpsConsole.Running console;
    private static double lat;
    private static double lon;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        for (String t : List.of(RAW, CONTACTS, EVENTS, "tips.raw.conf", "tip-line.conf")) {
            KAFKA.broker().createTopic(t, 1, Map.of());
        }
        Point p =
                ZoneCatalog.load(CityProfiles.shipped("baltimore").layers())
                        .layer("vri-zones")
                        .orElseThrow()
                        .zone(0)
                        .geometry()
                        .getInteriorPoint();
        lat = p.getY();
        lon = p.getX();
        // Two requests as the job writes them to events: SR-1 closed, SR-2 open with an address.
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(
                    new ProducerRecord<>(
                            EVENTS, "e1", event("SR-1", "New", "2019-10-01T14:00:00Z", null)));
            producer.send(
                    new ProducerRecord<>(
                            EVENTS, "e2", event("SR-1", "Closed", "2019-10-03T15:30:00Z", null)));
            producer.send(
                    new ProducerRecord<>(
                            EVENTS,
                            "e3",
                            event("SR-2", "New", "2019-10-10T12:00:00Z", "1600 W NORTH AVE")));
        }
        console = startConsole(Map.of(KEY, Role.PUBLIC, ANALYST, Role.ANALYST), 1000);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> console.scorecards().requests().size() == 2);
    }

    /** A console on this class's topics, whose api_keys may each post {@code perKey} times. */
    private static OpsConsole.Running startConsole(Map<String, Role> tokens, int perKey) {
        return OpsConsole.builder()
                .bootstrapServers(KAFKA.bootstrapServers())
                .port(0)
                .eventsTopic(EVENTS)
                .analyticsTopics(null, null)
                .zonesTopic(null)
                .tokens(AccessTokens.of(tokens))
                .config(ConsoleConfig.defaults().withWarmUpZones(false))
                .huddle(
                        HuddleSettings.defaults()
                                .withTopics(
                                        "zone-stats.conf", "hotspots.conf", "action-items.conf"))
                .open311(
                        Open311Settings.defaults()
                                .withTopics(RAW, CONTACTS)
                                .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                                .withRateLimits(perKey, 1000, Duration.ofMinutes(10)))
                .tipLine(TipLineSettings.defaults().withTopics("tips.raw.conf", "tip-line.conf"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    private static String event(String id, String status, String at, String address) {
        return "{\"eventId\":\"request311/311/"
                + id
                + "/"
                + status
                + "@"
                + at
                + "\",\"stream\":\"request311\","
                + "\"kind\":\"REQUEST_311\",\"type\":\"SW-Dirty Alley\",\"status\":\""
                + status
                + "\","
                + "\"recordId\":\""
                + id
                + "\",\"source\":\"311\",\"occurredAt\":\""
                + at
                + "\","
                + "\"lon\":"
                + lon
                + ",\"lat\":"
                + lat
                + ",\"h3\":\"89283082803ffff\","
                + "\"zones\":{\"vri-zones\":\"Western\"},\"layers\":{\"vri-zones\":1}"
                + (address == null ? "" : ",\"address\":\"" + address + "\"")
                + "}";
    }

    // --- Field lists against the spec's examples -----------------------------------------------

    @ParameterizedTest(name = "{0} has the fields of {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET /open311/v2/services.json | json-service-list.json",
                "GET /open311/v2/services/HCD-VACANT-BUILDING.json | json-service-definition.json",
                "GET /open311/v2/requests/SR-2.json | json-service-request.json",
                "GET /open311/v2/requests.json?service_request_id=SR-1,SR-2 | json-service-requests.json",
                "GET /open311/v2/tokens/SR-2.json | json-request-from-token.json",
                "POST /open311/v2/requests.json | json-service-request-post.json",
                "POST /open311/v2/requests.json?bad | json-errors.json",
                "GET /open311/discovery.json | json-discovery.json",
            })
    void each_json_answer_has_the_fields_of_the_spec_example(String endpoint, String example)
            throws Exception {
        HttpResponse<String> r = call(endpoint);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo("application/json;charset=utf-8");
        JsonNode ours = new ObjectMapper().readTree(r.body());
        JsonNode spec =
                LENIENT.readTree(withoutStatusLine(Files.readString(EXAMPLES.resolve(example))));
        assertThat(ours.isArray()).isEqualTo(spec.isArray());
        assertThat(jsonPaths(ours)).isEqualTo(jsonPaths(spec));
    }

    @ParameterizedTest(name = "{0} has the elements of {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET /open311/v2/services.xml | xml-service-list.xml",
                "GET /open311/v2/services/HCD-VACANT-BUILDING.xml | xml-service-definition.xml",
                "GET /open311/v2/requests/SR-2.xml | xml-service-request.xml",
                "GET /open311/v2/requests.xml?service_request_id=SR-1,SR-2 | xml-service-requests.xml",
                "GET /open311/v2/tokens/SR-2.xml | xml-request-from-token.xml",
                "POST /open311/v2/requests.xml | xml-service-request-post.xml",
                "POST /open311/v2/requests.xml?bad | xml-errors.xml",
                "GET /open311/discovery.xml | xml-discovery.xml",
            })
    void each_xml_answer_has_the_elements_of_the_spec_example(String endpoint, String example)
            throws Exception {
        HttpResponse<String> r = call(endpoint);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo("text/xml;charset=utf-8");
        assertThat(r.body()).startsWith("<?xml version='1.0' encoding='UTF-8'?>");
        Element ours = xml(r.body());
        Element spec = xml(withoutStatusLine(Files.readString(EXAMPLES.resolve(example))));
        assertThat(ours.getTagName()).isEqualTo(spec.getTagName());
        assertThat(xmlPaths(ours, "")).isEqualTo(xmlPaths(spec, ""));
    }

    /** Sends {@code METHOD path}; a POST sends a valid request, or with {@code ?bad} a bad key. */
    private HttpResponse<String> call(String endpoint) throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        if (method.equals("GET")) {
            return get(path, null);
        }
        boolean bad = path.endsWith("?bad");
        return post(
                path.replace("?bad", ""),
                form(
                        "api_key",
                        bad ? "not-a-key-0001" : KEY,
                        "service_code",
                        "SW-DIRTY-ALLEY",
                        "lat",
                        "" + lat,
                        "long",
                        "" + lon));
    }

    // --- What the endpoints answer ------------------------------------------------------------

    @Test
    void the_service_list_is_the_citys_with_definitions_for_the_services_that_need_them()
            throws Exception {
        JsonNode services = json(get("/open311/v2/services.json", null));
        assertThat(services).hasSize(320);
        JsonNode vacant = json(get("/open311/v2/services/HCD-VACANT-BUILDING.json", null));
        assertThat(vacant.path("attributes").get(0).path("code").asText()).isEqualTo("OCCUPIED");
        assertThat(vacant.path("attributes").get(0).path("required").asBoolean()).isTrue();
        JsonNode listed = null;
        for (JsonNode s : services) {
            if (s.path("service_code").asText().equals("HCD-VACANT-BUILDING")) {
                listed = s;
            }
        }
        assertThat(listed.path("metadata").asBoolean()).isTrue();
        assertThat(listed.path("type").asText()).isEqualTo("realtime");
        assertThat(json(get("/open311/v2/services/SW-BOARDING.json", null)).path("attributes"))
                .isEmpty();
    }

    @Test
    void requests_read_back_with_status_local_times_with_offset_and_the_address_for_analysts_only()
            throws Exception {
        JsonNode sr1 = json(get("/open311/v2/requests/SR-1.json", null)).get(0);
        assertThat(sr1.path("status").asText()).isEqualTo("closed");
        assertThat(sr1.path("service_code").asText()).isEqualTo("SW-DIRTY-ALLEY");
        for (String f : List.of("requested_datetime", "updated_datetime", "expected_datetime")) {
            assertThat(OffsetDateTime.parse(sr1.path(f).asText()).getOffset())
                    .isEqualTo(ZoneOffset.ofHours(-4));
        }
        assertThat(sr1.path("requested_datetime").asText()).isEqualTo("2019-10-01T10:00:00-04:00");
        assertThat(
                        json(get("/open311/v2/requests/SR-2.json", null))
                                .get(0)
                                .path("address")
                                .isNull())
                .isTrue();
        assertThat(
                        json(get("/open311/v2/requests/SR-2.json", ANALYST))
                                .get(0)
                                .path("address")
                                .asText())
                .isEqualTo("1600 W NORTH AVE");
        assertThat(json(get("/open311/v2/requests.json?status=open", null)))
                .extracting(n -> n.path("service_request_id").asText())
                .containsExactly("SR-2");
        assertThat(json(get("/open311/v2/requests.json?service_code=SW-BOARDING", null))).isEmpty();
        assertThat(
                        json(
                                get(
                                        "/open311/v2/requests.json?start_date=2019-10-02T00:00:00-04:00"
                                                + "&end_date=2019-10-31T00:00:00-04:00",
                                        null)))
                .extracting(n -> n.path("service_request_id").asText())
                .containsExactly("SR-2");
    }

    @Test
    void a_posted_request_goes_to_the_raw_topic_without_contact_and_the_contact_to_contacts_alone()
            throws Exception {
        HttpResponse<String> r =
                post(
                        "/open311/v2/requests.json",
                        form(
                                "api_key", KEY,
                                "service_code", "HCD-VACANT-BUILDING",
                                "lat", "" + lat,
                                "long", "" + lon,
                                "attribute[OCCUPIED]", "no",
                                "attribute[OPENINGS][]", "door",
                                "attribute[OPENINGS][]", "window",
                                "email", "grace@resident.test",
                                "phone", "+1 410 555 0123",
                                "first_name", "Grace",
                                "last_name", "Hopper",
                                "device_id", "device-777",
                                "account_id", "account-888",
                                "description", "Doors open on the back of the house"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = json(r).get(0).path("service_request_id").asText();
        assertThat(id).matches("ZS-[0-9A-Z]{10}");
        assertThat(json(r).get(0).path("service_notice").asText())
                .isEqualTo("Expected by 2019-11-02T10:00:00-04:00 (15 days)");

        JsonNode raw = onlyRecordWith(RAW, id);
        assertThat(raw.path("status").asText()).isEqualTo("New");
        assertThat(raw.path("type").asText()).isEqualTo("HCD-Vacant Building");
        assertThat(raw.path("occurredAt").asText()).isEqualTo("2019-10-18T14:00:00Z");
        assertThat(raw.path("attributes").asText()).isEqualTo("OCCUPIED=no; OPENINGS=door,window");
        assertThat(raw.path("contactChannel").asText()).isEqualTo("email");
        assertThat(raw.toString())
                .doesNotContain(
                        "grace@resident.test",
                        "555 0123",
                        "Grace",
                        "Hopper",
                        "device-777",
                        "account-888");
        JsonNode contact = onlyRecordWith(CONTACTS, id);
        assertThat(contact.path("email").asText()).isEqualTo("grace@resident.test");
        assertThat(contact.path("phone").asText()).isEqualTo("+1 410 555 0123");
        assertThat(contact.toString()).doesNotContain("device-777", "account-888");
    }

    // --- Errors ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "api_key=nope-not-a-key&service_code=SW-BOARDING&lat=@LAT&long=@LON | 403 | invalid api_key",
                "service_code=SW-BOARDING&lat=@LAT&long=@LON | 403 | api_key is required",
                "api_key=@KEY&lat=@LAT&long=@LON | 400 | argument 'service_code' is required",
                "api_key=@KEY&service_code=NOPE&lat=@LAT&long=@LON | 404 | service_code 'NOPE' was not found",
                "api_key=@KEY&service_code=SW-BOARDING | 400 | a location is required",
                "api_key=@KEY&service_code=SW-BOARDING&lat=@LAT | 400 | arguments 'lat' and 'long' must be sent together",
                "api_key=@KEY&service_code=SW-BOARDING&lat=95&long=@LON | 400 | argument 'lat' must be in [-90.0, 90.0]",
                "api_key=@KEY&service_code=SW-BOARDING&lat=40.7128&long=-74.0060 | 400 | lies outside every zone of the city",
                "api_key=@KEY&service_code=SW-BOARDING&address_string=1600+W+North+Ave | 400 | argument 'address_string' could not be placed",
                "api_key=@KEY&service_code=SW-BOARDING&address_id=77 | 400 | argument 'address_id' is not supported",
                "api_key=@KEY&service_code=HCD-VACANT-BUILDING&lat=@LAT&long=@LON | 400 | attribute 'OCCUPIED' is required",
                "api_key=@KEY&service_code=HCD-VACANT-BUILDING&lat=@LAT&long=@LON&attribute[OCCUPIED]=maybe | 400 | attribute 'OCCUPIED' must be one of [yes, no, unknown]",
                "api_key=@KEY&service_code=SW-BOARDING&lat=@LAT&long=@LON&attribute[X]=1 | 400 | attribute 'X' is not part of service 'SW-BOARDING'",
                "api_key=@KEY&service_code=SW-BOARDING&lat=@LAT&long=@LON&email=not-an-address | 400 | argument 'email' is not an e-mail address",
                "api_key=@KEY&service_code=SW-BOARDING&lat=@LAT&long=@LON&media_url=javascript:alert(1) | 400 | argument 'media_url' must be an http or https URL",
            })
    void a_bad_post_gets_the_spec_error_and_writes_nothing(String body, int status, String message)
            throws Exception {
        long before = records(RAW).size();
        HttpResponse<String> r =
                post(
                        "/open311/v2/requests.json",
                        body.replace("@KEY", KEY)
                                .replace("@LAT", "" + lat)
                                .replace("@LON", "" + lon));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = json(r).get(0);
        assertThat(error.path("code").asInt()).isEqualTo(status);
        assertThat(error.path("description").asText()).contains(message);
        assertThat(records(RAW).size()).isEqualTo(before);
    }

    @Test
    void a_5_mb_description_gets_413_and_nothing_is_written() throws Exception {
        long before = records(RAW).size();
        String body =
                form(
                                "api_key",
                                KEY,
                                "service_code",
                                "SW-BOARDING",
                                "lat",
                                "" + lat,
                                "long",
                                "" + lon)
                        + "&description="
                        + "x".repeat(5 * 1024 * 1024);
        HttpResponse<String> r = post("/open311/v2/requests.xml", body);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("<code>413</code>", "larger than 65536 bytes");
        assertThat(records(RAW).size()).isEqualTo(before);
    }

    @Test
    void a_description_over_4000_characters_is_refused() throws Exception {
        HttpResponse<String> r =
                post(
                        "/open311/v2/requests.json",
                        form(
                                "api_key",
                                KEY,
                                "service_code",
                                "SW-BOARDING",
                                "lat",
                                "" + lat,
                                "long",
                                "" + lon,
                                "description",
                                "y".repeat(4001)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get(0).path("description").asText())
                .isEqualTo("argument 'description' must be at most 4000 characters");
    }

    @Test
    void a_flood_of_posts_from_one_key_gets_429_with_retry_after() throws Exception {
        String body =
                form(
                        "api_key",
                        FLOOD_KEY,
                        "service_code",
                        "SW-NOPE",
                        "lat",
                        "" + lat,
                        "long",
                        "" + lon);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        try (OpsConsole.Running strict = startConsole(Map.of(FLOOD_KEY, Role.PUBLIC), 5)) {
            for (int i = 0; i < 7; i++) {
                last =
                        http.send(
                                HttpRequest.newBuilder(
                                                strict.url().resolve("/open311/v2/requests.json"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                statuses.add(last.statusCode());
            }
        }
        assertThat(statuses).as(last.body()).containsExactly(404, 404, 404, 404, 404, 429, 429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(last).get(0).path("description").asText())
                .startsWith("too many requests for this api_key: at most 5 in 10 min");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/open311/v2/requests/SR-404.json | 404 | service_request_id 'SR-404' was not found",
                "/open311/v2/services/NOPE.xml | 404 | service_code 'NOPE' was not found",
                "/open311/v2/tokens/nope.json | 404 | token 'nope' was not found",
                "/open311/v2/requests.json?status=pending | 400 | query parameter 'status' must be open or closed",
                "/open311/v2/requests.json?start_date=2019-01-01T00:00:00Z&end_date=2019-06-01T00:00:00Z | 400 | at most 90 days apart",
                "/open311/v2/requests.json?start_date=yesterday | 400 | query parameter 'start_date' must be an ISO 8601 date-time",
            })
    void a_bad_read_gets_the_spec_error(String path, int status, String message) throws Exception {
        HttpResponse<String> r = get(path, null);
        assertThat(r.statusCode()).isEqualTo(status);
        if (path.contains(".xml")) {
            assertThat(r.body()).contains("<code>" + status + "</code>", message);
            return;
        }
        JsonNode error = json(r).get(0);
        assertThat(error.path("code").asInt()).isEqualTo(status);
        assertThat(error.path("description").asText()).contains(message == null ? "" : message);
    }

    // --- Helpers -------------------------------------------------------------------------------

    /**
     * The one committed record of {@code key}, waiting for it: a transaction's commit markers reach
     * the partitions just after the producer's commit returns.
     */
    private static JsonNode onlyRecordWith(String topic, String key) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            found.clear();
                            for (ConsumerRecord<String, String> r :
                                    records(topic, "read_committed")) {
                                if (key.equals(r.key())) {
                                    found.add(new ObjectMapper().readTree(r.value()));
                                }
                            }
                            return !found.isEmpty();
                        });
        assertThat(found)
                .as(
                        "records of %s in %s: %s",
                        key, topic, records(topic).stream().map(ConsumerRecord::key).toList())
                .hasSize(1);
        return found.get(0);
    }

    /**
     * Every record written to a topic, committed or not: what a refused request must not add to.
     */
    static List<ConsumerRecord<String, String>> records(String topic) {
        return records(topic, "read_uncommitted");
    }

    static List<ConsumerRecord<String, String>> records(String topic, String isolation) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                isolation),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            TopicContents.readFromBeginning(c, topic, Duration.ofSeconds(30), out::add);
        }
        return out;
    }

    private static String form(String... pairs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", out);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(console.url().resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(console.url().resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }

    private static String withoutStatusLine(String text) {
        return text.startsWith("HTTP/")
                ? text.substring(text.indexOf('\n') + 1).strip()
                : text.strip();
    }

    /**
     * Every field path of a JSON document, arrays as {@code []}, e.g. {@code [].attributes[].code}.
     */
    static Set<String> jsonPaths(JsonNode node) {
        Set<String> out = new java.util.TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String at, Set<String> out) {
        if (node.isArray()) {
            node.forEach(e -> collect(e, at + "[]", out));
        } else if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            e -> {
                                String p =
                                        at
                                                + (at.isEmpty() || at.endsWith("]") ? "" : ".")
                                                + e.getKey();
                                out.add(p);
                                collect(e.getValue(), p, out);
                            });
        }
    }

    private static Element xml(String text) throws Exception {
        Document d =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return d.getDocumentElement();
    }

    /** Every element path below {@code e}, e.g. {@code request/service_request_id}. */
    static Set<String> xmlPaths(Element e, String at) {
        Set<String> out = new LinkedHashSet<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                String p = at.isEmpty() ? c.getTagName() : at + "/" + c.getTagName();
                out.add(p);
                out.addAll(xmlPaths(c, p));
            }
        }
        return out.stream().sorted().collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
