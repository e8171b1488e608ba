package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.console.scorecard.Scorecard;
import org.zonestat.console.scorecard.ScorecardQuery;
import org.zonestat.console.scorecard.ScorecardStore;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.history.HistoryJob;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.kafka.TopicContents;
import org.zonestat.sim.backfill.BackfillCommand;
import org.zonestat.sim.backfill.KafkaRecordPublisher;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.csv.CsvTable;
import org.zonestat.topics.HistoryMessage;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.Topics;
import org.zonestat.topics.ZoneStatsMessage;

/**
 * History out: the real shooting cases of 2012-2017 and the 2018 Part 1 rows backfilled through
 * {@code ./zonestat backfill}'s command into a real broker as two loads, each computed by the job's
 * logic in batch mode ({@link HistoryJob}, as the history service runs it), and asked the 2018
 * VRI's question of the console's scorecard: homicides and shootings in each VRI zone, February to
 * September 2016, against the same months of 2015. The expected numbers come straight from the
 * input file: each row's date and its VRI zone (point in polygon), nothing from the pipeline.
 */
class BackfillYearOverYearITCase {
    private static final String LAYER = "vri-zones";
    private static final LocalDate FROM = LocalDate.of(2016, 2, 1);
    private static final LocalDate TO = LocalDate.of(2016, 9, 30);

    @TempDir static Path dir;

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KAFKA.broker();
    }

    @Test
    void backfilledHistoryGivesTheScorecardsYearOverYearNumbersPerVriZone() throws Exception {
        Path input = copy(BaltimoreData.SHOOTINGS_2012_2017);
        Path part1 = copy(BaltimoreData.PART1_2018);
        long rows = Files.lines(input).count() - 1 + Files.lines(part1).count() - 1;

        JobConfig config =
                JobConfig.defaults(kafka.bootstrapServers())
                        .withTopics(Topics.defaults().withSuffix(".yoy"))
                        .withGroupId("yoy")
                        .withBounded(true);
        kafka.createTopics(config.topics().newTopics(2, (short) 1));

        long started = System.nanoTime();
        backfill(config, input, "baltimore-shootings-trace");
        backfill(config, part1, "baltimore-part1-legacy");
        double backfillSeconds = (System.nanoTime() - started) / 1e9;

        for (LoadMessage load : publishedLoads(config.topics().history())) {
            new HistoryJob(config).runLocally(load, 2);
        }
        double jobSeconds = (System.nanoTime() - started) / 1e9 - backfillSeconds;

        long events = count(config.topics().events());
        long rejected = count(config.topics().rejected());
        assertThat(events + rejected).as("in = events + rejected").isEqualTo(rows);

        ScorecardStore store = new ScorecardStore();
        try (TopicFeed feed = new TopicFeed(kafka.bootstrapServers(), "year-over-year-test")) {
            TopicProgress reader =
                    feed.subscribe(
                            config.topics().zoneStats(),
                            ZoneStatsMessage.class,
                            StartAt.beginning(),
                            r -> store.accept(r.value()));
            feed.start();
            assertThat(reader.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        }
        Scorecard scorecard = store.query(ScorecardQuery.gunViolence(LAYER, FROM, TO));

        Map<String, long[]> expected = expectedFromTheFile(input);
        TreeSet<String> zones = new TreeSet<>(expected.keySet());
        scorecard.zones().stream()
                .filter(z -> z.total() > 0 || (z.previousTotal() != null && z.previousTotal() > 0))
                .forEach(z -> zones.add(z.zone()));
        System.out.printf(
                "%d rows (3,479 shooting cases + 515 Part 1 rows) backfilled in %.1f s, then the job "
                        + "accounted for every one in %.1f s (%.1f s in all); %d events, %d rejected%n",
                rows, backfillSeconds, jobSeconds, backfillSeconds + jobSeconds, events, rejected);
        System.out.printf(
                "%-12s %27s %27s%n",
                "VRI zone", "Feb-Sep 2016 hom/shoot", "Feb-Sep 2015 hom/shoot");
        long[] all = new long[4];
        for (String zone : zones) {
            long[] e = expected.getOrDefault(zone, new long[4]);
            Scorecard.ZoneScore s = scorecard.zone(zone);
            assertThat(s).as("zone %s on the scorecard", zone).isNotNull();
            assertThat(count(s.counts(), "homicides"))
                    .as("%s homicides 2016", zone)
                    .isEqualTo(e[0]);
            assertThat(count(s.counts(), "shootings"))
                    .as("%s shootings 2016", zone)
                    .isEqualTo(e[1]);
            assertThat(count(s.previous(), "homicides"))
                    .as("%s homicides 2015", zone)
                    .isEqualTo(e[2]);
            assertThat(count(s.previous(), "shootings"))
                    .as("%s shootings 2015", zone)
                    .isEqualTo(e[3]);
            long now = e[0] + e[1];
            long before = e[2] + e[3];
            assertThat(s.total()).isEqualTo(now);
            assertThat(s.previousTotal()).isEqualTo(before);
            assertThat(s.change()).isEqualTo(now - before);
            if (before > 0) {
                assertThat(s.changePercent())
                        .isCloseTo(
                                100.0 * (now - before) / before,
                                org.assertj.core.data.Offset.offset(0.051));
            }
            for (int i = 0; i < 4; i++) {
                all[i] += e[i];
            }
            System.out.printf(
                    "%-12s %20d / %4d %20d / %4d  %s%n",
                    zone,
                    e[0],
                    e[1],
                    e[2],
                    e[3],
                    s.changePercent() == null ? "" : String.format("%+.1f %%", s.changePercent()));
        }
        System.out.printf(
                "%-12s %20d / %4d %20d / %4d%n", "all VRI", all[0], all[1], all[2], all[3]);
        assertThat(all[0] + all[1]).as("gun violence in VRI zones, Feb-Sep 2016").isPositive();
        assertThat(all[2] + all[3]).as("gun violence in VRI zones, Feb-Sep 2015").isPositive();
    }

    /** A shipped file, copied out as a city's export would be. */
    private static Path copy(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = BaltimoreData.open(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static void backfill(JobConfig config, Path input, String mapping) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                new BackfillCommand(KafkaRecordPublisher::forLoad, Duration.ofSeconds(5))
                        .run(
                                new String[] {
                                    "--no-wait",
                                    "--kind",
                                    "incidents",
                                    "--input",
                                    input.toString(),
                                    "--mapping",
                                    mapping,
                                    "--bootstrap",
                                    kafka.bootstrapServers(),
                                    "--topic",
                                    config.topics().incidents(),
                                    "--topic-history",
                                    config.topics().history()
                                },
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err);
        System.out.print(out.toString(StandardCharsets.UTF_8));
        assertThat(code).as("backfill of %s", input).isZero();
    }

    /**
     * Per VRI zone: homicides and shootings in the window of 2016, then in the same window of 2015,
     * from each row's date, case type and point.
     */
    private static Map<String, long[]> expectedFromTheFile(Path input) throws Exception {
        ZoneCatalog catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
        Map<String, long[]> byZone = new TreeMap<>();
        try (InputStream in = Files.newInputStream(input)) {
            CsvTable.forEachRow(
                    in,
                    input.toString(),
                    row -> {
                        LocalDate day = LocalDate.parse(row.get("date").orElseThrow());
                        int year;
                        if (!day.isBefore(FROM) && !day.isAfter(TO)) {
                            year = 0;
                        } else if (!day.isBefore(FROM.minusYears(1))
                                && !day.isAfter(TO.minusYears(1))) {
                            year = 2;
                        } else {
                            return;
                        }
                        String zone =
                                catalog.tag(
                                                Double.parseDouble(
                                                        row.get("longitude").orElseThrow()),
                                                Double.parseDouble(
                                                        row.get("latitude").orElseThrow()))
                                        .get(LAYER);
                        if (zone == null) {
                            return;
                        }
                        boolean homicide = row.get("case_type").orElseThrow().contains("HOMICIDE");
                        byZone.computeIfAbsent(zone, z -> new long[4])[year + (homicide ? 0 : 1)]++;
                    });
        }
        return byZone;
    }

    private static long count(Map<String, Long> counts, String kind) {
        Long n = counts == null ? null : counts.get(kind);
        return n == null ? 0 : n;
    }

    /** The loads the backfills announced as published. */
    private static List<LoadMessage> publishedLoads(String historyTopic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<LoadMessage> loads = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicContents.readFromBeginning(
                    c,
                    historyTopic,
                    Duration.ofSeconds(60),
                    r -> {
                        if (TopicCodec.decode(r.topic(), r.value(), HistoryMessage.class)
                                        instanceof LoadMessage l
                                && l.isPublished()) {
                            loads.add(l);
                        }
                    });
        }
        return loads;
    }

    /** Committed records in a topic. */
    private static long count(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            AtomicLong n = new AtomicLong();
            TopicContents.readFromBeginning(
                    c, topic, Duration.ofSeconds(60), r -> n.incrementAndGet());
            return n.get();
        }
    }
}
