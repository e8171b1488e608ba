package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;

/**
 * The REST side of {@link OpsConsoleApp} with the status and zone routes, served on a free port
 * without Kafka.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpsConsoleRestTest {
    private static final String TOKEN = "dispatcher-token-for-tests";
    private static final ObjectMapper JSON = ConsoleJson.newMapper();

    private static ZoneCatalog catalog;
    private static Javalin app;
    private static HttpClient http;
    private static String base;

    @BeforeAll
    static void startApp() {
        catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        AccessTokens tokens = AccessTokens.of(Map.of(TOKEN, Role.DISPATCHER));
        app =
                new OpsConsoleApp(
                                ConsoleConfig.defaults(),
                                new Access(tokens),
                                List.of(
                                        new StatusRoutes(
                                                new LiveEventHub(10), FeedHealth::disabled, null),
                                        new ZoneRoutes(new ZoneLayers(catalog), true)))
                        .create()
                        .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopApp() {
        app.stop();
    }

    @Test
    void health_answers_ok_without_a_token() throws Exception {
        HttpResponse<String> r = get("/api/health", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("eventsSeen").asLong()).isZero();
        assertThat(body.path("websocketClients").asInt()).isZero();
        assertThat(body.path("kafka").path("state").asText()).isEqualTo("DISABLED");
    }

    @Test
    void layers_lists_every_catalog_layer_in_order_with_its_zone_count() throws Exception {
        HttpResponse<String> r = get("/api/layers", TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode layers = JSON.readTree(r.body());
        assertThat(layers)
                .extracting(l -> l.path("id").asText())
                .containsExactly(
                        "vri-zones",
                        "neighborhoods",
                        "police-districts",
                        "police-districts-1959",
                        "csas",
                        "council-districts");
        JsonNode neighborhoods = layers.get(1);
        assertThat(neighborhoods.path("title").asText()).isNotBlank();
        assertThat(neighborhoods.path("zones").asInt()).isEqualTo(278);
        assertThat(neighborhoods.path("nameProperty").asText()).isEqualTo("name");
        assertThat(neighborhoods.path("version").asInt()).as("a configured layer").isEqualTo(1);
        assertThat(neighborhoods.path("names")).hasSize(278);

        JsonNode focus = layers.get(0);
        assertThat(focus.path("names"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(
                        catalog.layer("vri-zones").orElseThrow().zones().stream()
                                .map(z -> z.name())
                                .distinct()
                                .toList());
        Envelope extent = catalog.layer("vri-zones").orElseThrow().extent();
        double[] bounds = new double[4];
        for (int i = 0; i < 4; i++) {
            bounds[i] = focus.path("bounds").get(i).asDouble();
        }
        assertThat(bounds[0])
                .isLessThanOrEqualTo(extent.getMinX())
                .isGreaterThan(extent.getMinX() - 1e-6);
        assertThat(bounds[1])
                .isLessThanOrEqualTo(extent.getMinY())
                .isGreaterThan(extent.getMinY() - 1e-6);
        assertThat(bounds[2])
                .isGreaterThanOrEqualTo(extent.getMaxX())
                .isLessThan(extent.getMaxX() + 1e-6);
        assertThat(bounds[3])
                .isGreaterThanOrEqualTo(extent.getMaxY())
                .isLessThan(extent.getMaxY() + 1e-6);
    }

    @Test
    void config_has_no_city_when_the_app_was_given_none() throws Exception {
        JsonNode config = JSON.readTree(get("/api/config", TOKEN).body());

        assertThat(config.path("role").asText()).isEqualTo("dispatcher");
        assertThat(config.path("city").isNull()).isTrue();
    }

    @Test
    void zones_of_the_neighborhoods_layer_are_278_valid_rfc_7946_features() throws Exception {
        HttpResponse<String> r = get("/api/zones?layer=neighborhoods", TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/geo+json"));
        JsonNode root = JSON.readTree(r.body());
        assertThat(root.path("features").size()).isEqualTo(278);
        GeoJsonAssertions.assertValidZoneCollection(root, "neighborhoods");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vri-zones",
                "police-districts",
                "police-districts-1959",
                "csas",
                "council-districts"
            })
    void zones_of_every_other_layer_are_valid_rfc_7946_with_one_feature_per_zone(String layer)
            throws Exception {
        JsonNode root = JSON.readTree(get("/api/zones?layer=" + layer, TOKEN).body());

        assertThat(root.path("features").size())
                .isEqualTo(catalog.layer(layer).orElseThrow().size());
        GeoJsonAssertions.assertValidZoneCollection(root, layer);
    }

    @Test
    void zones_are_gzipped_for_a_client_that_accepts_gzip() throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "/api/zones?layer=vri-zones"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Accept-Encoding", "gzip")
                        .build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (InputStream in = new GZIPInputStream(r.body())) {
            JsonNode root = JSON.readTree(in);
            assertThat(root.path("features").size()).isEqualTo(8);
        }
    }

    @Test
    void zones_of_an_unknown_layer_are_404_json_naming_the_layer() throws Exception {
        HttpResponse<String> r = get("/api/zones?layer=no-such-layer", TOKEN);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).path("error").asText())
                .contains("unknown layer 'no-such-layer'")
                .contains("neighborhoods");
    }

    @Test
    void zones_without_a_layer_are_400_json_saying_the_parameter_is_required() throws Exception {
        HttpResponse<String> r = get("/api/zones", TOKEN);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains("'layer' is required");
    }

    @Test
    void zones_with_a_malformed_layer_id_are_400_json() throws Exception {
        HttpResponse<String> r = get("/api/zones?layer=%3Cscript%3E", TOKEN);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains("must be a layer id");
    }

    @Test
    void an_unknown_api_endpoint_is_404_json() throws Exception {
        HttpResponse<String> r = get("/api/nothing-here", TOKEN);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/layers", "/api/zones?layer=neighborhoods", "/api/config"})
    void api_routes_answer_401_json_and_no_data_without_a_token(String path) throws Exception {
        HttpResponse<String> r = get(path, null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).contains("missing access token");
        assertThat(body.size()).as("only the error, no data").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/layers", "/api/zones?layer=neighborhoods", "/api/config"})
    void api_routes_answer_401_json_and_no_data_with_a_wrong_token(String path) throws Exception {
        HttpResponse<String> r = get(path, "not-a-valid-token");

        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid access token");
        assertThat(body.size()).isEqualTo(1);
    }

    @Test
    void a_token_in_the_query_string_does_not_open_the_rest_api() throws Exception {
        assertThat(get("/api/layers?token=" + TOKEN, null).statusCode()).isEqualTo(401);
    }

    @Test
    void config_tells_the_page_the_callers_role_and_that_no_tiles_are_configured()
            throws Exception {
        JsonNode config = JSON.readTree(get("/api/config", TOKEN).body());

        assertThat(config.path("role").asText()).isEqualTo("dispatcher");
        assertThat(config.path("tileUrl").isNull()).isTrue();
        assertThat(config.path("maxMarkers").asInt()).isEqualTo(1000);
    }

    @Test
    void the_page_and_the_leaflet_files_it_names_are_served_locally_without_a_token()
            throws Exception {
        HttpResponse<String> page = get("/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).doesNotContain("${").doesNotContain("https://");
        for (String asset : new String[] {"leaflet.js", "leaflet.css"}) {
            Matcher m =
                    Pattern.compile(
                                    "\"(/webjars/leaflet/[^\"]+/dist/"
                                            + Pattern.quote(asset)
                                            + ")\"")
                            .matcher(page.body());
            assertThat(m.find()).as("page names " + asset).isTrue();
            assertThat(get(m.group(1), null).statusCode()).as(m.group(1)).isEqualTo(200);
        }
        assertThat(get("/app.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/style.css", null).statusCode()).isEqualTo(200);
    }

    @Test
    void responses_carry_a_same_origin_content_security_policy_and_no_referrer() throws Exception {
        HttpResponse<String> r = get("/", null);

        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp ->
                                assertThat(csp)
                                        .contains("default-src 'self'")
                                        .contains("connect-src 'self'"));
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void the_content_security_policy_allows_images_from_a_configured_tile_server() {
        assertThat(
                        OpsConsoleApp.contentSecurityPolicy(
                                "https://{s}.tile.example.org/{z}/{x}/{y}.png"))
                .contains("img-src 'self' data: https://*.tile.example.org;");
    }

    private static HttpResponse<String> get(String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
