package org.zonestat.jobs.functions;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Event time of an already tagged event: when the thing happened ({@code occurredAt}), not when it
 * was received. (The job itself reads event time at the source, see {@link
 * ParsedRecordWatermarks}.)
 */
public final class EventTimeAssigner implements SerializableTimestampAssigner<TaggedEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(TaggedEvent element, long recordTimestamp) {
        return element.event().occurredAt().toEpochMilli();
    }
}
