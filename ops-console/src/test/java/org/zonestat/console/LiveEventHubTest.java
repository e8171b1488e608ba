package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LiveEventHubTest {

    @Test
    void a_new_subscriber_gets_a_snapshot_first_and_then_each_new_event_with_increasing_seq() {
        LiveEventHub hub = new LiveEventHub(10);
        hub.publish(event("a"));
        RecordingSubscriber client = new RecordingSubscriber();

        hub.subscribe(client);
        hub.publish(event("b"));
        hub.publish(event("c"));

        assertThat(client.messages())
                .containsExactly(
                        snapshot(hub, 1, event("a")),
                        new LiveMessage.Event(2, event("b")),
                        new LiveMessage.Event(3, event("c")));
    }

    @Test
    void a_redelivered_event_is_dropped_and_counted() {
        LiveEventHub hub = new LiveEventHub(10);
        RecordingSubscriber client = new RecordingSubscriber();
        hub.subscribe(client);

        assertThat(hub.publish(event("a"))).isTrue();
        assertThat(hub.publish(event("a"))).isFalse();
        hub.publish(event("b"));

        assertThat(client.liveEventIds()).containsExactly("a", "b");
        assertThat(hub.lastSeq()).isEqualTo(2);
        assertThat(hub.duplicatesDropped()).isEqualTo(1);
    }

    @Test
    void the_recent_buffer_keeps_the_newest_events_oldest_first() {
        LiveEventHub hub = new LiveEventHub(3);
        for (String id : List.of("a", "b", "c", "d", "e")) {
            hub.publish(event(id));
        }

        assertThat(hub.recent()).extracting(LiveEvent::eventId).containsExactly("c", "d", "e");
        RecordingSubscriber client = new RecordingSubscriber();
        hub.subscribe(client);
        assertThat(client.messages().get(0))
                .isEqualTo(snapshot(hub, 5, event("c"), event("d"), event("e")));
    }

    @Test
    void the_recent_buffer_keeps_the_newest_by_event_time_whatever_order_they_arrive_in() {
        LiveEventHub hub = new LiveEventHub(3);
        Instant t = Instant.parse("2026-12-01T12:00:00Z");
        // A history loaded from several topics: tips first, then the 311 requests of the same days.
        hub.publish(event("tip-new", t.plusSeconds(300)));
        hub.publish(event("tip-old", t.minusSeconds(300)));
        hub.publish(event("req-1", t));
        hub.publish(event("req-2", t.plusSeconds(60)));
        hub.publish(event("req-0", t.minusSeconds(900)));

        assertThat(hub.recent())
                .extracting(LiveEvent::eventId)
                .containsExactly("req-1", "req-2", "tip-new");
        assertThat(hub.lastSeq()).as("every one is sent live").isEqualTo(5);
    }

    @Test
    void an_event_that_has_left_the_recent_buffer_counts_as_new_again() {
        LiveEventHub hub = new LiveEventHub(2);
        hub.publish(event("a"));
        hub.publish(event("b"));
        hub.publish(event("c"));

        assertThat(hub.publish(event("a"))).isTrue();
        assertThat(hub.lastSeq()).isEqualTo(4);
    }

    @Test
    void a_closed_subscription_receives_nothing_more() {
        LiveEventHub hub = new LiveEventHub(10);
        RecordingSubscriber client = new RecordingSubscriber();
        LiveEventHub.Subscription subscription = hub.subscribe(client);

        subscription.close();
        hub.publish(event("a"));

        assertThat(client.messages()).hasSize(1);
        assertThat(hub.subscriberCount()).isZero();
    }

    @Test
    void a_subscriber_that_throws_is_dropped_without_affecting_the_others() {
        LiveEventHub hub = new LiveEventHub(10);
        RecordingSubscriber healthy = new RecordingSubscriber();
        hub.subscribe(healthy);
        hub.subscribe(
                new LiveEventHub.Subscriber() {
                    private int calls;

                    @Override
                    public void deliver(String json) {
                        if (++calls > 1) {
                            throw new IllegalStateException("broken client");
                        }
                    }
                });

        hub.publish(event("a"));
        hub.publish(event("b"));

        assertThat(healthy.liveEventIds()).containsExactly("a", "b");
        assertThat(hub.subscriberCount()).isEqualTo(1);
    }

    static LiveEvent event(String id) {
        return event(id, Instant.parse("2018-07-08T03:53:00Z"));
    }

    static LiveEvent event(String id, Instant occurredAt) {
        return new LiveEvent(
                id,
                "incident",
                "SHOOTING",
                null,
                null,
                id,
                "test",
                occurredAt,
                -76.6,
                39.3,
                null,
                Map.of("vri-zones", "Eastern1"),
                null);
    }

    /** The snapshot a subscriber to everything gets. */
    static LiveMessage.Snapshot snapshot(LiveEventHub hub, long lastSeq, LiveEvent... events) {
        return new LiveMessage.Snapshot(
                hub.streamId(),
                lastSeq,
                LiveMessage.SnapshotReason.SUBSCRIBE,
                LiveSubscription.everything(),
                List.of(events),
                List.of(),
                List.of(),
                List.of());
    }
}
