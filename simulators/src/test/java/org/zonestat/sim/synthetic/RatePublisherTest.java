package org.zonestat.sim.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.backfill.RecordPublisher;

/** The rate publisher keeps to its rate, on a clock the test controls. */
class RatePublisherTest {
    @Test
    void recordsArePublishedAtTheTargetRateToTheirFeedsTopics() throws InterruptedException {
        long[] now = {0};
        List<Long> sentAt = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        RecordPublisher publisher =
                new RecordPublisher() {
                    @Override
                    public void send(String topic, RawEvent record) {
                        sentAt.add(now[0]);
                        topics.add(topic);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        RatePublisher rate =
                new RatePublisher(
                        publisher,
                        FeedReplayer.defaultTopics(),
                        1000,
                        () -> now[0],
                        nanos -> now[0] += nanos,
                        new PrintStream(progress, true, StandardCharsets.UTF_8));

        long sent = rate.run(SyntheticCity.take(3, 3000).iterator());

        assertThat(sent).isEqualTo(3000);
        assertThat(now[0] / 1e9)
                .as("seconds of fake time for 3,000 records at 1,000/s")
                .isBetween(2.9, 3.1);
        assertThat(sentAt.stream().filter(t -> t < 1_000_000_000L).count())
                .as("records in the first second")
                .isBetween(990L, 1010L);
        assertThat(topics).contains("incidents.raw", "requests311.raw", "tips.raw");
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("synthetic-city: done, 3,000 records");
    }
}
