package org.zonestat.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.CloseableIterator;
import org.zonestat.jobs.model.TaggedEvent;

/** Helpers for bounded test runs of graph pieces on the MiniCluster. */
public final class BoundedRuns {
    private BoundedRuns() {}

    /** A watermark just behind every event, so the run is the same every time. */
    public static final class EveryEvent implements WatermarkGenerator<TaggedEvent> {
        @Override
        public void onEvent(TaggedEvent event, long eventTimestamp, WatermarkOutput output) {
            output.emitWatermark(new Watermark(eventTimestamp - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    /** Everything a collected stream produced, once the bounded job has ended. */
    public static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
