package org.zonestat.benchmarks;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.functions.ZoneLayers;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.positions.DeviceState;
import org.zonestat.jobs.positions.DeviceTrack;
import org.zonestat.jobs.positions.FenceTransition;
import org.zonestat.jobs.positions.Fences;
import org.zonestat.jobs.positions.ParsedPosition;
import org.zonestat.jobs.positions.PositionConfig;
import org.zonestat.jobs.positions.PositionParser;
import org.zonestat.jobs.positions.VisitLedger;

/**
 * The oracle of the positions benchmark's exactness: the job's own per-device logic ({@link
 * PositionParser}, then {@link DeviceTrack}) folded over the same fixes in one thread, in the order
 * they were published, with the silence timer applied whenever a device's next fix comes more than
 * the silence timeout after its last, and every device closed at the end (as the bounded job's
 * final watermark does). What the job wrote under load must equal this: the entries, exits and
 * crossings of every zone layer, and per zone and day the dosage minutes (to 0.1 minute, as {@code
 * zone-stats} writes them), visits and long visits. Hot cells are left out: which cells are hot
 * depends on when the job's hotspot windows fire, which a sequential fold does not reproduce.
 *
 * <p>Not thread-safe: one publishing thread feeds it.
 */
final class TrackReference {
    private final PositionParser parser;
    private final DeviceTrack track;
    private final Fences fences;
    private final ZoneId timeZone;
    private final long silenceMillis;
    private final Map<String, DeviceState> devices = new HashMap<>();
    private final Map<String, Long> transitions = new TreeMap<>();
    private final Map<String, double[]> dosage = new TreeMap<>();
    private long accepted;
    private long refused;
    private long silenceClosed;

    TrackReference(
            List<ZoneLayerSpec> layers,
            int cellResolution,
            ZoneId timeZone,
            PositionConfig config) {
        this.parser = new PositionParser(config.futureTolerance());
        this.track = new DeviceTrack(config, new VisitLedger(timeZone, config.longVisit()));
        this.fences = Fences.of(ZoneLayers.initial(layers), cellResolution);
        this.timeZone = timeZone;
        this.silenceMillis = config.silence().toMillis();
    }

    /** One record of {@code positions.raw}, received (appended) at {@code receivedAtMillis}. */
    void accept(String topic, long receivedAtMillis, String json) {
        ParsedPosition p = parser.parse(new RawRecord(topic, 0, 0, receivedAtMillis, json));
        if (!p.isAccepted()) {
            refused++;
            return;
        }
        String id = p.position().deviceId();
        DeviceState before = devices.get(id);
        if (before != null && p.eventTimeMillis() > before.at() + silenceMillis) {
            count(track.close(id, before));
            silenceClosed++;
            before = null;
            devices.remove(id);
        }
        DeviceTrack.Step step = track.advance(before, p.position(), fences);
        if (step.refused()) {
            refused++;
        } else {
            accepted++;
            count(step);
        }
        if (step.state() != null) {
            devices.put(id, step.state());
        }
    }

    /** Closes every device, as the end of a bounded run does. */
    void finish() {
        devices.forEach((id, s) -> count(track.close(id, s)));
        devices.clear();
    }

    private void count(DeviceTrack.Step step) {
        for (FenceTransition t : step.transitions()) {
            if (!t.layer().equals(DeviceTrack.HOT_CELLS)) {
                transitions.merge(t.transition().name(), 1L, Long::sum);
            }
        }
        for (ZoneFact f : step.facts()) {
            if (f.layer().equals(DeviceTrack.HOT_CELLS)) {
                continue;
            }
            LocalDate day = f.occurredAt().atZone(timeZone).toLocalDate();
            double[] d =
                    dosage.computeIfAbsent(
                            f.layer() + "/" + f.zone() + "/" + day, k -> new double[6]);
            switch (f.measure()) {
                case PATROL_MINUTES -> d[0] += f.value();
                case PATROL_VISIT -> d[1]++;
                case PATROL_LONG_VISIT -> d[2]++;
                case OUTREACH_MINUTES -> d[3] += f.value();
                case OUTREACH_VISIT -> d[4]++;
                case OUTREACH_LONG_VISIT -> d[5]++;
                default -> {}
            }
        }
    }

    long accepted() {
        return accepted;
    }

    long refused() {
        return refused;
    }

    /** Devices the silence timer closed between two of their fixes. */
    long silenceClosed() {
        return silenceClosed;
    }

    /** Zone-layer transitions by type ({@code ENTER}, {@code EXIT}, {@code CROSS}). */
    Map<String, Long> transitions() {
        return transitions;
    }

    /**
     * Per {@code layer/zone/day}: patrol minutes, visits, long visits, outreach minutes, visits,
     * long visits.
     */
    Map<String, double[]> dosage() {
        return dosage;
    }
}
