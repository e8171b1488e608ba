package org.zonestat.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Test support: reads a whole topic, from the beginning of every partition to the end offsets it
 * has when reading starts, waiting with Awaitility. Used by tests of every module that check what
 * reached a topic; the consumer's settings (deserializers, isolation level) stay the caller's.
 *
 * <p>Stateless; the consumer given is used from the calling thread only.
 */
public final class TopicContents {
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicContents() {}

    /**
     * Assigns every partition of {@code topic} to {@code consumer}, seeks to the beginning and
     * hands each record up to the current end offsets to {@code each}.
     *
     * @throws org.awaitility.core.ConditionTimeoutException if the end is not reached within {@code
     *     atMost} (the message names the topic and its end offsets)
     */
    public static <K, V> void readFromBeginning(
            KafkaConsumer<K, V> consumer,
            String topic,
            Duration atMost,
            Consumer<ConsumerRecord<K, V>> each) {
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        await("reading " + topic + " to its end " + end)
                .atMost(atMost)
                .pollInSameThread() // a consumer is used by one thread
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO) // each evaluation blocks in poll() already
                .until(
                        () -> {
                            if (partitions.stream()
                                    .allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                                return true;
                            }
                            consumer.poll(POLL).forEach(each);
                            return false;
                        });
    }
}
