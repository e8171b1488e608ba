package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text cut and cleaned so that any UTF-8 writer can write it. */
class TextsTest {
    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "ab\ud83d\udca5";
        assertThat(Texts.prefix(emoji, 3)).isEqualTo("ab");
        assertThat(Texts.prefix(emoji, 4)).isEqualTo(emoji);
        assertThat(Texts.excerpt("x".repeat(10), 4)).isEqualTo("xxxx... (10 characters)");
    }

    @Test
    void unpairedSurrogatesAreFoundAndReplacedPairsAreKept() {
        assertThat(Texts.hasUnpairedSurrogate("a\ud83d\udca5")).isFalse();
        assertThat(Texts.hasUnpairedSurrogate("a\ud83d")).isTrue();
        assertThat(Texts.hasUnpairedSurrogate("\udca5a")).isTrue();
        assertThat(Texts.wellFormed("\udca5\ud83d\udca5\ud83d"))
                .isEqualTo("\ufffd\ud83d\udca5\ufffd");
    }
}
