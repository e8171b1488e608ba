package org.zonestat.jobs.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.zonestat.jobs.model.ActivityDetails;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.topics.ActivityKind;
import org.zonestat.topics.ContactTokens;

/**
 * Reads and checks the fields an activity of {@code activities.raw} has beyond an event's (which
 * {@link RawRecordParser} checks first: id, time, location): {@code kind} (an {@link
 * ActivityKind}), {@code agency}, an optional {@code count} (a whole number from 1 to {@value
 * #MAX_COUNT}, default 1), {@code placeId}, {@code outcome}, and a {@code contactToken} of a
 * token's shape on an outreach contact only (a name typed where a token belongs is refused, not
 * stored). Text fields have the parser's length and Unicode checks ({@link FieldLimits}).
 *
 * <p>Stateless and thread-safe.
 */
final class ActivityFields {
    /** The largest count one activity record may carry. */
    static final long MAX_COUNT = 10_000;

    private ActivityFields() {}

    /** An activity's kind and details. */
    record Read(ActivityKind kind, ActivityDetails details) {}

    /**
     * The activity's own fields.
     *
     * @throws RawRecordParser.Refusal naming the field that cannot be used and why
     */
    static Read read(JsonNode root) throws RawRecordParser.Refusal {
        String kindText = RawRecordParser.required(root, "kind");
        Optional<ActivityKind> kind = ActivityKind.parse(kindText);
        if (kind.isEmpty()) {
            throw new RawRecordParser.Refusal(
                    RejectReason.UNKNOWN_KIND,
                    "field 'kind' has unknown activity kind '"
                            + Texts.excerpt(kindText, FieldLimits.QUOTED_CHARS)
                            + "'");
        }
        String agency = RawRecordParser.required(root, "agency");
        long count = 1;
        JsonNode countNode = root.get("count");
        if (countNode != null && !countNode.isNull()) {
            if (!countNode.isIntegralNumber()
                    || countNode.asLong() < 1
                    || countNode.asLong() > MAX_COUNT) {
                throw new RawRecordParser.Refusal(
                        RejectReason.INVALID_FIELD,
                        "field 'count' must be a whole number from 1 to "
                                + MAX_COUNT
                                + ", was "
                                + Texts.excerpt(countNode.toString(), FieldLimits.QUOTED_CHARS));
            }
            count = countNode.asLong();
        }
        String token = RawRecordParser.optional(root, "contactToken").orElse(null);
        if (token != null) {
            if (kind.get() != ActivityKind.OUTREACH_CONTACT) {
                throw new RawRecordParser.Refusal(
                        RejectReason.INVALID_FIELD,
                        "field 'contactToken' is for OUTREACH_CONTACT only, not "
                                + kind.get().name());
            }
            if (!ContactTokens.isToken(token)) {
                throw new RawRecordParser.Refusal(
                        RejectReason.INVALID_FIELD,
                        "field 'contactToken' is not a contact token (22 base64url characters);"
                                + " it is not kept");
            }
        }
        return new Read(
                kind.get(),
                new ActivityDetails(
                        agency,
                        RawRecordParser.optional(root, "placeId").orElse(null),
                        count,
                        RawRecordParser.optional(root, "outcome").orElse(null),
                        token));
    }
}
