package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.BadRequestResponse;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zonestat.console.JsonBody;
import org.zonestat.topics.ActionItem;

/**
 * The action-item bodies read through {@link JsonBody}: what is accepted, what is refused and why.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ActionItemRequestsTest {

    @Test
    void a_whole_new_item_is_read_with_its_text_stripped_and_its_date_typed() {
        ActionItemRequests.Create item =
                JsonBody.parse(
                        "{\"layer\":\"vri-zones\",\"zone\":\" Western \",\"what\":\"Fix lights\","
                                + "\"agency\":\"DPW\",\"dueDate\":\"2018-07-14\",\"extra\":1}",
                        ActionItemRequests.Create.class);

        assertThat(item)
                .isEqualTo(
                        new ActionItemRequests.Create(
                                "vri-zones",
                                "Western",
                                "Fix lights",
                                "DPW",
                                null,
                                LocalDate.of(2018, 7, 14)));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"zone\":\"W\",\"what\":\"x\",\"agency\":\"DPW\",\"dueDate\":\"2018-07-10\"} | field 'layer' is required",
                "{\"layer\":\"l\",\"zone\":\"W\",\"what\":\"  \",\"agency\":\"DPW\",\"dueDate\":\"2018-07-10\"} | field 'what' must be a non-empty string",
                "{\"layer\":\"l\",\"zone\":\"W\",\"what\":5,\"agency\":\"DPW\",\"dueDate\":\"2018-07-10\"} | field 'what' must be a non-empty string",
                "{\"layer\":\"l\",\"zone\":\"W\",\"what\":true,\"agency\":\"DPW\",\"dueDate\":\"2018-07-10\"} | field 'what' must be a non-empty string",
                "{\"layer\":\"l\",\"zone\":\"W\",\"what\":[\"x\"],\"agency\":\"DPW\",\"dueDate\":\"2018-07-10\"} | field 'what' must be a non-empty string",
                "{\"layer\":\"l\",\"zone\":\"W\",\"what\":\"x\",\"agency\":\"DPW\",\"dueDate\":\"soon\"} | field 'dueDate' must be a date like 2018-07-14, was 'soon'",
                "{\"layer\":\"l\",\"zone\":\"W\",\"what\":\"x\",\"agency\":\"DPW\"} | field 'dueDate' is required",
                "{\"layer\":\"l\",\"zone\":\"W\",\"what\":\"x\",\"agency\":\"DPW\",\"assignee\":\"\",\"dueDate\":\"2018-07-10\"} | field 'assignee' must be a non-empty string",
                "[1,2] | the request body must be a JSON object",
                "\"text\" | the request body must be a JSON object",
                "null | the request body must be a JSON object",
                "'' | the request body must be a JSON object",
                "{not json | the request body is not valid JSON",
                "{\"layer\": | the request body is not valid JSON",
            })
    void a_bad_new_item_is_refused_naming_the_field(String body, String message) {
        assertThatThrownBy(() -> JsonBody.parse(body, ActionItemRequests.Create.class))
                .isInstanceOf(BadRequestResponse.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void a_field_longer_than_its_limit_is_refused_with_the_limit() {
        String what = "x".repeat(501);

        assertThatThrownBy(
                        () ->
                                JsonBody.parse(
                                        "{\"layer\":\"l\",\"zone\":\"W\",\"what\":\""
                                                + what
                                                + "\",\"agency\":\"DPW\",\"dueDate\":\"2018-07-10\"}",
                                        ActionItemRequests.Create.class))
                .hasMessage("field 'what' must be at most 500 characters");
    }

    @Test
    void an_assignment_needs_an_agency_and_a_closing_note_is_optional() {
        assertThatThrownBy(() -> JsonBody.parse("{}", ActionItemRequests.Assign.class))
                .hasMessage("field 'agency' is required");
        assertThat(JsonBody.parse("{\"agency\":\"BGE\"}", ActionItemRequests.Assign.class))
                .isEqualTo(new ActionItemRequests.Assign("BGE", null));
        assertThat(JsonBody.parse("{}", ActionItemRequests.Close.class).note()).isNull();
        assertThat(JsonBody.parse("{\"note\":\" done \"}", ActionItemRequests.Close.class).note())
                .isEqualTo("done");
    }

    @Test
    void the_list_filter_needs_a_layer_for_a_zone_and_a_known_status() {
        assertThatThrownBy(() -> new ActionItemRequests.Filter(null, "Western", null))
                .hasMessage("query parameter 'zone' needs 'layer'");
        assertThatThrownBy(() -> new ActionItemRequests.Filter(null, null, "done"))
                .hasMessage("query parameter 'status' must be open or closed, was 'done'");
    }

    @Test
    void the_list_filter_matches_on_every_member_it_has() {
        ActionItem item =
                new ActionItem(
                        "AI-1",
                        "vri-zones",
                        "Western",
                        "x",
                        "DPW",
                        null,
                        LocalDate.of(2018, 7, 1),
                        ActionItem.OPEN,
                        Instant.EPOCH,
                        Instant.EPOCH,
                        null,
                        null);

        assertThat(new ActionItemRequests.Filter(null, null, null).matches(item)).isTrue();
        assertThat(new ActionItemRequests.Filter("vri-zones", "Western", "open").matches(item))
                .isTrue();
        assertThat(new ActionItemRequests.Filter("vri-zones", "Eastern1", null).matches(item))
                .isFalse();
        assertThat(new ActionItemRequests.Filter(null, null, "closed").matches(item)).isFalse();
    }
}
