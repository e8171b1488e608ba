package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One incident on {@code incidents.raw}, as a police feed or a replayer writes it.
 *
 * <p>Only what makes it a record is checked here (an id, a kind, a time); whether its values can be
 * used (a location in range, a known kind) is the job's to decide, with a reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the source's id (case number; {@code L<line>} for exports without one)
 * @param source the feed's name, e.g. {@code bpd-part1-2018}; null: the topic name
 * @param kind {@code HOMICIDE}, {@code SHOOTING}, {@code AGGRAVATED_ASSAULT}, {@code ROBBERY},
 *     {@code OTHER_VIOLENT} or {@code OTHER} (the job also reads other spellings and rejects
 *     unknown kinds, so it is not checked here)
 * @param type the source's description, e.g. {@code HOMICIDE + NON FATAL SHOOTING}, or null
 * @param occurredAt when it happened
 * @param lat latitude, or null
 * @param lon longitude, or null
 * @param address block address, or null
 * @param details the feed's other fields ({@code crimeCode}, {@code weapon}, {@code district}, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawIncident(
        @JsonProperty(required = true) String id,
        String source,
        @JsonProperty(required = true) String kind,
        String type,
        @JsonProperty(required = true) Instant occurredAt,
        Double lat,
        Double lon,
        String address,
        @JsonAnyGetter @JsonAnySetter @JsonInclude(JsonInclude.Include.ALWAYS)
                Map<String, Object> details)
        implements RawInput {

    private static final Set<String> DECLARED =
            Set.of("id", "source", "kind", "type", "occurredAt", "lat", "lon", "address");

    public RawIncident {
        Fields.requireText(id, "id");
        Fields.requireText(kind, "kind");
        Fields.require(occurredAt, "occurredAt");
        details = Fields.details(details, DECLARED);
    }
}
