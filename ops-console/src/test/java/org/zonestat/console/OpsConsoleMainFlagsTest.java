package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The console's scorecard flags. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpsConsoleMainFlagsTest {

    @Test
    void goal_and_huddle_date_reach_the_scorecard_settings() {
        OpsConsoleMain.Flags f =
                OpsConsoleMain.Flags.parse(
                        new String[] {
                            "--bootstrap", "k:9092", "--goal", "-20", "--huddle-date", "2018-07-07"
                        });

        assertThat(f.huddle().goalPercent()).isEqualTo(-20.0);
        assertThat(f.huddle().huddleDate()).isEqualTo(LocalDate.of(2018, 7, 7));
    }

    @Test
    void without_them_the_goal_is_minus_15_and_the_date_follows_the_data() {
        OpsConsoleMain.Flags f = OpsConsoleMain.Flags.parse(new String[] {"--bootstrap", "k:9092"});

        assertThat(f.huddle().goalPercent()).isEqualTo(-15.0);
        assertThat(f.huddle().huddleDate()).isNull();
    }

    @Test
    void a_bad_goal_or_date_is_refused_with_the_flag_named() {
        assertThatThrownBy(
                        () ->
                                OpsConsoleMain.Flags.parse(
                                        new String[] {"--bootstrap", "k", "--goal", "-150"}))
                .hasMessageContaining("--goal needs a percentage between -100 and 100");
        assertThatThrownBy(
                        () ->
                                OpsConsoleMain.Flags.parse(
                                        new String[] {"--bootstrap", "k", "--huddle-date", "July"}))
                .hasMessageContaining("--huddle-date needs a date");
    }
}
