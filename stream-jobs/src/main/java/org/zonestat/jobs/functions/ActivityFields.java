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
 * stored).
 *
 * <p>Stateless and thread-safe.
 */
final class ActivityFields {
    /** The largest count one activity record may carry. */
    static final long MAX_COUNT = 10_000;

    private ActivityFields() {}

    /** An activity's kind and details. */
    record Read(ActivityKind kind, ActivityDetails details) {}

    /** The activity's own fields, or why they cannot be used. */
    static Outcome<Read> read(JsonNode root) {
        Optional<String> kindText = RawRecordParser.text(root, "kind");
        if (kindText.isEmpty()) {
            return missing("kind");
        }
        Optional<ActivityKind> kind = ActivityKind.parse(kindText.get());
        if (kind.isEmpty()) {
            return Outcome.refused(
                    RejectReason.UNKNOWN_KIND,
                    "field 'kind' has unknown activity kind '" + kindText.get() + "'");
        }
        Optional<String> agency = RawRecordParser.text(root, "agency");
        if (agency.isEmpty()) {
            return missing("agency");
        }
        long count = 1;
        JsonNode countNode = root.get("count");
        if (countNode != null && !countNode.isNull()) {
            if (!countNode.isIntegralNumber()
                    || countNode.asLong() < 1
                    || countNode.asLong() > MAX_COUNT) {
                return Outcome.refused(
                        RejectReason.INVALID_FIELD,
                        "field 'count' must be a whole number from 1 to "
                                + MAX_COUNT
                                + ", was "
                                + countNode);
            }
            count = countNode.asLong();
        }
        String token = RawRecordParser.text(root, "contactToken").orElse(null);
        if (token != null) {
            if (kind.get() != ActivityKind.OUTREACH_CONTACT) {
                return Outcome.refused(
                        RejectReason.INVALID_FIELD,
                        "field 'contactToken' is for OUTREACH_CONTACT only, not "
                                + kind.get().name());
            }
            if (!ContactTokens.isToken(token)) {
                return Outcome.refused(
                        RejectReason.INVALID_FIELD,
                        "field 'contactToken' is not a contact token (22 base64url characters);"
                                + " it is not kept");
            }
        }
        return Outcome.accepted(
                new Read(
                        kind.get(),
                        new ActivityDetails(
                                agency.get(),
                                RawRecordParser.text(root, "placeId").orElse(null),
                                count,
                                RawRecordParser.text(root, "outcome").orElse(null),
                                token)));
    }

    private static Outcome<Read> missing(String field) {
        return Outcome.refused(RejectReason.MISSING_FIELD, "field '" + field + "' is missing");
    }
}
