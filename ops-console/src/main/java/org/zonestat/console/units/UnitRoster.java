package org.zonestat.console.units;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.zonestat.console.LiveTransition;
import org.zonestat.console.LiveUnit;
import org.zonestat.topics.TransitionMessage;

/**
 * What the console knows about moving devices, from {@code transitions}: each device's latest
 * position, its track of the last {@link #TRACK_SPAN} (at most {@value #TRACK_POINTS} fixes), and
 * the visits it is in (the zones and hot cells it entered and has not left, with the time it
 * entered: a handheld's dosage timer).
 *
 * <p>Thread-safe (one lock; the feed's thread writes, request and socket threads read).
 */
public final class UnitRoster {
    /** How much of a track is kept. */
    public static final Duration TRACK_SPAN = Duration.ofHours(2);

    static final int TRACK_POINTS = 1_000;

    /**
     * A visit in progress.
     *
     * @param layer the layer id or {@code hot-cells}
     * @param zone the zone or cell
     * @param since when the device entered
     */
    public record Visit(String layer, String zone, Instant since) {}

    private final Map<String, ArrayDeque<LiveUnit>> tracks = new LinkedHashMap<>();
    private final Map<String, Map<String, Visit>> visits = new LinkedHashMap<>();

    /** Adds a fix (an older fix than the device's latest one is ignored). */
    public synchronized void accept(LiveUnit fix) {
        ArrayDeque<LiveUnit> track =
                tracks.computeIfAbsent(fix.deviceId(), d -> new ArrayDeque<>());
        if (!track.isEmpty() && !fix.at().isAfter(track.peekLast().at())) {
            return;
        }
        track.addLast(fix);
        Instant horizon = fix.at().minus(TRACK_SPAN);
        while (track.size() > TRACK_POINTS || track.peekFirst().at().isBefore(horizon)) {
            track.removeFirst();
        }
    }

    /** Follows a transition: an entry opens a visit, an exit closes it. */
    public synchronized void accept(LiveTransition t) {
        Map<String, Visit> open = visits.computeIfAbsent(t.deviceId(), d -> new TreeMap<>());
        if (TransitionMessage.ENTER.equals(t.transition())) {
            open.put(t.layer(), new Visit(t.layer(), t.zone(), t.at()));
        } else if (TransitionMessage.EXIT.equals(t.transition())) {
            Visit v = open.get(t.layer());
            if (v != null && v.zone().equals(t.zone())) {
                open.remove(t.layer());
            }
        }
        if (open.isEmpty()) {
            visits.remove(t.deviceId());
        }
    }

    /** The device's latest position. */
    public synchronized Optional<LiveUnit> latest(String deviceId) {
        ArrayDeque<LiveUnit> track = tracks.get(deviceId);
        return track == null || track.isEmpty() ? Optional.empty() : Optional.of(track.peekLast());
    }

    /** The device's kept track, oldest first. */
    public synchronized List<LiveUnit> track(String deviceId) {
        ArrayDeque<LiveUnit> track = tracks.get(deviceId);
        return track == null ? List.of() : List.copyOf(track);
    }

    /** Every unit's latest position (monitored devices left out), oldest fix first. */
    public synchronized List<LiveUnit> units() {
        List<LiveUnit> out = new ArrayList<>();
        for (ArrayDeque<LiveUnit> t : tracks.values()) {
            if (!t.isEmpty() && !t.peekLast().restricted()) {
                out.add(t.peekLast());
            }
        }
        out.sort(java.util.Comparator.comparing(LiveUnit::at));
        return out;
    }

    /** The visits the device is in, by layer. */
    public synchronized List<Visit> visits(String deviceId) {
        Map<String, Visit> open = visits.get(deviceId);
        return open == null ? List.of() : List.copyOf(open.values());
    }
}
