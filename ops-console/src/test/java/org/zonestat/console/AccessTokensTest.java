package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccessTokensTest {
    @TempDir Path dir;

    @Test
    void a_token_file_maps_each_token_to_its_role() throws Exception {
        Path file = dir.resolve("tokens.properties");
        Files.writeString(file, "# comment\nabcdefgh1=dispatcher\nabcdefgh2 = Analyst\n");

        AccessTokens tokens = AccessTokens.load(file);

        assertThat(tokens.roleOf("abcdefgh1")).hasValue(Role.DISPATCHER);
        assertThat(tokens.roleOf("abcdefgh2")).hasValue(Role.ANALYST);
        assertThat(tokens.size()).isEqualTo(2);
    }

    @Test
    void an_unknown_missing_or_empty_token_has_no_role() {
        AccessTokens tokens = AccessTokens.of(Map.of("abcdefgh1", Role.ADMIN));

        assertThat(tokens.roleOf("abcdefgh")).isEmpty();
        assertThat(tokens.roleOf("abcdefgh12")).isEmpty();
        assertThat(tokens.roleOf("")).isEmpty();
        assertThat(tokens.roleOf(null)).isEmpty();
    }

    @Test
    void an_unknown_role_fails_with_the_file_name_and_the_known_roles() throws Exception {
        Path file = dir.resolve("tokens.properties");
        Files.writeString(file, "abcdefgh1=mayor\n");

        assertThatThrownBy(() -> AccessTokens.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown role 'mayor'")
                .hasMessageContaining("dispatcher");
    }

    @Test
    void a_token_that_is_not_url_safe_is_rejected() {
        assertThatThrownBy(() -> AccessTokens.of(Map.of("has spaces in it", Role.PUBLIC)))
                .hasMessageContaining("URL-safe");
        assertThatThrownBy(() -> AccessTokens.of(Map.of("short", Role.PUBLIC)))
                .hasMessageContaining("8 to 256");
    }

    @Test
    void a_file_without_tokens_is_rejected() throws Exception {
        Path file = dir.resolve("tokens.properties");
        Files.writeString(file, "# nothing here\n");

        assertThatThrownBy(() -> AccessTokens.load(file)).hasMessageContaining("no access tokens");
    }

    @Test
    void load_or_create_demo_creates_one_random_url_safe_token_per_role_readable_by_the_owner_only()
            throws Exception {
        Path file = dir.resolve("var/ops-console/tokens.properties");

        AccessTokens tokens = AccessTokens.loadOrCreateDemo(file);

        assertThat(file).exists();
        assertThat(tokens.asMap().values()).containsExactlyInAnyOrder(Role.values());
        for (Role role : Role.values()) {
            assertThat(tokens.tokenFor(role))
                    .hasValueSatisfying(t -> assertThat(t).matches("[A-Za-z0-9_-]{32}"));
        }
        assertThat(tokens.asMap().keySet()).doesNotHaveDuplicates();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void load_or_create_demo_keeps_an_existing_file() throws Exception {
        Path file = dir.resolve("tokens.properties");
        AccessTokens first = AccessTokens.loadOrCreateDemo(file);

        AccessTokens second = AccessTokens.loadOrCreateDemo(file);

        assertThat(second.asMap()).isEqualTo(first.asMap());
    }

    @Test
    void to_string_does_not_reveal_the_tokens() {
        AccessTokens tokens = AccessTokens.of(Map.of("secret-token-1", Role.ADMIN));

        assertThat(tokens.toString()).doesNotContain("secret");
    }
}
