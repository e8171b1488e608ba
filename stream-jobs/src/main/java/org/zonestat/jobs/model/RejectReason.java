package org.zonestat.jobs.model;

/**
 * Why a raw record was not turned into an event. Each has a stable wire code used on the {@code
 * rejected} topic and in metrics.
 */
public enum RejectReason {
    MALFORMED_JSON("malformed-json"),
    MISSING_FIELD("missing-field"),
    INVALID_FIELD("invalid-field"),
    UNKNOWN_KIND("unknown-kind"),
    MISSING_LOCATION("missing-location"),
    ZERO_COORDINATES("zero-coordinates"),
    SWAPPED_COORDINATES("swapped-coordinates"),
    OUTSIDE_ZONES("outside-zones"),
    FUTURE_TIMESTAMP("future-timestamp"),
    /** More than the allowed lateness behind the stream's event time (its watermark). */
    LATE("late"),
    DUPLICATE("duplicate"),
    /** The record, or one of its text fields, is longer than its limit. */
    TOO_LARGE("too-large"),
    /** An operator failed on the record: a defect of the job, reported instead of a restart. */
    INTERNAL_ERROR("internal-error");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
