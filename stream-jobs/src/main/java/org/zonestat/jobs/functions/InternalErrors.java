package org.zonestat.jobs.functions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;

/**
 * An operator that fails on one record rejects that record as {@code internal-error} instead of
 * failing the job: a restart would only meet the same record again. The failure is a defect of the
 * job, so it is also logged at WARN with its stack trace.
 *
 * <p>Stateless and thread-safe.
 */
public final class InternalErrors {
    private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);

    private InternalErrors() {}

    /** The rejection of {@code raw}, on which {@code stage} failed with {@code failure}. */
    public static Rejection rejection(RawRecord raw, String stage, RuntimeException failure) {
        LOG.warn(
                "{} failed on record {}/{}/{}; it is rejected as internal-error",
                stage,
                raw.topic(),
                raw.partition(),
                raw.offset(),
                failure);
        return new Rejection(raw, RejectReason.INTERNAL_ERROR, detail(stage, failure));
    }

    /** A sentence naming the stage and the failure. */
    public static String detail(String stage, RuntimeException failure) {
        return "the job failed on this record in '"
                + stage
                + "': "
                + failure.getClass().getSimpleName()
                + ": "
                + Texts.excerpt(String.valueOf(failure.getMessage()), 4 * FieldLimits.QUOTED_CHARS);
    }
}
