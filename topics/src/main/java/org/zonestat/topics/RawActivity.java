package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One thing an agency did, on {@code activities.raw}: an outreach contact, a site visit, an
 * inspection, a cleanup, ... Written by the console's forms and by a backfill of an agency's CSV
 * through a mapping; the job validates it, tags it with its zones and counts it per zone and day.
 *
 * <p>It never names the person contacted: an outreach contact may carry a {@code contactToken}, a
 * keyed hash of the contact valid for one week ({@link ContactTokens}), from which the job counts
 * unique contacts without ever knowing who.
 *
 * <p>Only what makes it a record is checked here (an id, a kind, a time); whether its values can be
 * used (a known kind, an agency, a location in a zone, a count of at least 1) is the job's to
 * decide, with a reason on {@code rejected}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the activity's id (the source's, or the console's)
 * @param source the feed's name; null: the topic name
 * @param kind an {@link ActivityKind} name
 * @param agency the agency that did it, e.g. {@code DHCD}, {@code Safe Streets}
 * @param occurredAt when it was done
 * @param lat latitude, or null
 * @param lon longitude, or null
 * @param placeId the place it concerns ({@code places} topic), or null
 * @param count how many (contacts made, lights repaired); null: 1
 * @param outcome what came of it (an inspection's result), or null
 * @param contactToken an outreach contact's weekly token, or null
 * @param address block address, or null
 * @param details the feed's other fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawActivity(
        @JsonProperty(required = true) String id,
        String source,
        @JsonProperty(required = true) String kind,
        String agency,
        @JsonProperty(required = true) Instant occurredAt,
        Double lat,
        Double lon,
        String placeId,
        Integer count,
        String outcome,
        String contactToken,
        String address,
        @JsonAnyGetter @JsonAnySetter @JsonInclude(JsonInclude.Include.ALWAYS)
                Map<String, Object> details)
        implements RawInput {

    private static final Set<String> DECLARED =
            Set.of(
                    "id",
                    "source",
                    "kind",
                    "agency",
                    "occurredAt",
                    "lat",
                    "lon",
                    "placeId",
                    "count",
                    "outcome",
                    "contactToken",
                    "address");

    public RawActivity {
        Fields.requireText(id, "id");
        Fields.requireText(kind, "kind");
        Fields.require(occurredAt, "occurredAt");
        details = Fields.details(details, DECLARED);
    }
}
