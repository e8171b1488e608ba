package org.zonestat.console;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** The console's Kafka client settings, in one place. */
public final class ConsoleKafka {
    private ConsoleKafka() {}

    /**
     * A consumer that reads committed records only (the job's exactly-once outputs), byte-array
     * values, no consumer group commits (the console assigns partitions and seeks itself).
     *
     * @param clientId shown in the broker's logs and metrics
     * @param keys how keys are read
     * @param fetchMaxWaitMillis how long the broker may hold a fetch for more data
     * @param maxPollRecords records per poll
     */
    public static Map<String, Object> readCommitted(
            String bootstrapServers,
            String clientId,
            Class<? extends Deserializer<?>> keys,
            int fetchMaxWaitMillis,
            int maxPollRecords) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, keys);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMillis);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        return p;
    }
}
