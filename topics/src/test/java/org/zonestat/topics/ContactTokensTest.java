package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactTokensTest {
    private static final ContactTokens TOKENS =
            ContactTokens.withKey(
                    "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final LocalDate MONDAY = LocalDate.parse("2018-07-02");

    @Test
    void theSameContactInTheSameWeekHasOneToken() {
        String t = TOKENS.token("Ms. Jones, 1600 W North", MONDAY);
        assertThat(TOKENS.token("  ms.  JONES, 1600 w north ", MONDAY.plusDays(6))).isEqualTo(t);
        assertThat(ContactTokens.isToken(t)).isTrue();
        assertThat(t).doesNotContainIgnoringCase("jones");
    }

    @Test
    void aTokenCannotFollowAPersonToTheNextWeekOrToAnotherKey() {
        String t = TOKENS.token("Ms. Jones", MONDAY);
        assertThat(TOKENS.token("Ms. Jones", MONDAY.plusDays(7))).isNotEqualTo(t);
        assertThat(ContactTokens.withKey(new byte[32]).token("Ms. Jones", MONDAY)).isNotEqualTo(t);
        assertThat(TOKENS.token("Mr. Jones", MONDAY)).isNotEqualTo(t);
    }

    @Test
    void aBlankContactOrAShortKeyIsRefused() {
        assertThatThrownBy(() -> TOKENS.token("   ", MONDAY)).hasMessageContaining("blank");
        assertThatThrownBy(() -> ContactTokens.withKey(new byte[8]))
                .hasMessageContaining("at least 16 bytes");
        assertThat(ContactTokens.isToken("John Smith")).isFalse();
    }

    @Test
    void theKeyFileIsCreatedOnceForItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets/contact.key");
        String first = ContactTokens.loadOrCreate(file).token("x", MONDAY);
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(ContactTokens.loadOrCreate(file).token("x", MONDAY)).isEqualTo(first);
        Files.writeString(file, "not base64!");
        assertThatThrownBy(() -> ContactTokens.loadOrCreate(file))
                .hasMessageContaining(file.toString());
    }
}
