package org.zonestat.jobs.positions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.geo.fence.LonLat;
import org.zonestat.geo.fence.SegmentApproach;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.IncidentKind;
import org.zonestat.jobs.model.TaggedEvent;

/**
 * Crime-scene correlation for monitored devices ({@code scene-correlation}): for each shooting or
 * homicide, every monitored device whose track passed within {@code sceneRadiusMeters} (R) of it
 * within {@code sceneWindow} (T) before or after it raises one restricted {@code
 * monitored-near-scene} alert, naming the device, how close its track passed and when. A track is
 * the straight segments between a device's fixes; a segment passes near when its closest point is
 * within R and the time at that point (moving at constant speed) is within T of the incident. The
 * incident may come before or after the fixes: each side is checked against the other's state. One
 * alert per incident and device, raised as soon as a segment qualifies.
 *
 * <p>Keyed by one constant (monitored devices are few). State: device → its track segments of the
 * last {@code trackRetention}, trimmed as new fixes come and removed when the device goes silent;
 * incident → the incident and the devices named for it, removed once the positions' newest time is
 * {@code trackRetention} past it. Times are the data's own: a track segment and an incident are
 * kept by how far the newest fix has moved past them, not by the wall clock.
 */
public final class SceneCorrelation
        extends KeyedCoProcessFunction<String, DeviceSighting, TaggedEvent, Alert> {
    private static final long serialVersionUID = 1L;

    /** Monitored tracks by device id. */
    public static final MapStateDescriptor<String, List<TrackSegment>> TRACKS =
            new MapStateDescriptor<>(
                    "monitored-tracks",
                    Types.STRING,
                    TypeInformation.of(new TypeHint<List<TrackSegment>>() {}));

    /** Incidents still open to correlation, by event id. */
    public static final MapStateDescriptor<String, SceneIncident> INCIDENTS =
            new MapStateDescriptor<>(
                    "scene-incidents", Types.STRING, TypeInformation.of(SceneIncident.class));

    private final PositionConfig config;
    private final String priorityLayer;

    private transient MapState<String, List<TrackSegment>> tracks;
    private transient MapState<String, SceneIncident> incidents;
    private transient ValueState<Long> newest;

    /**
     * @param config R, T and how long tracks are kept
     * @param priorityLayer the layer whose zones make an alert a priority (the focus zones)
     */
    public SceneCorrelation(PositionConfig config, String priorityLayer) {
        this.config = Objects.requireNonNull(config, "config");
        this.priorityLayer = Objects.requireNonNull(priorityLayer, "priorityLayer");
    }

    @Override
    public void open(OpenContext openContext) {
        tracks = getRuntimeContext().getMapState(TRACKS);
        incidents = getRuntimeContext().getMapState(INCIDENTS);
        newest =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("newest-monitored-fix", Types.LONG));
    }

    @Override
    public void processElement1(DeviceSighting s, Context ctx, Collector<Alert> out)
            throws Exception {
        if (s.kind() != DeviceKind.MONITORED) {
            return;
        }
        if (s.gone()) {
            tracks.remove(s.deviceId());
            return;
        }
        Long n = newest.value();
        long now = n == null ? s.at() : Math.max(n, s.at());
        newest.update(now);
        long horizon = now - config.trackRetention().toMillis();
        TrackSegment segment = TrackSegment.of(s);
        List<TrackSegment> track = new ArrayList<>();
        List<TrackSegment> kept = tracks.get(s.deviceId());
        if (kept != null) {
            for (TrackSegment t : kept) {
                if (t.at() >= horizon) {
                    track.add(t);
                }
            }
        }
        track.add(segment);
        tracks.put(s.deviceId(), track);

        List<String> done = new ArrayList<>();
        List<SceneIncident> named = new ArrayList<>();
        for (Map.Entry<String, SceneIncident> e : incidents.entries()) {
            SceneIncident i = e.getValue();
            if (i.at() < horizon) {
                done.add(e.getKey());
            } else if (!i.named().contains(s.deviceId())) {
                SceneIncident after = check(i, s.deviceId(), segment, out);
                if (after != i) {
                    named.add(after);
                }
            }
        }
        for (String id : done) {
            incidents.remove(id);
        }
        for (SceneIncident i : named) {
            incidents.put(i.eventId(), i);
        }
    }

    @Override
    public void processElement2(TaggedEvent tagged, Context ctx, Collector<Alert> out)
            throws Exception {
        CityEvent e = tagged.event();
        IncidentKind kind = IncidentKind.parse(e.kind()).orElse(IncidentKind.OTHER);
        if (kind != IncidentKind.SHOOTING && kind != IncidentKind.HOMICIDE) {
            return;
        }
        Long n = newest.value();
        long at = e.occurredAt().toEpochMilli();
        if (n != null && at < n - config.trackRetention().toMillis()) {
            return; // The tracks of that time are gone: nothing to correlate with.
        }
        SceneIncident incident =
                new SceneIncident(
                        e.eventId(),
                        kind.name(),
                        at,
                        e.lon(),
                        e.lat(),
                        tagged.zones(),
                        tagged.zones().containsKey(priorityLayer),
                        List.of());
        for (Map.Entry<String, List<TrackSegment>> t : tracks.entries()) {
            for (TrackSegment segment : t.getValue()) {
                if (!incident.named().contains(t.getKey())) {
                    incident = check(incident, t.getKey(), segment, out);
                }
            }
        }
        incidents.put(e.eventId(), incident);
    }

    /**
     * Raises the alert if the segment passed near the incident; returns the incident with the
     * device named, or the same incident.
     */
    private SceneIncident check(
            SceneIncident i, String deviceId, TrackSegment segment, Collector<Alert> out) {
        long window = config.sceneWindow().toMillis();
        if (segment.at() < i.at() - window || segment.fromAt() > i.at() + window) {
            return i;
        }
        LonLat scene = new LonLat(i.lon(), i.lat());
        SegmentApproach approach = SegmentApproach.of(scene, segment.from(), segment.to());
        long passedAt = segment.timeAt(approach.fraction());
        if (approach.meters() > config.sceneRadiusMeters()
                || Math.abs(passedAt - i.at()) > window) {
            return i;
        }
        out.collect(
                new Alert(
                        "monitored-near-scene/" + i.eventId() + "/" + deviceId,
                        AlertType.MONITORED_NEAR_SCENE,
                        Instant.ofEpochMilli(i.at()),
                        i.eventId(),
                        deviceId,
                        i.kind(),
                        i.lon(),
                        i.lat(),
                        i.zones(),
                        null,
                        Math.round(approach.meters() * 10) / 10.0,
                        i.priority(),
                        List.of(),
                        true,
                        Instant.ofEpochMilli(passedAt)));
        List<String> named = new ArrayList<>(i.named());
        named.add(deviceId);
        return new SceneIncident(
                i.eventId(), i.kind(), i.at(), i.lon(), i.lat(), i.zones(), i.priority(), named);
    }
}
