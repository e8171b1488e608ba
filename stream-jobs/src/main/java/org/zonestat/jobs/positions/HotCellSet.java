package org.zonestat.jobs.positions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The current hot cells, kept in broadcast state by every operator that fences on them: cell → the
 * end of the latest window that judged it, positive when hot and negative when not (so an older
 * window never overrides a newer one). A cell judged not hot is forgotten once a window 30 days
 * newer has been seen, which keeps the state to the cells hot in the last month.
 *
 * <p>Stateless itself; the state is the operator's.
 */
public final class HotCellSet {
    /** Broadcast state: cell → ±window end (epoch ms). */
    public static final MapStateDescriptor<String, Long> DESCRIPTOR =
            new MapStateDescriptor<>("hot-cells", Types.STRING, Types.LONG);

    private static final long FORGET_AFTER_MILLIS = 30L * 24 * 60 * 60 * 1000;

    private HotCellSet() {}

    /** Applies one cell's judgement; returns whether the set of hot cells changed. */
    public static boolean apply(BroadcastState<String, Long> state, FenceUpdate u)
            throws Exception {
        Long known = state.get(u.cell());
        if (known != null && Math.abs(known) > u.windowEnd()) {
            return false;
        }
        boolean wasHot = known != null && known > 0;
        state.put(u.cell(), u.hot() ? u.windowEnd() : -u.windowEnd());
        List<String> forget = new ArrayList<>();
        for (Map.Entry<String, Long> e : state.entries()) {
            if (e.getValue() < 0 && -e.getValue() < u.windowEnd() - FORGET_AFTER_MILLIS) {
                forget.add(e.getKey());
            }
        }
        for (String c : forget) {
            state.remove(c);
        }
        return wasHot != u.hot();
    }

    /** The hot cells. */
    public static List<String> hot(ReadOnlyBroadcastState<String, Long> state) throws Exception {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : state.immutableEntries()) {
            if (e.getValue() > 0) {
                out.add(e.getKey());
            }
        }
        out.sort(null);
        return out;
    }

    /** Whether the cell is hot. */
    public static boolean isHot(ReadOnlyBroadcastState<String, Long> state, String cell)
            throws Exception {
        Long v = state.get(cell);
        return v != null && v > 0;
    }
}
