package org.zonestat.jobs.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Sends tagged activities (what agencies did) to {@link #ACTIVITIES}, for {@code activity-log}, and
 * every other tagged event on, for {@code events}: the live map and its readers see incidents, 311
 * and tips only. Counts the activities in {@code zonestat.activitiesOut} ({@code eventsOut} of
 * {@code dedupe-and-tag} counts both).
 *
 * <p>Stateless.
 */
public final class ActivityRouting extends ProcessFunction<TaggedEvent, TaggedEvent> {
    private static final long serialVersionUID = 1L;

    /** Tagged activities. */
    public static final OutputTag<TaggedEvent> ACTIVITIES = new OutputTag<>("activities") {};

    private transient Counter activities;

    @Override
    public void open(OpenContext openContext) {
        activities =
                getRuntimeContext().getMetricGroup().addGroup("zonestat").counter("activitiesOut");
    }

    @Override
    public void processElement(TaggedEvent e, Context ctx, Collector<TaggedEvent> out) {
        if (e.event().stream() == EventStream.ACTIVITY) {
            activities.inc();
            ctx.output(ACTIVITIES, e);
        } else {
            out.collect(e);
        }
    }
}
