package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One tip on {@code tips.raw}, as a tip line writes it. It carries nothing about who called: the
 * job drops any tipster field a feed sends.
 *
 * <p>Only what makes it a record is checked here (an id, a category, a time); whether its values
 * can be used is the job's to decide, with a reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the tip's id
 * @param source the feed's name; null: the topic name
 * @param category e.g. {@code GUNS}, {@code DRUGS}, {@code VIOLENCE}
 * @param occurredAt when the tip was received
 * @param lat approximate latitude, or null
 * @param lon approximate longitude, or null
 * @param address block address, or null
 * @param text what the tip says, or null
 * @param details the feed's other fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawTip(
        @JsonProperty(required = true) String id,
        String source,
        @JsonProperty(required = true) String category,
        @JsonProperty(required = true) Instant occurredAt,
        Double lat,
        Double lon,
        String address,
        String text,
        @JsonAnyGetter @JsonAnySetter @JsonInclude(JsonInclude.Include.ALWAYS)
                Map<String, Object> details)
        implements RawInput {

    private static final Set<String> DECLARED =
            Set.of("id", "source", "category", "occurredAt", "lat", "lon", "address", "text");

    public RawTip {
        Fields.requireText(id, "id");
        Fields.requireText(category, "category");
        Fields.require(occurredAt, "occurredAt");
        details = Fields.details(details, DECLARED);
    }
}
