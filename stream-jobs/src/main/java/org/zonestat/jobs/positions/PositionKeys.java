package org.zonestat.jobs.positions;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.util.Collector;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.IncidentKind;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneLayerUpdate;

/** The small named functions of the positions graph: keys, filters and the fence updates. */
public final class PositionKeys {
    /** The one key of the city-wide operators (nearest units, crime-scene correlation). */
    public static final String CITY = "city";

    private PositionKeys() {}

    /** Keys a position by its device. */
    public static final class Device implements KeySelector<ParsedPosition, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ParsedPosition p) {
            return p.position().deviceId();
        }
    }

    /** Keys everything to the one city-wide key. */
    public static final class City<T> implements KeySelector<T, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(T value) {
            return CITY;
        }
    }

    /** Sightings of one kind of device. */
    public static final class OfKind implements FilterFunction<DeviceSighting> {
        private static final long serialVersionUID = 1L;
        private final DeviceKind kind;

        public OfKind(DeviceKind kind) {
            this.kind = kind;
        }

        @Override
        public boolean filter(DeviceSighting s) {
            return s.kind() == kind;
        }
    }

    /** Shootings and homicides: what the nearest-unit and crime-scene alerts are about. */
    public static final class ShootingsAndHomicides implements FilterFunction<TaggedEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(TaggedEvent t) {
            IncidentKind k = IncidentKind.parse(t.event().kind()).orElse(IncidentKind.OTHER);
            return t.event().stream() == org.zonestat.jobs.model.EventStream.INCIDENT
                    && (k == IncidentKind.SHOOTING || k == IncidentKind.HOMICIDE);
        }
    }

    /** A zone layer update as a fence update. */
    public static final class LayerFences implements MapFunction<ZoneLayerUpdate, FenceUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public FenceUpdate map(ZoneLayerUpdate u) {
            return FenceUpdate.of(u);
        }
    }

    /** A hotspot window's judgement of a cell, for the window length the fences use. */
    public static final class HotCellFences implements FlatMapFunction<HotspotChange, FenceUpdate> {
        private static final long serialVersionUID = 1L;
        private final int windowDays;

        public HotCellFences(int windowDays) {
            this.windowDays = windowDays;
        }

        @Override
        public void flatMap(HotspotChange c, Collector<FenceUpdate> out) {
            if (c.windowDays() == windowDays) {
                out.collect(
                        FenceUpdate.cell(
                                c.cell(),
                                "HOT".equalsIgnoreCase(c.status()),
                                c.windowEnd().toEpochMilli()));
            }
        }
    }
}
