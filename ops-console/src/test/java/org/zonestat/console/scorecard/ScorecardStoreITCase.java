package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonestat.console.scorecard.ZoneStatsRecords.day;
import static org.zonestat.console.scorecard.ZoneStatsRecords.withLifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * {@link ScorecardStore} filled by a {@link TopicFeed} from a real KRaft broker: records written in
 * committed transactions (as the job writes {@code zone-stats}), one aborted transaction that must
 * not count, a re-emitted day that replaces the first, records with and without the newer optional
 * fields, and one malformed record.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScorecardStoreITCase {
    private static final String TOPIC = "zone-stats-store";
    private static final String VRI = "vri-zones";

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker broker;
    private static ScorecardStore store;
    private static TopicFeed feed;
    private static TopicProgress reader;

    @BeforeAll
    static void publishAndRead() throws Exception {
        broker = KAFKA.broker();
        broker.createTopic(TOPIC, 2, Map.of());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                "zone-stats-test"),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            // Western, 2017: Jan 1..Jul 7 a shooting on every 10th day of the year -> 18 shootings.
            for (LocalDate d = LocalDate.of(2017, 1, 1);
                    !d.isAfter(LocalDate.of(2017, 7, 7));
                    d = d.plusDays(1)) {
                long shootings = d.getDayOfYear() % 10 == 0 ? 1 : 0;
                send(producer, day(VRI, "Western", d, 0, shootings, 1, 2, 1, 0));
            }
            // Western, 2018: three shootings and a homicide; Central 2018 only (base 0 last year).
            send(producer, day(VRI, "Western", LocalDate.of(2018, 1, 5), 1, 2, 0, 3, 1, 1));
            send(producer, day(VRI, "Western", LocalDate.of(2018, 3, 1), 0, 1, 0, 1, 1, 0));
            send(producer, day(VRI, "Central", LocalDate.of(2018, 2, 2), 0, 2, 1, 0, 0, 4));
            producer.commitTransaction();

            // An aborted transaction: a read_committed reader never sees it.
            producer.beginTransaction();
            send(producer, day(VRI, "Western", LocalDate.of(2018, 6, 1), 50, 50, 0, 0, 0, 0));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            // A late event: 2018-03-01 re-emitted with two shootings instead of one.
            send(producer, day(VRI, "Western", LocalDate.of(2018, 3, 1), 0, 2, 0, 1, 1, 0));
            // Newer records with the 311 lifecycle fields.
            send(
                    producer,
                    withLifecycle(
                            day(VRI, "Western", LocalDate.of(2018, 7, 6), 0, 0, 0, 4, 2, 0),
                            2,
                            17,
                            5,
                            3.5));
            send(
                    producer,
                    withLifecycle(
                            day(VRI, "Western", LocalDate.of(2018, 7, 7), 0, 0, 0, 1, 3, 0),
                            1,
                            15,
                            4,
                            null));
            producer.send(
                    new ProducerRecord<>(
                            TOPIC, "bad", "{\"layer\":\"vri-zones\",\"zone\":\"Western\"}"));
            producer.commitTransaction();
        }
        store = new ScorecardStore();
        feed = new TopicFeed(broker.bootstrapServers(), "zone-stats-store-test");
        reader =
                feed.subscribe(
                        TOPIC,
                        ZoneStatsMessage.class,
                        StartAt.beginning(),
                        r -> store.accept(r.value()));
        feed.start();
        assertThat(reader.awaitCaughtUp(Duration.ofSeconds(30))).as("reader caught up").isTrue();
    }

    private static void send(KafkaProducer<String, String> producer, ObjectNode n) {
        producer.send(new ProducerRecord<>(TOPIC, ZoneStatsRecords.key(n), n.toString()));
    }

    @AfterAll
    static void stop() {
        if (feed != null) {
            feed.close();
        }
    }

    @Test
    void holds_one_entry_per_zone_and_day_and_skips_the_malformed_and_aborted_records() {
        assertThat(store.size()).isEqualTo(188 + 2 + 1 + 2);
        assertThat(reader.malformedRecords()).isEqualTo(1);
        assertThat(store.latestDay(VRI)).contains(LocalDate.of(2018, 7, 7));
        assertThat(reader.lag()).isZero();
    }

    @Test
    void year_to_date_sums_gun_violence_against_the_same_dates_last_year_and_the_goal() {
        Scorecard s =
                store.query(
                        ScorecardQuery.gunViolence(
                                        VRI, LocalDate.of(2018, 1, 1), LocalDate.of(2018, 7, 7))
                                .withGoal(-15.0),
                        List.of("Western", "Central", "Brooklyn"));

        assertThat(s.compareFrom()).isEqualTo(LocalDate.of(2017, 1, 1));
        assertThat(s.compareTo()).isEqualTo(LocalDate.of(2017, 7, 7));
        Scorecard.ZoneScore western = s.zone("Western");
        // 1 homicide + 2 shootings on Jan 5, 2 shootings on Mar 1 (the re-emitted count).
        assertThat(western.counts())
                .containsExactly(Map.entry("homicides", 1L), Map.entry("shootings", 4L));
        assertThat(western.total()).isEqualTo(5);
        assertThat(western.previousTotal()).isEqualTo(18);
        assertThat(western.change()).isEqualTo(-13);
        assertThat(western.changePercent()).isEqualTo(-72.2);
        assertThat(western.target()).isEqualTo(15.3);
        assertThat(western.metGoal()).isTrue();

        Scorecard.ZoneScore central = s.zone("Central");
        assertThat(central.total()).isEqualTo(2);
        assertThat(central.previousTotal()).isZero();
        assertThat(central.changePercent()).as("no percentage on a base of 0").isNull();
        assertThat(central.metGoal()).isFalse();

        Scorecard.ZoneScore brooklyn = s.zone("Brooklyn");
        assertThat(brooklyn.days()).isZero();
        assertThat(brooklyn.total()).isZero();
    }

    @Test
    void the_window_is_inclusive_at_both_ends() {
        Scorecard s =
                store.query(
                        new ScorecardQuery(
                                VRI,
                                LocalDate.of(2018, 1, 5),
                                LocalDate.of(2018, 3, 1),
                                List.of(Kind.SHOOTINGS),
                                false,
                                null));
        assertThat(s.zone("Western").total()).isEqualTo(4);
        assertThat(s.zone("Western").previous()).isNull();
        assertThat(s.zone("Western").days()).isEqualTo(2);
    }

    @Test
    void requests_overdue_is_summed_where_present_and_null_where_no_record_carries_it() {
        List<Kind> kinds =
                List.of(
                        Kind.REQUESTS_OPENED,
                        Kind.REQUESTS_CLOSED,
                        Kind.REQUESTS_OVERDUE,
                        Kind.TIPS);
        Scorecard july =
                store.query(
                        new ScorecardQuery(
                                VRI,
                                LocalDate.of(2018, 7, 1),
                                LocalDate.of(2018, 7, 7),
                                kinds,
                                false,
                                null));
        assertThat(july.zone("Western").counts())
                .containsEntry("requestsOpened", 5L)
                .containsEntry("requestsClosed", 5L)
                .containsEntry("requestsOverdue", 3L)
                .containsEntry("tips", 0L);

        Scorecard january =
                store.query(
                        new ScorecardQuery(
                                VRI,
                                LocalDate.of(2018, 1, 1),
                                LocalDate.of(2018, 1, 31),
                                kinds,
                                false,
                                null));
        assertThat(january.zone("Western").counts())
                .containsEntry("requestsOpened", 3L)
                .containsEntry("requestsOverdue", null)
                .containsEntry("tips", 1L);

        ZoneDay last = store.day(VRI, "Western", LocalDate.of(2018, 7, 7)).orElseThrow();
        assertThat(last.openAtEnd()).isEqualTo(15);
        assertThat(last.overdueAtEnd()).isEqualTo(4);
        assertThat(last.medianDaysToClose()).isNull();
        assertThat(
                        store.day(VRI, "Western", LocalDate.of(2018, 7, 6))
                                .orElseThrow()
                                .medianDaysToClose())
                .isEqualTo(3.5);
    }

    @Test
    void a_query_with_from_after_to_is_refused() {
        assertThatThrownBy(
                        () ->
                                ScorecardQuery.gunViolence(
                                        VRI, LocalDate.of(2018, 2, 1), LocalDate.of(2018, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after");
    }
}
