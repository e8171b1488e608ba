package org.zonestat.jobs.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * A fault drill: on the first execution attempt, once this subtask has passed {@code failAfter}
 * records and at least one checkpoint has completed, it throws once, so that the job restarts from
 * that checkpoint. To make sure a checkpoint completes before the failure, the first attempt is
 * paced at one record per millisecond per subtask, and at one per 10 ms once past {@code failAfter}
 * while no checkpoint has completed yet. Later attempts pass every record at full speed. Used to
 * prove that committed outputs survive a failure with no loss and no duplicate; not in the graph in
 * normal operation ({@code --fail-after-records 0}).
 *
 * <p>No shared state: the attempt number comes from the runtime.
 */
public final class FaultDrill<T> extends RichMapFunction<T, T> implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    private final long failAfter;
    private transient long seen;
    private transient boolean armed;
    private transient volatile boolean checkpointCompleted;

    public FaultDrill(long failAfter) {
        if (failAfter <= 0) {
            throw new IllegalArgumentException("failAfter must be > 0, was " + failAfter);
        }
        this.failAfter = failAfter;
    }

    @Override
    public void open(OpenContext openContext) {
        armed = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
        seen = 0;
        checkpointCompleted = false;
    }

    @Override
    public T map(T value) throws InterruptedException {
        if (armed) {
            if (++seen > failAfter && checkpointCompleted) {
                throw new FaultDrillException(
                        "fault drill: failing after "
                                + seen
                                + " records and a completed checkpoint, on the first attempt");
            }
            // Slow enough that a checkpoint completes while input remains: slower still once past
            // failAfter and still waiting for one.
            Thread.sleep(seen > failAfter ? 10 : 1);
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointCompleted = true;
    }

    /** The drill's deliberate failure. */
    public static final class FaultDrillException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FaultDrillException(String message) {
            super(message);
        }
    }
}
