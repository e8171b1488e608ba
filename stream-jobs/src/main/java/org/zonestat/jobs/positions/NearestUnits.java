package org.zonestat.jobs.positions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.zonestat.geo.Distances;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.IncidentKind;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.UnitNearby;

/**
 * Names the nearest available units on every shooting or homicide ({@code nearest-units}): a {@code
 * violence} alert per incident, with up to {@code nearestUnits} units, nearest first, whose last
 * fix is within {@code nearestRadiusMeters} of it and within {@code nearestMaxFixAge} of its time,
 * each with its distance and how old its fix was (an empty list: units were on the air, none
 * available near it). "Available" is the unit's reported status; busy and off-duty units are not
 * named. An incident when no unit at all had a fix within {@code nearestMaxFixAge} of its time (a
 * replay of history, a city without a fleet) gets no alert: there is no one to name, and the
 * incident itself is already on the map.
 *
 * <p>Keyed by one constant (the city's roster is one map; a city has thousands of units, and each
 * incident reads them all once). State: unit id → its latest {@link DeviceSighting}, removed when
 * the tracker says the unit went silent ({@code gone}) and, as a bound, when its fix is a day older
 * than the newest one seen. Monitored devices are never kept here.
 */
public final class NearestUnits
        extends KeyedCoProcessFunction<String, DeviceSighting, TaggedEvent, Alert> {
    private static final long serialVersionUID = 1L;
    private static final long FORGET_MILLIS = 24L * 60 * 60 * 1000;
    private static final int PURGE_EVERY = 10_000;

    /** The units by id. */
    public static final MapStateDescriptor<String, DeviceSighting> UNITS =
            new MapStateDescriptor<>(
                    "units", Types.STRING, TypeInformation.of(DeviceSighting.class));

    private final PositionConfig config;
    private final String priorityLayer;

    private transient MapState<String, DeviceSighting> units;
    private transient ValueState<Long> newest;
    private transient int sincePurge;

    public NearestUnits(PositionConfig config, String priorityLayer) {
        this.config = Objects.requireNonNull(config, "config");
        this.priorityLayer = Objects.requireNonNull(priorityLayer, "priorityLayer");
    }

    @Override
    public void open(OpenContext openContext) {
        units = getRuntimeContext().getMapState(UNITS);
        newest =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("newest-unit-fix", Types.LONG));
    }

    @Override
    public void processElement1(DeviceSighting s, Context ctx, Collector<Alert> out)
            throws Exception {
        if (s.kind() != DeviceKind.UNIT) {
            return;
        }
        if (s.gone()) {
            units.remove(s.deviceId());
            return;
        }
        units.put(s.deviceId(), s);
        Long n = newest.value();
        if (n == null || s.at() > n) {
            newest.update(s.at());
        }
        if (++sincePurge >= PURGE_EVERY) {
            sincePurge = 0;
            long horizon = newest.value() - FORGET_MILLIS;
            List<String> old = new ArrayList<>();
            for (Map.Entry<String, DeviceSighting> e : units.entries()) {
                if (e.getValue().at() < horizon) {
                    old.add(e.getKey());
                }
            }
            for (String id : old) {
                units.remove(id);
            }
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
        List<UnitNearby> nearest = nearest(e);
        if (nearest == null) {
            return;
        }
        out.collect(
                new Alert(
                        "violence/" + e.eventId(),
                        AlertType.VIOLENCE,
                        e.occurredAt(),
                        e.eventId(),
                        null,
                        kind.name(),
                        e.lon(),
                        e.lat(),
                        tagged.zones(),
                        null,
                        Double.NaN,
                        tagged.zones().containsKey(priorityLayer),
                        nearest,
                        false,
                        null));
    }

    /**
     * The nearest available units to the incident, nearest first; null when no unit at all had a
     * fix within {@code nearestMaxFixAge} of it.
     */
    List<UnitNearby> nearest(CityEvent e) throws Exception {
        long at = e.occurredAt().toEpochMilli();
        long maxAge = config.nearestMaxFixAge().toMillis();
        List<UnitNearby> found = new ArrayList<>();
        boolean onTheAir = false;
        for (DeviceSighting u : units.values()) {
            if (Math.abs(at - u.at()) > maxAge) {
                continue;
            }
            onTheAir = true;
            if (u.status() != UnitStatus.AVAILABLE) {
                continue;
            }
            double meters = Distances.meters(e.lon(), e.lat(), u.lon(), u.lat());
            if (meters <= config.nearestRadiusMeters()) {
                found.add(
                        new UnitNearby(
                                u.deviceId(),
                                u.team() == null ? null : u.team().code(),
                                Math.round(meters),
                                Math.max(0, Math.round((at - u.at()) / 6_000.0) / 10.0)));
            }
        }
        if (!onTheAir) {
            return null;
        }
        found.sort(
                Comparator.comparingDouble(UnitNearby::distanceMeters)
                        .thenComparing(UnitNearby::deviceId));
        return found.size() > config.nearestUnits()
                ? List.copyOf(found.subList(0, config.nearestUnits()))
                : List.copyOf(found);
    }
}
