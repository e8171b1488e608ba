package org.zonestat.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.zonestat.city.CityProfiles;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.ContactChannel;
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.RequestPhase;
import org.zonestat.jobs.model.RequestState;
import org.zonestat.jobs.model.RequestUpdate;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/** The 311 lifecycle operator in Flink's keyed operator harness. */
class RequestLifecycleFunctionTest {
    private static final Instant T0 = Instant.parse("2019-10-18T14:00:00Z");
    private static final String DUMPING = "HCD-Illegal Dumping"; // 3 days in Baltimore's table
    private static final Map<String, String> IN_VRI =
            Map.of("vri-zones", "Penn North", "neighborhoods", "Penn North");
    private static final Map<String, String> OUTSIDE_VRI = Map.of("neighborhoods", "Roland Park");
    private static final Duration CLOSED_RETENTION = Duration.ofDays(7);
    private static final Duration OPEN_RETENTION = Duration.ofDays(90);
    private static final RequestLifecycle LIFECYCLE =
            new RequestLifecycle(
                    AnalyticsConfig.forCity(CityProfiles.shipped("baltimore")).serviceLevels(),
                    CLOSED_RETENTION,
                    OPEN_RETENTION,
                    "vri-zones");

    @Test
    void anOpenRequestRaisesOneOverdueAlertWhenTheWatermarkPassesItsDueTime() throws Exception {
        try (var h = harness()) {
            h.processElement(record(update("19-1", "New", T0, IN_VRI)));
            h.processElement(record(update("19-2", "New", T0, OUTSIDE_VRI)));
            Instant due = T0.plus(Duration.ofDays(3));

            h.processWatermark(due.toEpochMilli() - 1);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(due.toEpochMilli());
            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts)
                    .extracting(Alert::subjectId)
                    .containsExactlyInAnyOrder("19-1", "19-2");
            assertThat(alerts)
                    .allSatisfy(
                            a -> {
                                assertThat(a.type()).isEqualTo(AlertType.OVERDUE_311);
                                assertThat(a.dueAt()).isEqualTo(due);
                                assertThat(a.category()).isEqualTo(DUMPING);
                            });
            assertThat(alerts)
                    .filteredOn(Alert::priority)
                    .extracting(Alert::subjectId)
                    .containsExactly("19-1");

            h.processWatermark(due.plus(Duration.ofDays(30)).toEpochMilli());
            assertThat(h.extractOutputValues())
                    .as("no second alert for the same due time")
                    .hasSize(2);
        }
    }

    @Test
    void aRequestClosedBeforeItsDueTimeGetsOneNotificationAndNoAlert() throws Exception {
        try (var h = harness()) {
            Instant closed = T0.plus(Duration.ofHours(36));
            h.processElement(record(update("19-1", "New", T0, IN_VRI)));
            h.processElement(record(update("19-1", "Open", T0.plusSeconds(3600), IN_VRI)));
            h.processElement(record(update("19-1", "Closed", closed, IN_VRI)));
            h.processElement(record(update("19-1", "Closed", closed, IN_VRI))); // duplicate

            h.processWatermark(closed.toEpochMilli() - 1);
            assertThat(notifications(h)).isEmpty();
            h.processWatermark(closed.toEpochMilli());
            h.processWatermark(closed.plus(Duration.ofDays(6)).toEpochMilli());

            assertThat(h.extractOutputValues()).isEmpty();
            List<Notification> sent = notifications(h);
            assertThat(sent).hasSize(1);
            Notification n = sent.get(0);
            assertThat(n.requestId()).isEqualTo("19-1");
            assertThat(n.outcome()).isEqualTo("Closed");
            assertThat(n.daysOpen()).isEqualTo(1.5);
            assertThat(n.metDueDate()).isTrue();
            assertThat(n.reopenedBefore()).isFalse();
            assertThat(n.channel())
                    .as("no contact details, no channel")
                    .isEqualTo(ContactChannel.NONE);
        }
    }

    @Test
    void aClosedRequestsStateAndTimersAreClearedClosedRetentionAfterItsClosure() throws Exception {
        try (var h = harness()) {
            Instant closed = T0.plus(Duration.ofDays(1));
            h.processElement(record(update("19-1", "New", T0, IN_VRI)));
            h.processElement(record(update("19-1", "Closed (Transferred)", closed, IN_VRI)));
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).as("notification and expiry timers").isEqualTo(2);

            h.processWatermark(closed.plus(CLOSED_RETENTION).toEpochMilli() - 1);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            h.processWatermark(closed.plus(CLOSED_RETENTION).toEpochMilli());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(notifications(h))
                    .extracting(Notification::outcome)
                    .containsExactly("Closed (Transferred)");
        }
    }

    @Test
    void aRequestThatNeverClosesIsForgottenOpenRetentionAfterItsDueTime() throws Exception {
        try (var h = harness()) {
            h.processElement(record(update("19-1", "New", T0, OUTSIDE_VRI)));
            h.processElement(record(update("19-1", "Hold", T0.plusSeconds(60), OUTSIDE_VRI)));
            Instant forgetAt = T0.plus(Duration.ofDays(3)).plus(OPEN_RETENTION);

            h.processWatermark(forgetAt.toEpochMilli() - 1);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);

            h.processWatermark(forgetAt.toEpochMilli());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aReopenedRequestIsOpenAgainAndItsNextClosureIsNotifiedAgain() throws Exception {
        try (var h = harness()) {
            Instant closed1 = T0.plus(Duration.ofHours(5));
            Instant reopened = T0.plus(Duration.ofHours(30));
            Instant closed2 = T0.plus(Duration.ofHours(50));
            h.processElement(record(update("19-1", "New", T0, IN_VRI)));
            h.processElement(record(update("19-1", "Closed", closed1, IN_VRI)));
            h.processWatermark(closed1.toEpochMilli());
            assertThat(notifications(h)).hasSize(1);

            h.processElement(record(update("19-1", "Open", reopened, IN_VRI)));
            RequestState s = state(h, "19-1");
            assertThat(s.phase()).isEqualTo(RequestPhase.OPEN);
            assertThat(s.reopened()).isTrue();

            h.processElement(record(update("19-1", "Closed (Duplicate)", closed2, IN_VRI)));
            h.processWatermark(closed2.toEpochMilli());
            List<Notification> sent = notifications(h);
            assertThat(sent).extracting(Notification::closedAt).containsExactly(closed1, closed2);
            assertThat(sent.get(1).reopenedBefore()).isTrue();
            assertThat(sent.get(1).daysOpen())
                    .as("counted from the first intake")
                    .isEqualTo(50 / 24.0);
            assertThat(h.extractOutputValues())
                    .as("closed again before the 3-day due time")
                    .isEmpty();

            // Counted open from the first report to the last closure: the reopen takes back the
            // first
            // closure's -1, and the second closure ends the span.
            assertThat(workload(h))
                    .filteredOn(f -> f.layer().equals("vri-zones"))
                    .extracting(f -> f.measure() + " " + (int) f.value() + " @" + f.occurredAt())
                    .containsExactly(
                            "OPEN_CHANGE 1 @" + T0,
                            "OPEN_CHANGE -1 @" + closed1,
                            "DAYS_TO_CLOSE 0 @" + closed1,
                            "OPEN_CHANGE 1 @" + closed1,
                            "OPEN_CHANGE -1 @" + closed2,
                            "DAYS_TO_CLOSE 2 @" + closed2);
        }
    }

    @Test
    void anOverdueRequestCountsAsOverdueUntilItClosesAndMovesItsStandingWhenItsZoneChanges()
            throws Exception {
        try (var h = harness()) {
            Instant due = T0.plus(Duration.ofDays(3));
            h.processElement(record(update("19-1", "New", T0, IN_VRI)));
            h.processWatermark(due.toEpochMilli());
            Instant moved = due.plus(Duration.ofHours(1));
            h.processElement(record(update("19-1", "Open", moved, OUTSIDE_VRI)));
            Instant closed = due.plus(Duration.ofDays(1));
            h.processElement(record(update("19-1", "Closed", closed, OUTSIDE_VRI)));
            h.processWatermark(closed.toEpochMilli());

            assertThat(workload(h))
                    .extracting(
                            f ->
                                    f.measure()
                                            + " "
                                            + f.layer()
                                            + "/"
                                            + f.zone()
                                            + " "
                                            + (int) f.value()
                                            + " @"
                                            + f.occurredAt())
                    .containsExactlyInAnyOrder(
                            "OPEN_CHANGE vri-zones/Penn North 1 @" + T0,
                            "OPEN_CHANGE neighborhoods/Penn North 1 @" + T0,
                            "REQUEST_OVERDUE vri-zones/Penn North 1 @" + due,
                            "REQUEST_OVERDUE neighborhoods/Penn North 1 @" + due,
                            "OVERDUE_CHANGE vri-zones/Penn North 1 @" + due,
                            "OVERDUE_CHANGE neighborhoods/Penn North 1 @" + due,
                            // the request's place was corrected to Roland Park (no VRI zone): its
                            // counts move there, from its first report and its due time on
                            "OPEN_CHANGE vri-zones/Penn North -1 @" + T0,
                            "OPEN_CHANGE neighborhoods/Penn North -1 @" + T0,
                            "OPEN_CHANGE neighborhoods/Roland Park 1 @" + T0,
                            "OVERDUE_CHANGE vri-zones/Penn North -1 @" + due,
                            "OVERDUE_CHANGE neighborhoods/Penn North -1 @" + due,
                            "OVERDUE_CHANGE neighborhoods/Roland Park 1 @" + due,
                            "OPEN_CHANGE neighborhoods/Roland Park -1 @" + closed,
                            "OVERDUE_CHANGE neighborhoods/Roland Park -1 @" + closed,
                            "DAYS_TO_CLOSE neighborhoods/Roland Park 4 @" + closed);
        }
    }

    @Test
    void anOpenUpdateOlderThanTheClosureIsAStaleDeliveryNotAReopen() throws Exception {
        try (var h = harness()) {
            h.processElement(record(update("19-1", "New", T0, IN_VRI)));
            h.processElement(record(update("19-1", "Closed", T0.plusSeconds(7200), IN_VRI)));
            h.processElement(record(update("19-1", "Open", T0.plusSeconds(3600), IN_VRI)));

            RequestState s = state(h, "19-1");
            assertThat(s.phase()).isEqualTo(RequestPhase.CLOSED);
            assertThat(s.reopened()).isFalse();
        }
    }

    @Test
    void anOpenAndAClosureAtTheSameInstantEndClosed() throws Exception {
        try (var h = harness()) {
            h.processElement(record(update("19-1", "Closed", T0, IN_VRI)));
            h.processElement(record(update("19-1", "Open", T0, IN_VRI)));

            assertThat(state(h, "19-1").phase()).isEqualTo(RequestPhase.CLOSED);
        }
    }

    @Test
    void aDueTimeFromTheSourceReplacesTheServiceLevelAndMovesTheAlertTimer() throws Exception {
        try (var h = harness()) {
            Instant ownDue = T0.plus(Duration.ofDays(10));
            h.processElement(record(update("19-1", "New", T0, IN_VRI)));
            assertThat(h.numEventTimeTimers()).isEqualTo(2);

            h.processElement(
                    record(
                            new RequestUpdate(
                                    "19-1",
                                    "e-open",
                                    DUMPING,
                                    "Open",
                                    T0.plusSeconds(60),
                                    ownDue,
                                    ContactChannel.NONE,
                                    -76.64,
                                    39.30,
                                    IN_VRI)));
            assertThat(h.numEventTimeTimers())
                    .as("the old due timer was deleted, not left behind")
                    .isEqualTo(2);

            h.processWatermark(T0.plus(Duration.ofDays(3)).toEpochMilli());
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(ownDue.toEpochMilli());
            assertThat(h.extractOutputValues()).extracting(Alert::dueAt).containsExactly(ownDue);
        }
    }

    @Test
    void aClosureDeliveredAfterTheRequestWasForgottenGoesToStaleUpdatesAndIsNotNotifiedAgain()
            throws Exception {
        try (var h = harness()) {
            Instant closed = T0.plus(Duration.ofDays(1));
            h.processElement(record(update("19-1", "New", T0, IN_VRI)));
            h.processElement(record(update("19-1", "Closed", closed, IN_VRI)));
            h.processWatermark(closed.plus(CLOSED_RETENTION).toEpochMilli());
            assertThat(h.numKeyedStateEntries()).isZero();

            h.processElement(record(update("19-1", "Closed", closed, IN_VRI)));

            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.getSideOutput(RequestLifecycleFunction.STALE_UPDATES)).hasSize(1);
            assertThat(notifications(h)).hasSize(1);
        }
    }

    @Test
    void anyOrderOfTheSameDuplicatedUpdatesEndsInTheSameStateAndOutputs() throws Exception {
        long seed = new Random().nextLong();
        System.out.printf("permutation seed %d%n", seed);
        Random random = new Random(seed);
        List<RequestUpdate> updates =
                new ArrayList<>(
                        List.of(
                                update("19-1", "New", T0, IN_VRI),
                                update("19-1", "New", T0, IN_VRI),
                                update("19-1", "Open", T0.plusSeconds(600), IN_VRI),
                                update("19-1", "Pending", T0.plusSeconds(900), IN_VRI),
                                update("19-1", "Hold", T0.plusSeconds(900), IN_VRI),
                                update("19-1", "Closed", T0.plus(Duration.ofDays(4)), IN_VRI),
                                update("19-1", "Open", T0.plus(Duration.ofDays(4)), IN_VRI),
                                update("19-1", "Open", T0.plus(Duration.ofDays(5)), IN_VRI),
                                update(
                                        "19-1",
                                        "Closed (Duplicate)",
                                        T0.plus(Duration.ofDays(6)),
                                        IN_VRI),
                                update(
                                        "19-1",
                                        "Closed (Duplicate)",
                                        T0.plus(Duration.ofDays(6)),
                                        IN_VRI),
                                update("19-1", "Closed", T0.plus(Duration.ofDays(6)), IN_VRI),
                                update("19-2", "New", T0.plusSeconds(5), OUTSIDE_VRI),
                                update("19-2", "Open", T0.plusSeconds(50), OUTSIDE_VRI),
                                update("19-2", "Open", T0.plusSeconds(50), OUTSIDE_VRI)));
        Run reference = run(updates);
        // 19-1 counts as open from its report to its last closure; 19-2 stays open until forgotten.
        assertThat(reference.changes)
                .isEqualTo(
                        Map.of(
                                "OPEN_CHANGE neighborhoods/Penn North @" + T0, 1L,
                                "OPEN_CHANGE neighborhoods/Penn North @"
                                                + T0.plus(Duration.ofDays(6)),
                                        -1L,
                                "OPEN_CHANGE vri-zones/Penn North @" + T0, 1L,
                                "OPEN_CHANGE vri-zones/Penn North @" + T0.plus(Duration.ofDays(6)),
                                        -1L,
                                "OPEN_CHANGE neighborhoods/Roland Park @" + T0.plusSeconds(5), 1L));
        assertThat(standing(reference.changesAtEnd))
                .as("every request forgotten: nothing stands")
                .isZero();
        assertThat(reference.states.get(0).phase()).isEqualTo(RequestPhase.CLOSED);
        assertThat(reference.states.get(0).status()).isEqualTo("Closed (Duplicate)");
        assertThat(reference.states.get(0).reopened()).isFalse();
        // 19-1 was already closed again (day 6) when the watermark passed its due time (day 3): the
        // operator knew, so it raises no alert; the notification says the due date was missed.
        assertThat(reference.alerts).extracting(Alert::subjectId).containsExactly("19-2");
        assertThat(reference.notifications)
                .singleElement()
                .satisfies(
                        n -> {
                            assertThat(n.metDueDate()).isFalse();
                            assertThat(n.reopenedBefore()).isTrue();
                        });

        for (int i = 0; i < 50; i++) {
            List<RequestUpdate> shuffled = new ArrayList<>(updates);
            Collections.shuffle(shuffled, random);
            Run run = run(shuffled);
            assertThat(run.states)
                    .as("state after order %s (seed %d)", ids(shuffled), seed)
                    .isEqualTo(reference.states);
            assertThat(run.timers).as("timers (seed %d)", seed).isEqualTo(reference.timers);
            assertThat(run.alerts)
                    .as("alerts (seed %d)", seed)
                    .containsExactlyInAnyOrderElementsOf(reference.alerts);
            assertThat(run.notifications)
                    .as("notifications (seed %d)", seed)
                    .containsExactlyInAnyOrderElementsOf(reference.notifications);
            assertThat(run.changes)
                    .as("open and overdue changes per zone and instant (seed %d)", seed)
                    .isEqualTo(reference.changes);
            assertThat(run.changesAtEnd)
                    .as("after the timers (seed %d)", seed)
                    .isEqualTo(reference.changesAtEnd);
        }
    }

    private record Run(
            List<RequestState> states,
            int timers,
            List<Alert> alerts,
            List<Notification> notifications,
            Map<String, Long> changes,
            Map<String, Long> changesAtEnd) {}

    /** Feeds the updates with no watermark in between, reads the state, then lets all time pass. */
    private static Run run(List<RequestUpdate> updates) throws Exception {
        try (var h = harness()) {
            for (RequestUpdate u : updates) {
                h.processElement(record(u));
            }
            List<RequestState> states = List.of(state(h, "19-1"), state(h, "19-2"));
            int timers = h.numEventTimeTimers();
            Map<String, Long> changes = changes(workload(h));
            h.processWatermark(T0.plus(Duration.ofDays(365)).toEpochMilli());
            assertThat(h.numKeyedStateEntries()).isZero();
            return new Run(
                    states,
                    timers,
                    h.extractOutputValues(),
                    notifications(h),
                    changes,
                    changes(workload(h)));
        }
    }

    /**
     * The open and overdue changes summed per measure, zone and instant, without the zeros: what
     * the daily windows add up, whatever the order the facts came in.
     */
    private static Map<String, Long> changes(List<ZoneFact> facts) {
        Map<String, Long> sums = new TreeMap<>();
        facts.stream()
                .filter(
                        f ->
                                f.measure() == ZoneMeasure.OPEN_CHANGE
                                        || f.measure() == ZoneMeasure.OVERDUE_CHANGE)
                .forEach(
                        f ->
                                sums.merge(
                                        f.measure()
                                                + " "
                                                + f.layer()
                                                + "/"
                                                + f.zone()
                                                + " @"
                                                + f.occurredAt(),
                                        (long) f.value(),
                                        Long::sum));
        sums.values().removeIf(v -> v == 0);
        return sums;
    }

    private static long standing(Map<String, Long> changes) {
        return changes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<ZoneFact> workload(
            KeyedOneInputStreamOperatorTestHarness<String, RequestUpdate, Alert> h) {
        var queue = h.getSideOutput(RequestLifecycleFunction.WORKLOAD);
        return queue == null ? List.of() : queue.stream().map(StreamRecord::getValue).toList();
    }

    private static List<String> ids(List<RequestUpdate> updates) {
        return updates.stream()
                .map(u -> u.requestId() + ":" + u.status() + "@" + u.occurredAt())
                .toList();
    }

    static KeyedOneInputStreamOperatorTestHarness<String, RequestUpdate, Alert> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RequestLifecycleFunction(LIFECYCLE),
                new AnalyticsGraph.RequestIdKey(),
                Types.STRING);
    }

    private static RequestState state(
            KeyedOneInputStreamOperatorTestHarness<String, RequestUpdate, Alert> h,
            String requestId)
            throws Exception {
        h.getOperator().setCurrentKey(requestId);
        return h.getOperator()
                .getKeyedStateBackend()
                .getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        RequestLifecycleFunction.stateDescriptor())
                .value();
    }

    private static List<Notification> notifications(
            KeyedOneInputStreamOperatorTestHarness<String, RequestUpdate, Alert> h) {
        var queue = h.getSideOutput(RequestLifecycleFunction.NOTIFICATIONS);
        return queue == null ? List.of() : queue.stream().map(StreamRecord::getValue).toList();
    }

    static RequestUpdate update(String id, String status, Instant at, Map<String, String> zones) {
        return new RequestUpdate(
                id,
                "request311/baltimore-311/" + id + "/" + status + "@" + at,
                DUMPING,
                status,
                at,
                null,
                ContactChannel.NONE,
                -76.64,
                39.30,
                zones);
    }

    private static StreamRecord<RequestUpdate> record(RequestUpdate u) {
        return new StreamRecord<>(u, u.occurredAt().toEpochMilli());
    }
}
