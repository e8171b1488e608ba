package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.zonestat.console.ConsoleJson;

/** The public scorecard's small-count rule ({@link PublicScorecard}) and its JSON. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PublicSuppressionTest {
    private static final ObjectMapper JSON = ConsoleJson.newMapper();
    private static final List<String> FIELDS = List.of("homicides", "shootings");

    @Test
    void counts_from_1_to_4_become_less_than_5_and_0_and_5_stay_numbers() {
        assertThat(shown(0)).isEqualTo(0L);
        for (long n = 1; n <= 4; n++) {
            assertThat(shown(n)).isEqualTo("<5");
        }
        assertThat(shown(5)).isEqualTo(5L);
    }

    @Test
    void a_small_count_that_the_total_would_give_away_withholds_every_count_of_the_zone() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("homicides", 1L);
        counts.put("shootings", 13L);

        Map<String, PublicScorecard.Count> shown = PublicScorecard.counts(counts, FIELDS);

        assertThat(shown).containsEntry("homicides", null).containsEntry("shootings", null);
    }

    @Test
    void when_the_total_is_small_too_the_counts_are_shown_suppressed() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("homicides", 0L);
        counts.put("shootings", 3L);

        Map<String, PublicScorecard.Count> shown = PublicScorecard.counts(counts, FIELDS);

        assertThat(shown.get("homicides").shown()).isEqualTo(0L);
        assertThat(shown.get("shootings").shown()).isEqualTo("<5");
    }

    @Test
    void counts_of_5_or_more_are_all_shown() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("homicides", 5L);
        counts.put("shootings", 0L);

        Map<String, PublicScorecard.Count> shown = PublicScorecard.counts(counts, FIELDS);

        assertThat(shown.get("homicides").shown()).isEqualTo(5L);
        assertThat(shown.get("shootings").shown()).isEqualTo(0L);
    }

    @Test
    void a_small_total_on_either_side_withholds_the_change_and_the_goal() throws Exception {
        Scorecard.ZoneScore central =
                new Scorecard.ZoneScore(
                        "Central",
                        3,
                        Map.of("shootings", 3L),
                        3,
                        Map.of("shootings", 6L),
                        6L,
                        -3L,
                        -50.0,
                        5.1,
                        true);

        JsonNode zone = JSON.valueToTree(PublicScorecard.zone(central, FIELDS, -15.0));

        assertThat(zone.path("total").asText()).isEqualTo("<5");
        assertThat(zone.path("previousTotal").asLong()).isEqualTo(6);
        assertThat(zone.path("previous").path("shootings").asLong()).isEqualTo(6);
        for (String withheld : List.of("change", "changePercent", "metGoal")) {
            assertThat(zone.has(withheld)).as(withheld + " is present").isTrue();
            assertThat(zone.path(withheld).isNull()).as(withheld + " is null").isTrue();
        }
        assertThat(zone.has("target")).as("the staff target is not public").isFalse();
        assertThat(zone.has("days")).isFalse();
    }

    @Test
    void without_a_comparison_the_json_has_no_comparison_members() throws Exception {
        Scorecard card =
                new Scorecard(
                        "vri-zones",
                        LocalDate.of(2018, 4, 1),
                        LocalDate.of(2018, 6, 30),
                        null,
                        null,
                        List.of("homicides", "shootings"),
                        null,
                        List.of(
                                new Scorecard.ZoneScore(
                                        "Western",
                                        188,
                                        Map.of("homicides", 7L, "shootings", 13L),
                                        20,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        1,
                        List.of(),
                        0);

        JsonNode body =
                JSON.valueToTree(
                        PublicScorecard.of(
                                card,
                                PublicScorecard.Quarter.parse("2018-Q2"),
                                List.of(Kind.HOMICIDES, Kind.SHOOTINGS)));

        assertThat(body.path("suppressedBelow").asInt()).isEqualTo(5);
        assertThat(body.path("from").asText()).isEqualTo("2018-04-01");
        assertThat(body.path("period").asText()).isEqualTo("2018-Q2");
        JsonNode western = body.path("zones").get(0);
        assertThat(western.fieldNames()).toIterable().containsExactly("zone", "counts", "total");
        assertThat(western.path("counts").path("homicides").asLong()).isEqualTo(7);
        assertThat(western.path("total").asLong()).isEqualTo(20);
    }

    private static Object shown(long n) {
        return new PublicScorecard.Count(n).shown();
    }
}
