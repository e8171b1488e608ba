package org.zonestat.console.sitevisit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A city's code-enforcement request types, as its profile lists them. */
class CodeEnforcementTest {
    @Test
    void aTypeMatchesWhenItStartsWithAListedOneInAnyCase() {
        CodeEnforcement baltimore = new CodeEnforcement(List.of("HCD-"));
        assertThat(baltimore.covers("HCD-Vacant Building")).isTrue();
        assertThat(baltimore.covers("hcd-illegal dumping")).isTrue();
        assertThat(baltimore.covers("SW-Dirty Alley")).isFalse();
        assertThat(baltimore.covers(null)).isFalse();
        assertThat(new CodeEnforcement(List.of()).covers("HCD-Vacant Building"))
                .as("a city that lists none")
                .isFalse();
    }
}
