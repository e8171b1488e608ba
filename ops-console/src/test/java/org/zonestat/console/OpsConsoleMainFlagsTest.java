package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.topics.Topics;

/** The console's flags: the scorecard's, and the job's names for topics, layers and group. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpsConsoleMainFlagsTest {

    @Test
    void goal_and_huddle_date_reach_the_scorecard_settings() {
        OpsConsoleMain f =
                parse("--bootstrap", "k:9092", "--goal", "-20", "--huddle-date", "2018-07-07");

        assertThat(f.huddle().goalPercent()).isEqualTo(-20.0);
        assertThat(f.huddle().huddleDate()).isEqualTo(LocalDate.of(2018, 7, 7));
    }

    @Test
    void without_them_the_goal_is_minus_15_and_the_date_follows_the_data() {
        OpsConsoleMain f = parse("--bootstrap", "k:9092");

        assertThat(f.huddle().goalPercent()).isEqualTo(-15.0);
        assertThat(f.huddle().huddleDate()).isNull();
    }

    @Test
    void a_bad_goal_or_date_is_refused_with_the_flag_named() {
        assertThatThrownBy(() -> parse("--bootstrap", "k", "--goal", "-150").huddle())
                .hasMessageContaining(
                        "'--goal': must be a percentage between -100 and 100, was -150.0");
        assertThatThrownBy(() -> parse("--bootstrap", "k", "--huddle-date", "July"))
                .hasMessageContaining(
                        "Invalid value for option '--huddle-date': 'July' is not like 2018-07-07");
        assertThatThrownBy(() -> parse("--port", "70000").builder())
                .hasMessageContaining("'--port': must be in [0, 65535], was 70000");
        assertThatThrownBy(() -> parse("--tile-url", "tiles/{z}/{x}/{y}.png").builder())
                .hasMessageContaining("'--tile-url': must be an http(s) URL template");
    }

    @Test
    void every_topic_the_layers_and_the_group_have_the_jobs_flags_and_defaults() {
        OpsConsoleMain defaults = parse();
        assertThat(defaults.topics()).isEqualTo(Topics.defaults());
        assertThat(defaults.layers().specs()).isEmpty();
        assertThat(defaults.city().id()).isEqualTo("baltimore");
        assertThat(defaults.jobGroup()).isEqualTo("zonestat-tagging");
        assertThat(defaults.huddle().zoneStatsTopic()).isEqualTo("zone-stats");

        OpsConsoleMain f =
                parse(
                        "--topic-events", "city-a.events",
                        "--topic-zone-stats", "city-a.zone-stats",
                        "--topic-action-items", "city-a.action-items",
                        "--layers", "wards=/data/wards.geojson#WARD",
                        "--group", "city-a-tagging");
        assertThat(f.topics().events()).isEqualTo("city-a.events");
        assertThat(f.huddle().zoneStatsTopic()).isEqualTo("city-a.zone-stats");
        assertThat(f.huddle().actionItemsTopic()).isEqualTo("city-a.action-items");
        assertThat(f.layers().specs().orElseThrow())
                .containsExactly(
                        new ZoneLayerSpec("wards", "wards", "/data/wards.geojson", "WARD"));
        assertThat(f.jobGroup()).isEqualTo("city-a-tagging");
    }

    @Test
    void the_city_gives_the_huddles_time_zone_focus_layer_and_goal_unless_a_flag_overrides_it() {
        OpsConsoleMain nyc = parse("--city", "nyc");
        assertThat(nyc.city().name()).isEqualTo("New York City");
        assertThat(nyc.huddle().huddleLayer()).isEqualTo("precincts");
        assertThat(nyc.huddle().timeZone()).hasToString("America/New_York");
        assertThat(nyc.huddle().goalPercent()).isEqualTo(-15);
        assertThat(parse("--city", "nyc", "--goal", "-20").huddle().goalPercent()).isEqualTo(-20);
        assertThatThrownBy(() -> parse("--city", "gotham"))
                .hasMessageContaining("Invalid value for option '--city': gotham: no such folder");
    }

    private static OpsConsoleMain parse(String... args) {
        return OpsConsoleMain.parse(args, Map.of());
    }
}
