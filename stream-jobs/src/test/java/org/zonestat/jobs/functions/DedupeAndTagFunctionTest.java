package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.model.EventStream;
import org.zonestat.jobs.model.ParsedRecord;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneLayerUpdate;
import org.zonestat.jobs.testing.RawJson;

/**
 * The dedupe-and-tag operator in Flink's keyed broadcast operator harness: redeliveries within and
 * after the dedupe window, layers added, replaced and removed on the broadcast side, a snapshot
 * restored into a new instance, and the dedupe state cleared by an event-time timer once the
 * watermark makes every copy late (and by its backstop TTL).
 *
 * <p>Configured layer: the real 2019 VRI zones. Events are parsed from raw JSON by the job's own
 * parser, as the source does.
 */
class DedupeAndTagFunctionTest {
    private static final Duration WINDOW = Duration.ofDays(7);
    private static final Duration LATENESS = Duration.ofDays(2);
    private static final String OCCURRED = "2019-10-21T11:00:00Z";
    private static final long RECEIVED = Instant.parse("2019-10-21T12:00:00Z").toEpochMilli();
    private static final ZoneLayerSpec VRI =
            CityProfiles.shipped("baltimore").layer("vri-zones").orElseThrow();
    private static final RawRecordParser PARSER =
            new RawRecordParser(Map.of("incidents.raw", EventStream.INCIDENT), Duration.ofDays(1));

    /** Around City Hall, in no VRI zone. */
    private static final double CITY_HALL_LON = -76.6107;

    private static final double CITY_HALL_LAT = 39.2909;

    /** A point inside the first VRI zone, and that zone's name. */
    private static final Point IN_VRI;

    private static final String VRI_ZONE;

    static {
        var zone = ZoneCatalog.load(List.of(VRI)).layer(VRI.id()).orElseThrow().zone(0);
        IN_VRI = zone.geometry().getInteriorPoint();
        VRI_ZONE = zone.name();
    }

    @Test
    void aSecondCopyWithinTheWindowIsADuplicateNamingWhereTheFirstWasRead() throws Exception {
        try (var h = harness()) {
            h.processElement(record(1, "c1", IN_VRI.getX(), IN_VRI.getY()), 0);
            h.setStateTtlProcessingTime(WINDOW.toMillis() - 1);
            h.processElement(record(2, "c1", IN_VRI.getX(), IN_VRI.getY()), 0);

            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            t -> {
                                assertThat(t.event().eventId())
                                        .isEqualTo("incident/incidents.raw/c1");
                                assertThat(t.zones())
                                        .containsExactly(Map.entry("vri-zones", VRI_ZONE));
                                assertThat(t.layerVersions())
                                        .containsExactly(Map.entry("vri-zones", 1));
                            });
            assertThat(rejections(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).isEqualTo(RejectReason.DUPLICATE);
                                assertThat(r.source().offset()).isEqualTo(2);
                                assertThat(r.detail())
                                        .isEqualTo(
                                                "event 'incident/incidents.raw/c1' was already received at"
                                                        + " incidents.raw/0/1");
                            });
            assertThat(keyedStateEntries(h)).isEqualTo(1);
            assertThat(h.numProcessingTimeTimers()).isZero();
            assertThat(h.numEventTimeTimers()).as("one per id").isEqualTo(1);
        }
    }

    @Test
    void aCopyAfterTheWindowPassesAgainAndTheTtlClearsTheEntriesNoCopyRefreshed() throws Exception {
        try (var h = harness()) {
            for (int i = 1; i <= 3; i++) {
                h.processElement(record(i, "c" + i, IN_VRI.getX(), IN_VRI.getY()), 0);
            }
            assertThat(keyedStateEntries(h)).isEqualTo(3);

            h.setStateTtlProcessingTime(WINDOW.toMillis());
            h.processElement(record(4, "c1", IN_VRI.getX(), IN_VRI.getY()), 0);
            assertThat(h.extractOutputValues())
                    .extracting(t -> t.event().recordId())
                    .containsExactly("c1", "c2", "c3", "c1");
            assertThat(rejections(h)).isEmpty();

            // Flink's incremental TTL clean-up looks at one more entry each time a record selects
            // its key: as the stream goes on (here, copies of one new event, enough for a pass
            // over the state's key groups), the entries of c2 and c3, which no copy refreshed, are
            // removed.
            for (int i = 0; i < 1_000; i++) {
                h.processElement(record(5 + i, "c4", IN_VRI.getX(), IN_VRI.getY()), 0);
            }
            assertThat(keyedStateEntries(h)).as("c1 (refreshed) and c4 remain").isEqualTo(2);
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void anIdIsForgottenWhenTheWatermarkMakesItsCopiesLateAndALaterCopyIsRejectedAsLate()
            throws Exception {
        long forgetAt =
                Instant.parse(OCCURRED).plus(LATENESS).toEpochMilli() + 1; // late from here on
        try (var h = harness()) {
            h.processElement(record(1, "c1", IN_VRI.getX(), IN_VRI.getY()), 0);
            watermark(h, forgetAt - 1);
            assertThat(keyedStateEntries(h)).as("still remembered just before").isEqualTo(1);
            h.processElement(record(2, "c1", IN_VRI.getX(), IN_VRI.getY()), 0);

            watermark(h, forgetAt);
            assertThat(keyedStateEntries(h)).as("forgotten once its copies are late").isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            h.processElement(record(3, "c1", IN_VRI.getX(), IN_VRI.getY()), 0);

            assertThat(h.extractOutputValues()).as("the first copy only").hasSize(1);
            assertThat(rejections(h))
                    .extracting(Rejection::reason, r -> r.source().offset())
                    .containsExactly(
                            tuple(RejectReason.DUPLICATE, 2L), tuple(RejectReason.LATE, 3L));
            assertThat(rejections(h).get(1).detail())
                    .isEqualTo(
                            "occurredAt 2019-10-21T11:00:00Z is more than PT48H behind the"
                                    + " stream's event time 2019-10-23T11:00:00.001Z: the days it"
                                    + " belongs to are final");
            assertThat(keyedStateEntries(h)).as("a late copy is not remembered").isZero();
        }
    }

    @Test
    void aCopyDatedLaterThanTheFirstKeepsTheIdUntilItIsLateToo() throws Exception {
        Instant first = Instant.parse(OCCURRED);
        Instant later = first.plus(Duration.ofHours(5));
        try (var h = harness()) {
            h.processElement(record(1, "c1", OCCURRED), 0);
            h.processElement(record(2, "c1", later.toString()), 0);
            h.processElement(record(3, "c1", first.minus(Duration.ofHours(1)).toString()), 0);

            watermark(h, first.plus(LATENESS).toEpochMilli() + 1);
            assertThat(keyedStateEntries(h)).isEqualTo(1);
            h.processElement(record(4, "c1", later.toString()), 0);

            watermark(h, later.plus(LATENESS).toEpochMilli() + 1);
            assertThat(keyedStateEntries(h)).isZero();
            h.processElement(record(5, "c1", later.toString()), 0);

            assertThat(h.extractOutputValues())
                    .extracting(t -> t.event().occurredAt().toString())
                    .containsExactly(OCCURRED);
            assertThat(rejections(h))
                    .extracting(Rejection::reason, r -> r.source().offset())
                    .containsExactly(
                            tuple(RejectReason.DUPLICATE, 2L),
                            tuple(RejectReason.DUPLICATE, 3L),
                            tuple(RejectReason.DUPLICATE, 4L),
                            tuple(RejectReason.LATE, 5L));
            assertThat(rejections(h).get(2).detail()).endsWith(" at incidents.raw/0/1");
        }
    }

    @Test
    void anIdAnEarlierVersionRememberedIsADuplicateAndIsForgottenOnceItsCopiesAreLate()
            throws Exception {
        long forgetAt = Instant.parse(OCCURRED).plus(LATENESS).toEpochMilli() + 1;
        try (var h = harness()) {
            // As an earlier version left it: where the first copy was read, no watermark, no timer.
            var operator = (AbstractStreamOperator<?>) h.getOperator();
            operator.setCurrentKey("incident/incidents.raw/c1");
            operator.getKeyedStateStore()
                    .getState(DedupeAndTagFunction.firstSeenDescriptor(WINDOW))
                    .update("incidents.raw/0/1");
            assertThat(h.numEventTimeTimers()).isZero();

            h.processElement(record(2, "c1", IN_VRI.getX(), IN_VRI.getY()), 0);
            assertThat(h.numEventTimeTimers()).as("set by the copy").isEqualTo(1);
            watermark(h, forgetAt);

            assertThat(keyedStateEntries(h)).isZero();
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(rejections(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).isEqualTo(RejectReason.DUPLICATE);
                                assertThat(r.detail()).endsWith(" at incidents.raw/0/1");
                            });
        }
    }

    @Test
    void aLayerAddedReplacedAndRemovedOnTheBroadcastSideTagsTheNextEventsAccordingly()
            throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(focusZones(2, "City Hall focus"), 0);
            h.processElement(record(1, "c1", CITY_HALL_LON, CITY_HALL_LAT), 0);

            h.processBroadcastElement(focusZones(3, "Downtown focus"), 0);
            h.processElement(record(2, "c2", CITY_HALL_LON, CITY_HALL_LAT), 0);
            h.processElement(record(3, "c3", IN_VRI.getX(), IN_VRI.getY()), 0);

            h.processBroadcastElement(tombstone("focus-zones"), 0);
            h.processElement(record(4, "c4", CITY_HALL_LON, CITY_HALL_LAT), 0);
            h.processBroadcastElement(tombstone("vri-zones"), 0);
            h.processElement(record(5, "c5", IN_VRI.getX(), IN_VRI.getY()), 0);

            List<TaggedEvent> out = h.extractOutputValues();
            assertThat(out).extracting(t -> t.event().recordId()).containsExactly("c1", "c2", "c3");
            assertThat(out.get(0).zones())
                    .containsExactly(Map.entry("focus-zones", "City Hall focus"));
            assertThat(out.get(0).layerVersions())
                    .containsExactly(Map.entry("vri-zones", 1), Map.entry("focus-zones", 2));
            assertThat(out.get(1).zones())
                    .containsExactly(Map.entry("focus-zones", "Downtown focus"));
            assertThat(out.get(1).layerVersions())
                    .containsExactly(Map.entry("vri-zones", 1), Map.entry("focus-zones", 3));
            assertThat(out.get(2).zones()).containsExactly(Map.entry("vri-zones", VRI_ZONE));

            assertThat(rejections(h))
                    .extracting(Rejection::reason, r -> r.source().offset())
                    .as("after the tombstones: City Hall in no layer, then no layer at all")
                    .containsExactly(
                            tuple(RejectReason.OUTSIDE_ZONES, 4L),
                            tuple(RejectReason.OUTSIDE_ZONES, 5L));
            assertThat(rejections(h).get(0).detail()).endsWith("(vri-zones)");
            assertThat(rejections(h).get(1).detail()).endsWith("()");
        }
    }

    @Test
    void anUnusableLayerUpdateIsRejectedOnceAndTheLayersInForceStay() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(focusZones(2, "City Hall focus"), 0);
            RawRecord source = new RawRecord("zones", 0, 9, RECEIVED, "{\"featureCollection\":7}");
            h.processBroadcastElement(
                    new ZoneLayerUpdate("focus-zones", "Focus", "name", 3, "{}", source), 0);
            h.processElement(record(1, "c1", CITY_HALL_LON, CITY_HALL_LAT), 0);

            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(t -> assertThat(t.layerVersions()).containsEntry("focus-zones", 2));
            assertThat(rejections(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
                                assertThat(r.source()).isEqualTo(source);
                                assertThat(r.detail())
                                        .startsWith(
                                                "zone layer 'focus-zones' version 3 cannot be used: ");
                            });
        }
    }

    @Test
    void aRestoredInstanceRemembersTheEventsSeenAndTheLayersBroadcast() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.processBroadcastElement(focusZones(2, "City Hall focus"), 0);
            h.processElement(record(1, "c1", CITY_HALL_LON, CITY_HALL_LAT), 0);
            snapshot = h.snapshot(1L, 1L);
        }

        try (var restored = harness(snapshot)) {
            restored.processElement(record(2, "c1", CITY_HALL_LON, CITY_HALL_LAT), 0);
            restored.processElement(record(3, "c2", CITY_HALL_LON, CITY_HALL_LAT), 0);

            assertThat(rejections(restored))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).isEqualTo(RejectReason.DUPLICATE);
                                assertThat(r.detail()).endsWith("incidents.raw/0/1");
                            });
            assertThat(restored.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            t -> {
                                assertThat(t.event().recordId()).isEqualTo("c2");
                                assertThat(t.zones())
                                        .containsExactly(
                                                Map.entry("focus-zones", "City Hall focus"));
                                assertThat(t.layerVersions()).containsEntry("focus-zones", 2);
                            });
            assertThat(
                            restored.getBroadcastState(DedupeAndTagFunction.LAYER_UPDATES)
                                    .get("focus-zones"))
                    .extracting(ZoneLayerUpdate::version)
                    .isEqualTo(2);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, ParsedRecord, ZoneLayerUpdate, TaggedEvent>
            harness() throws Exception {
        return harness(null);
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, ParsedRecord, ZoneLayerUpdate, TaggedEvent>
            harness(OperatorSubtaskState restoreFrom) throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new DedupeAndTagFunction(
                                        List.of(VRI), 9, WINDOW, new Lateness(LATENESS)),
                                List.of(DedupeAndTagFunction.LAYER_UPDATES)),
                        new EventIdKey(),
                        Types.STRING,
                        1,
                        1,
                        0);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    /** Moves both inputs' watermarks (the layer updates' input does not hold event time back). */
    private static void watermark(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h, long millis)
            throws Exception {
        h.processBroadcastWatermark(millis);
        h.processWatermark(millis);
    }

    private static int keyedStateEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        return ((HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private static List<Rejection> rejections(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        var side = h.getSideOutput(Rejections.TAG);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** An accepted incident, parsed from its raw text as the source does. */
    private static ParsedRecord record(long offset, String id, double lon, double lat) {
        return record(offset, id, OCCURRED, lon, lat);
    }

    /** An accepted incident in the first VRI zone. */
    private static ParsedRecord record(long offset, String id, String occurredAt) {
        return record(offset, id, occurredAt, IN_VRI.getX(), IN_VRI.getY());
    }

    private static ParsedRecord record(
            long offset, String id, String occurredAt, double lon, double lat) {
        ParsedRecord parsed =
                PARSER.parse(
                        new RawRecord(
                                "incidents.raw",
                                0,
                                offset,
                                RECEIVED,
                                RawJson.shooting(id, occurredAt, lon, lat)));
        assertThat(parsed.isAccepted()).as(parsed.toString()).isTrue();
        return parsed;
    }

    /** A focus-zone layer of one square around City Hall. */
    private static ZoneLayerUpdate focusZones(int version, String zoneName) {
        String geojson =
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                        + "\"properties\":{\"name\":\""
                        + zoneName
                        + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[-76.62,39.28],[-76.60,39.28],[-76.60,39.30],[-76.62,39.30],[-76.62,39.28]]]}}]}";
        return new ZoneLayerUpdate(
                "focus-zones",
                "Focus zones",
                "name",
                version,
                geojson,
                new RawRecord("zones", 0, version, RECEIVED, geojson));
    }

    private static ZoneLayerUpdate tombstone(String layerId) {
        return new ZoneLayerUpdate(
                layerId, null, null, 0, null, new RawRecord("zones", 0, 99, RECEIVED, ""));
    }
}
