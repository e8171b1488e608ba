package org.zonestat.jobs.functions;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a control input (the {@code zones} layer updates): none. The input marks itself
 * idle, so that joining it to the event stream never holds the event stream's event time back,
 * whether the control topic is quiet or not, and never moves it on either.
 *
 * <p>Why idle and not a watermark at the end of time: when every raw partition has been quiet for
 * the idleness timeout (a night with no records, a live feed between two records), the event
 * stream's input is idle too, and an operator takes the watermark of its active inputs only. A
 * control input at the end of time would then carry the whole job to the end of time: every 311
 * request would turn overdue, every window would close, and every later record would be past its
 * day. Two idle inputs leave event time where the records put it.
 */
public final class NeverHoldsBackWatermarks<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
