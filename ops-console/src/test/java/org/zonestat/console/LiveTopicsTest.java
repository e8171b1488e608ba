package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.zonestat.console.kafka.TopicFeed;

/** The live topics' health without a reachable broker; with one, see LiveEventsWebSocketITCase. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LiveTopicsTest {

    @Test
    void a_feed_that_cannot_reach_kafka_reports_connecting_and_still_closes_its_consumer_thread() {
        LiveEventHub hub = new LiveEventHub(10);
        TopicFeed feed = new TopicFeed("127.0.0.1:1", "events-unreachable");
        LiveTopics live = new LiveTopics(feed, "events", null, null, null, hub);
        assertThat(live.health().state()).isEqualTo(FeedHealth.State.NEW);

        feed.start();
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .until(() -> live.health().state() == FeedHealth.State.CONNECTING);
        assertThat(consumerThreads("events-unreachable")).hasSize(1);

        feed.close();
        // close() waits for the thread with a bounded join: a thread still alive means it gave up.
        assertThat(consumerThreads("events-unreachable")).isEmpty();
        assertThat(live.health().state()).isEqualTo(FeedHealth.State.STOPPED);
        assertThat(hub.lastSeq()).isZero();
    }

    private static List<Thread> consumerThreads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("zonestat-topic-feed-" + clientId))
                .toList();
    }
}
