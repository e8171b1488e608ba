package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Access}: each kind of rule for no token, a wrong token, a token in the query string and
 * each role, on an app of one route per rule (no Kafka); and the bearer header's parsing.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccessTest {
    private static final ObjectMapper JSON = ConsoleJson.newMapper();
    private static final Map<String, Role> TOKENS =
            Map.of(
                    "public-token-1",
                    Role.PUBLIC,
                    "dispatcher-token-1",
                    Role.DISPATCHER,
                    "analyst-token-1",
                    Role.ANALYST,
                    "admin-token-1",
                    Role.ADMIN);

    private static Javalin app;
    private static HttpClient http;

    @BeforeAll
    static void startApp() {
        RouteGroup oneRoutePerRule =
                cfg ->
                        cfg.routes
                                .get("/open", AccessTest::role, Access.OPEN)
                                .get("/if-sent", AccessTest::role, Access.TOKEN_IF_SENT)
                                .get("/any", AccessTest::role, Access.ANY_ROLE)
                                .get("/undeclared", AccessTest::role)
                                .get("/staff", AccessTest::role, Access.staff("no %s here"))
                                .get("/analyst", AccessTest::role, Access.analyst("no %s here"))
                                .get("/admin", AccessTest::role, Access.admin("no %s here"));
        app =
                new OpsConsoleApp(
                                ConsoleConfig.defaults(),
                                new Access(AccessTokens.of(TOKENS)),
                                List.of(oneRoutePerRule))
                        .create()
                        .start("127.0.0.1", 0);
        http = HttpClient.newHttpClient();
    }

    private static void role(io.javalin.http.Context ctx) {
        ctx.result(Access.optionalRole(ctx).map(Role::id).orElse("none"));
    }

    @AfterAll
    static void stopApp() {
        app.stop();
    }

    /**
     * Columns: path, then the status for no token, a wrong one, public, dispatcher, analyst, admin.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/open,       200, 200, 200, 200, 200, 200",
        "/if-sent,    200, 401, 200, 200, 200, 200",
        "/any,        401, 401, 200, 200, 200, 200",
        "/undeclared, 401, 401, 200, 200, 200, 200",
        "/staff,      401, 401, 403, 200, 200, 200",
        "/analyst,    401, 401, 403, 403, 200, 200",
        "/admin,      401, 401, 403, 403, 403, 200",
        "/app.js,     200, 200, 200, 200, 200, 200",
    })
    void each_rule_admits_the_roles_it_names_and_answers_others_401_or_403(
            String path, int none, int wrong, int pub, int dispatcher, int analyst, int admin)
            throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put(null, none);
        expected.put("wrong-token-1", wrong);
        expected.put("public-token-1", pub);
        expected.put("dispatcher-token-1", dispatcher);
        expected.put("analyst-token-1", analyst);
        expected.put("admin-token-1", admin);
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            HttpResponse<String> r = get(path, e.getKey());
            if (r.statusCode() != e.getValue()) {
                mismatches.add(e.getKey() + ": " + r.statusCode() + " " + r.body());
            }
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                assertThat(JSON.readTree(r.body()).fieldNames())
                        .toIterable()
                        .containsExactly("error");
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void the_handler_sees_the_role_of_the_token() throws Exception {
        assertThat(get("/staff", "analyst-token-1").body()).isEqualTo("analyst");
        assertThat(get("/if-sent", null).body()).isEqualTo("none");
        assertThat(get("/if-sent", "admin-token-1").body()).isEqualTo("admin");
    }

    @Test
    void a_missing_token_is_401_with_a_bearer_challenge_and_says_how_to_send_one()
            throws Exception {
        HttpResponse<String> r = get("/any", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"zonestat\"");
        assertThat(JSON.readTree(r.body()).path("error").asText())
                .isEqualTo("missing access token: send 'Authorization: Bearer <token>'");
    }

    @Test
    void a_refused_role_gets_the_rules_sentence_naming_it() throws Exception {
        HttpResponse<String> r = get("/admin", "analyst-token-1");

        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("no analyst here");
    }

    @Test
    void a_token_in_the_query_string_does_not_open_a_route() throws Exception {
        assertThat(get("/any?token=admin-token-1", null).statusCode()).isEqualTo(401);
    }

    @Test
    void the_bearer_token_is_read_case_insensitively_and_stripped() {
        assertThat(Access.bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(Access.bearerToken("bearer  abc ")).isEqualTo("abc");
        assertThat(Access.bearerToken("Basic abc")).isNull();
        assertThat(Access.bearerToken(null)).isNull();
    }

    @Test
    void a_rule_that_turns_roles_away_must_say_why() {
        assertThatThrownBy(() -> new Access.Rule(Access.Need.STAFF, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a message");
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
