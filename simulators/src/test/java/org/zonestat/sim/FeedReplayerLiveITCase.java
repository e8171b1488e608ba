package org.zonestat.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.RawIncident;

/** {@link FeedReplayer#publishLive}: records go out when the clock reaches their time. */
class FeedReplayerLiveITCase {
    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void pastRecordsGoAtOnceAndAFutureOneWaitsForTheClock() throws Exception {
        Map<Feed, String> topics =
                Map.of(
                        Feed.INCIDENTS, "live.incidents",
                        Feed.REQUESTS311, "live.requests",
                        Feed.TIPS, "live.tips");
        topics.values().forEach(t -> KAFKA.broker().createTopic(t, 1, Map.of()));
        List<RawEvent> records =
                List.of(
                        record("skipped", NOW.minus(Duration.ofHours(3))),
                        record("past-1", NOW.minus(Duration.ofHours(2))),
                        record("past-2", NOW.minus(Duration.ofHours(1))),
                        record("future", NOW.plus(Duration.ofHours(1))));
        try (FeedReplayer replayer =
                new FeedReplayer(KAFKA.bootstrapServers(), topics, 0, Duration.ZERO)) {
            CompletableFuture<Map<Feed, Long>> published =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return replayer.publishLive(
                                            records.iterator(),
                                            Map.of(Feed.INCIDENTS, 1L),
                                            Clock.fixed(NOW, ZoneOffset.UTC));
                                } catch (InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> replayer.alreadyPublished().get(Feed.INCIDENTS) == 2);
            assertThat(published).isNotDone();

            replayer.stop();

            assertThat(published.get(30, TimeUnit.SECONDS))
                    .containsEntry(Feed.INCIDENTS, 2L)
                    .containsEntry(Feed.TIPS, 0L);
            assertThat(replayer.alreadyPublished()).containsEntry(Feed.INCIDENTS, 2L);
        }
    }

    private static RawEvent record(String id, Instant at) {
        return RawEvent.of(
                new RawIncident(id, "test", "SHOOTING", null, at, 39.3, -76.6, null, Map.of()));
    }
}
