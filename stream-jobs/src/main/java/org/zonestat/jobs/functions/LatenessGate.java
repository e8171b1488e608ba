package org.zonestat.jobs.functions;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;

/**
 * The operator after the raw source (named and uid'd {@code parse}): it counts every raw record in
 * ({@code zonestat.recordsIn}), sends the records the source's parse rejected to {@link
 * Rejections#TAG} with their reason, and applies the lateness rule to the accepted ones: a record
 * whose event time is more than {@code allowedLateness} behind the watermark (the stream's event
 * time, from the source) is rejected as {@link RejectReason#LATE} ({@link Lateness}, the rule
 * {@code dedupe-and-tag} applies too), since the days it belongs to are final and it is better
 * counted nowhere than in some outputs and not others. The rest go on. Rejections are counted per
 * reason ({@code zonestat.rejected.<reason>}).
 *
 * <p>Why an operator of its own: the parse itself happens once, in the Kafka deserializer ({@link
 * RawRecordParser}), but the deserializer cannot see the watermark that the lateness rule needs,
 * and the next operator is keyed by event id, which a rejected record does not have. Keeping the
 * name and uid {@code parse} keeps the metric names and savepoints of the job as they were.
 *
 * <p>A failure on one record (a defect) rejects that record as {@code internal-error} ({@link
 * InternalErrors}) instead of failing the job.
 *
 * <p>Stateless.
 */
public final class LatenessGate extends ProcessFunction<ParsedRecord, ParsedRecord> {
    private static final long serialVersionUID = 1L;

    private final Lateness lateness;

    private transient Counter in;
    private transient Map<RejectReason, Counter> rejected;

    public LatenessGate(Duration allowedLateness) {
        this(new Lateness(allowedLateness));
    }

    public LatenessGate(Lateness lateness) {
        this.lateness = Objects.requireNonNull(lateness, "lateness");
    }

    @Override
    public void open(OpenContext openContext) {
        in = getRuntimeContext().getMetricGroup().addGroup("zonestat").counter("recordsIn");
        rejected = Rejections.counters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<ParsedRecord> out) {
        in.inc();
        boolean passed;
        try {
            passed = passes(record, ctx);
        } catch (RuntimeException e) {
            reject(ctx, InternalErrors.rejection(record.raw(), "parse", e));
            return;
        }
        // Collected outside the try: chained operators run inside collect().
        if (passed) {
            out.collect(record);
        }
    }

    /** Whether the record goes on; if not, its rejection has been sent. */
    private boolean passes(ParsedRecord record, Context ctx) {
        if (!record.isAccepted()) {
            reject(ctx, record.rejection());
            return false;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (lateness.isLate(record.event().occurredAt().toEpochMilli(), watermark)) {
            reject(ctx, lateness.rejection(record, watermark));
            return false;
        }
        return true;
    }

    private void reject(Context ctx, Rejection rejection) {
        rejected.get(rejection.reason()).inc();
        ctx.output(Rejections.TAG, rejection);
    }
}
