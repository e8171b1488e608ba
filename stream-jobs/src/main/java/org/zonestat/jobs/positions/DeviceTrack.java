package org.zonestat.jobs.positions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.zonestat.geo.Distances;
import org.zonestat.geo.ZoneLocator;
import org.zonestat.geo.fence.Fence;
import org.zonestat.geo.fence.H3CellFence;
import org.zonestat.geo.fence.LayerFences;
import org.zonestat.geo.fence.LonLat;
import org.zonestat.geo.fence.Transition;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.topics.TransitionMessage;

/**
 * One device's track, a fix at a time: what the per-device operator ({@link DeviceTracker}) does
 * with each fix, without Flink, so that every rule can be tested on its own.
 *
 * <p>For a fix it decides, in order:
 *
 * <ol>
 *   <li>refused as {@code duplicate} (the same time and place as the last fix) or {@code
 *       stale-position} (not after the last fix);
 *   <li>refused as {@code outside-zones}: in no zone of any layer;
 *   <li>refused as {@code impossible-speed}: further from the last fix than {@code
 *       maxSpeedMetersPerSecond} allows in the time between; after {@code jumpsBeforeReset} such
 *       fixes in a row the last accepted fix is taken for the outlier: its visits end ({@code
 *       EXIT}, {@code track-reset}) and the new fix starts a new track;
 *   <li>otherwise accepted: for every layer and for the hot cells, the {@link Transition} of each
 *       fence the device may have touched ({@link Transition#of} on the zone of the last fix, the
 *       zone of this one and the fences whose box meets the segment between them; every other fence
 *       is {@code OUTSIDE}). {@code ENTER}, {@code EXIT} and {@code CROSS} become transitions, in
 *       that order of movement (exits, crossings, entries); entries open visits, stays and exits
 *       account them ({@link VisitLedger}).
 * </ol>
 *
 * <p>An off-duty unit is not tracked: going off duty ends its visits ({@code EXIT}, {@code
 * off-duty}), and its fixes make no transitions until it is back on duty, when its next fix enters
 * the zones it is in. {@link #close} ends a silent device's visits at its last fix ({@code
 * signal-lost}).
 *
 * <p>A visit whose fence no longer exists (a layer replaced or removed, a cell no longer hot) ends
 * at the next fix; a fence the device is already inside when it appears (a cell that turned hot)
 * opens a visit without an {@code ENTER}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DeviceTrack {
    /** The layer id of hot-cell fences and visits. */
    public static final String HOT_CELLS = TransitionMessage.HOT_CELLS;

    /** Exit reasons. */
    public static final String SIGNAL_LOST = TransitionMessage.SIGNAL_LOST;

    public static final String OFF_DUTY = TransitionMessage.OFF_DUTY;
    public static final String TRACK_RESET = "track-reset";

    private final PositionConfig config;
    private final VisitLedger ledger;

    public DeviceTrack(PositionConfig config, VisitLedger ledger) {
        this.config = Objects.requireNonNull(config, "config");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * What one fix does.
     *
     * @param state the state to keep (also after a rejection: the old one, or with one more refused
     *     jump); null once a device is closed
     * @param fix the accepted fix, or null
     * @param sighting where the device is now, or null
     * @param transitions entries, exits and crossings, in order
     * @param facts dosage facts for the daily scorecard
     * @param reason why the fix was refused, or null
     * @param detail the sentence, or null
     */
    public record Step(
            DeviceState state,
            PositionFix fix,
            DeviceSighting sighting,
            List<FenceTransition> transitions,
            List<ZoneFact> facts,
            RejectReason reason,
            String detail) {

        public boolean refused() {
            return reason != null;
        }

        static Step refused(DeviceState keep, RejectReason reason, String detail) {
            return new Step(keep, null, null, List.of(), List.of(), reason, detail);
        }
    }

    /** The fix {@code p} of a device whose state is {@code s} (null for a new device). */
    public Step advance(DeviceState s, Position p, Fences fences) {
        long t = p.at().toEpochMilli();
        if (s != null && t <= s.at()) {
            if (t == s.at() && p.lon() == s.lon() && p.lat() == s.lat()) {
                return Step.refused(
                        s,
                        RejectReason.DUPLICATE,
                        "device '" + p.deviceId() + "' already sent this fix at " + p.at());
            }
            return Step.refused(
                    s,
                    RejectReason.STALE_POSITION,
                    "field 'at' "
                            + p.at()
                            + " is not after device '"
                            + p.deviceId()
                            + "''s last fix at "
                            + java.time.Instant.ofEpochMilli(s.at()));
        }
        Map<String, String> zones = fences.zonesAt(p.point());
        if (zones.isEmpty()) {
            return Step.refused(
                    s,
                    RejectReason.OUTSIDE_ZONES,
                    "location lat="
                            + p.lat()
                            + " lon="
                            + p.lon()
                            + " lies in no zone of any layer ("
                            + String.join(", ", fences.layerIds())
                            + ")");
        }
        List<FenceTransition> transitions = new ArrayList<>();
        List<ZoneFact> facts = new ArrayList<>();
        DeviceState base = s;
        if (s != null) {
            double meters = Distances.meters(s.lon(), s.lat(), p.lon(), p.lat());
            double seconds = (t - s.at()) / 1000.0;
            if (meters > config.maxSpeedMetersPerSecond() * seconds) {
                if (s.rejectedJumps() + 1 < config.jumpsBeforeReset()) {
                    return Step.refused(
                            s.withRejectedJump(),
                            RejectReason.IMPOSSIBLE_SPEED,
                            String.format(
                                    java.util.Locale.ROOT,
                                    "device '%s' moved %.0f m in %.1f s since its last fix (%.0f m/s,"
                                            + " more than %.0f m/s)",
                                    p.deviceId(),
                                    meters,
                                    seconds,
                                    meters / seconds,
                                    config.maxSpeedMetersPerSecond()));
                }
                endAll(p.deviceId(), s, s.at(), s.point(), TRACK_RESET, transitions, facts);
                base = null;
            }
        }
        Map<String, Visit> visits = new LinkedHashMap<>();
        if (base != null && base.tracked()) {
            visits.putAll(base.visits());
        }
        LonLat cur = p.point();
        if (!p.isTracked()) {
            if (base != null && base.tracked()) {
                endAll(p.deviceId(), base, t, cur, OFF_DUTY, transitions, facts);
            }
            visits.clear();
        } else {
            LonLat prev = base != null && base.tracked() ? base.point() : null;
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < fences.layerIds().size(); i++) {
                String layer = fences.layerIds().get(i);
                seen.add(layer);
                trackLayer(
                        p,
                        prev,
                        layer,
                        fences.layer(i),
                        fences.versions().getOrDefault(layer, 0),
                        visits,
                        transitions,
                        facts);
            }
            seen.add(HOT_CELLS);
            trackHotCells(p, prev, fences, visits, transitions, facts);
            // Visits in layers that are gone end here.
            for (String layer : new ArrayList<>(visits.keySet())) {
                if (!seen.contains(layer)) {
                    Visit v = visits.remove(layer);
                    exit(p, layer, 0, v, t, cur, null, transitions, facts);
                }
            }
        }
        H3CellFence hot = fences.hotCellAt(cur);
        DeviceState next =
                new DeviceState(t, p.lon(), p.lat(), p.kind(), p.team(), p.status(), visits, 0);
        DeviceSighting sighting =
                new DeviceSighting(
                        p.deviceId(),
                        p.kind(),
                        p.team(),
                        p.status(),
                        t,
                        p.lon(),
                        p.lat(),
                        base == null ? 0 : base.at(),
                        base == null ? 0 : base.lon(),
                        base == null ? 0 : base.lat(),
                        false);
        return new Step(
                next,
                new PositionFix(p, zones, hot == null ? null : hot.address()),
                sighting,
                List.copyOf(transitions),
                List.copyOf(facts),
                null,
                null);
    }

    /**
     * A silent device's end: its visits exit at its last fix, marked {@code signal-lost}, and its
     * state is gone.
     */
    public Step close(String deviceId, DeviceState s) {
        List<FenceTransition> transitions = new ArrayList<>();
        List<ZoneFact> facts = new ArrayList<>();
        endAll(deviceId, s, s.at(), s.point(), SIGNAL_LOST, transitions, facts);
        DeviceSighting gone =
                new DeviceSighting(
                        deviceId,
                        s.kind(),
                        s.team(),
                        s.status(),
                        s.at(),
                        s.lon(),
                        s.lat(),
                        0,
                        0,
                        0,
                        true);
        return new Step(null, null, gone, List.copyOf(transitions), List.copyOf(facts), null, null);
    }

    /** One fence's outcome for this fix. */
    private record Outcome(String zone, Fence fence, Transition transition) {}

    private void trackLayer(
            Position p,
            LonLat prev,
            String layer,
            LayerFences lf,
            int version,
            Map<String, Visit> visits,
            List<FenceTransition> transitions,
            List<ZoneFact> facts) {
        LonLat cur = p.point();
        Set<Integer> candidates = new TreeSet<>();
        int now = lf.zoneAt(cur);
        if (now != ZoneLocator.NO_ZONE) {
            candidates.add(now);
        }
        if (prev != null) {
            int before = lf.zoneAt(prev);
            if (before != ZoneLocator.NO_ZONE) {
                candidates.add(before);
            }
            candidates.addAll(lf.crossCandidates(prev, cur));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int z : candidates) {
            Fence fence = lf.fence(z);
            outcomes.add(
                    new Outcome(lf.layer().zone(z).name(), fence, Transition.of(prev, cur, fence)));
        }
        apply(p, prev, layer, version, outcomes, visits, transitions, facts);
    }

    private void trackHotCells(
            Position p,
            LonLat prev,
            Fences fences,
            Map<String, Visit> visits,
            List<FenceTransition> transitions,
            List<ZoneFact> facts) {
        LonLat cur = p.point();
        Map<String, H3CellFence> candidates = new LinkedHashMap<>();
        H3CellFence now = fences.hotCellAt(cur);
        if (now != null) {
            candidates.put(now.address(), now);
        }
        if (prev != null) {
            H3CellFence before = fences.hotCellAt(prev);
            if (before != null) {
                candidates.put(before.address(), before);
            }
            for (H3CellFence c : fences.hotCellCandidates(prev, cur)) {
                candidates.putIfAbsent(c.address(), c);
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (H3CellFence c : candidates.values()) {
            outcomes.add(new Outcome(c.address(), c, Transition.of(prev, cur, c)));
        }
        apply(p, prev, HOT_CELLS, 0, outcomes, visits, transitions, facts);
    }

    /** Exits, crossings, stays and entries of one layer, in that order; then stale visits end. */
    private void apply(
            Position p,
            LonLat prev,
            String layer,
            int version,
            List<Outcome> outcomes,
            Map<String, Visit> visits,
            List<FenceTransition> transitions,
            List<ZoneFact> facts) {
        long t = p.at().toEpochMilli();
        LonLat cur = p.point();
        String insideNow = null;
        for (Outcome o : outcomes) {
            if (o.transition() == Transition.EXIT) {
                Visit v = visits.get(layer);
                if (v != null && v.zone().equals(o.zone())) {
                    visits.remove(layer);
                    exit(p, layer, version, v, t, cur, null, transitions, facts);
                }
            }
        }
        for (Outcome o : outcomes) {
            if (o.transition() == Transition.CROSS) {
                transitions.add(transition(p, Transition.CROSS, layer, o.zone(), t, cur, 0, null));
            }
        }
        for (Outcome o : outcomes) {
            if (o.transition() == Transition.INSIDE) {
                insideNow = o.zone();
                Visit v = visits.get(layer);
                if (v != null && v.zone().equals(o.zone())) {
                    visits.put(
                            layer,
                            ledger.stay(
                                    p.deviceId(), p.kind(), p.team(), layer, version, v, t, facts));
                }
            } else if (o.transition() == Transition.ENTER) {
                insideNow = o.zone();
            }
        }
        // A visit to a zone the device is not inside now (its fence changed or went) ends here.
        Visit open = visits.get(layer);
        if (open != null && !open.zone().equals(insideNow)) {
            visits.remove(layer);
            exit(p, layer, version, open, t, cur, null, transitions, facts);
        }
        for (Outcome o : outcomes) {
            if (o.transition() == Transition.ENTER) {
                transitions.add(transition(p, Transition.ENTER, layer, o.zone(), t, cur, 0, null));
                visits.put(
                        layer,
                        ledger.open(
                                p.deviceId(),
                                p.kind(),
                                p.team(),
                                layer,
                                o.zone(),
                                version,
                                t,
                                facts));
            } else if (o.transition() == Transition.INSIDE && !visits.containsKey(layer)) {
                // Inside a fence that was not there at the last fix (a cell that turned hot).
                visits.put(
                        layer,
                        ledger.open(
                                p.deviceId(),
                                p.kind(),
                                p.team(),
                                layer,
                                o.zone(),
                                version,
                                t,
                                facts));
            }
        }
    }

    private void endAll(
            String deviceId,
            DeviceState s,
            long t,
            LonLat where,
            String reason,
            List<FenceTransition> transitions,
            List<ZoneFact> facts) {
        if (!s.tracked()) {
            return;
        }
        for (Map.Entry<String, Visit> e : s.visits().entrySet()) {
            Visit v = e.getValue();
            ledger.close(deviceId, s.kind(), s.team(), e.getKey(), 0, v, t, facts);
            transitions.add(
                    new FenceTransition(
                            deviceId,
                            s.kind(),
                            s.team(),
                            Transition.EXIT,
                            e.getKey(),
                            v.zone(),
                            java.time.Instant.ofEpochMilli(t),
                            where.lon(),
                            where.lat(),
                            v.enteredAt(),
                            reason));
        }
    }

    private void exit(
            Position p,
            String layer,
            int version,
            Visit v,
            long t,
            LonLat where,
            String reason,
            List<FenceTransition> transitions,
            List<ZoneFact> facts) {
        ledger.close(p.deviceId(), p.kind(), p.team(), layer, version, v, t, facts);
        transitions.add(
                transition(p, Transition.EXIT, layer, v.zone(), t, where, v.enteredAt(), reason));
    }

    private static FenceTransition transition(
            Position p,
            Transition transition,
            String layer,
            String zone,
            long t,
            LonLat where,
            long enteredAt,
            String reason) {
        return new FenceTransition(
                p.deviceId(),
                p.kind(),
                p.team(),
                transition,
                layer,
                zone,
                java.time.Instant.ofEpochMilli(t),
                where.lon(),
                where.lat(),
                enteredAt,
                reason);
    }
}
