package org.zonestat.jobs.positions;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a stream that carries no event time of its own (the fence updates, the dosage
 * facts): it is marked idle, so an operator it joins takes its event time from its other input
 * alone, neither held back by this one nor pushed to the end of time by it. (A generator that
 * emitted the end of time instead would make the joined operator's time jump there whenever its
 * other input went idle for a while, firing every timer at once.)
 *
 * <p>Not thread-safe; Flink keeps one per parallel instance.
 */
public final class NoEventTime<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
