package org.zonestat.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.zonestat.config.Cli;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.replay.EventTimeIndex;
import org.zonestat.console.replay.EventTimeIndexer;
import org.zonestat.console.replay.ReplayReader;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.TopicCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Replay of a week in a topic of ten million events whose years were appended out of order: the
 * embedded broker gets {@code events} as the job writes them ({@link EventMessage} JSON, record
 * timestamp = event time), 2016–2020 first and then 2012–2015, each load in time order; then the
 * console's replay index ({@link EventTimeIndexer}) is built from scratch as at start-up, timed;
 * then weeks of each era are replayed with the console's {@link ReplayReader}, each timed from the
 * call to the answer's JSON body being written (what {@code GET /api/replay} does, less the HTTP
 * transfer); and one old week once more without the index, as the console read before. Writes
 * {@code results/replay.md}.
 *
 * <pre>
 * ./zonestat bench replay [--events N] [--partitions N] [--seed S] [--output FILE]
 * </pre>
 *
 * <p>Not JMH: one process, a real broker, each replay measured as a user waits for it.
 */
@Command(
        name = "replay",
        description =
                "Replays weeks of ten million events appended out of order, with and without the"
                        + " replay index; writes a markdown results file.")
public final class ReplayBenchmark implements Callable<Integer> {
    static final double GOAL_SECONDS = 2.0;
    static final String TOPIC = "events";

    /** The eras in the order they are loaded. */
    static final List<int[]> ERAS = List.of(new int[] {2016, 2020}, new int[] {2012, 2015});

    /** Weeks replayed: the old era (start, middle, end), the recent one (middle, end). */
    static final List<String> WEEKS =
            List.of("2012-W10", "2014-W27", "2015-W52", "2018-W27", "2020-W50");

    private static final String[] KINDS = {"SHOOTING", "HOMICIDE", "ROBBERY", "AGG_ASSAULT"};

    @Spec private CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", description = "Events published.")
    private int events = 10_000_000;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of events.")
    private int partitions = 2;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of places and kinds.")
    private long seed = 20151228L;

    @Option(names = "--output", paramLabel = "FILE", description = "The results file.")
    private Path output = Path.of("benchmarks", "results", "replay.md");

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date in the results.")
    private LocalDate date;

    /** One replay: the week, whether indexed, seconds to the answer, records read, events kept. */
    record Replay(
            String week,
            boolean indexed,
            double seconds,
            long recordsRead,
            int events,
            int bytes) {}

    public static void main(String[] args) {
        Cli.main(new ReplayBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (events < 100_000 || partitions < 1) {
            throw Cli.invalid(spec, "--events/--partitions", events, "at least 100000/1");
        }
        String loadStart = MachineDescription.loadAverage();
        Path work = Files.createTempDirectory("zonestat-replay-bench-");
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDir(work).build().start()) {
            broker.createTopic(TOPIC, partitions, Map.of());
            long t0 = System.nanoTime();
            publish(broker.bootstrapServers());
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT, "Published %,d events in %.1f s%n", events, publishSeconds);
            String loadAfterPublish = MachineDescription.loadAverage();

            EventTimeIndex index = new EventTimeIndex();
            long buildMillis;
            List<Replay> replays = new ArrayList<>();
            try (EventTimeIndexer indexer =
                    new EventTimeIndexer(broker.bootstrapServers(), List.of(TOPIC), index)
                            .start()) {
                while (!indexer.built()) {
                    Thread.sleep(50); // a benchmark's wait for a figure, not a test's
                }
                buildMillis = indexer.builtMillis();
                System.out.printf(
                        Locale.ROOT,
                        "Index built in %d ms: %,d records, %,d blocks%n",
                        buildMillis,
                        index.records(),
                        index.blocks());
                ReplayReader indexed = reader(broker.bootstrapServers(), index);
                for (int round = 0; round < 2; round++) {
                    for (String week : WEEKS) {
                        replays.add(replay(indexed, week, true));
                    }
                }
                replays.add(replay(reader(broker.bootstrapServers(), null), WEEKS.get(1), false));
            }
            String loadEnd = MachineDescription.loadAverage();
            String md =
                    render(
                            publishSeconds,
                            buildMillis,
                            index,
                            replays,
                            List.of(loadStart, loadAfterPublish, loadEnd));
            ResultsFile.write(output, md);
        } finally {
            PipelineBenchmark.deleteRecursively(work);
        }
        return 0;
    }

    private static ReplayReader reader(String bootstrapServers, EventTimeIndex index) {
        return new ReplayReader(
                bootstrapServers,
                TOPIC,
                null,
                null,
                () -> ZoneCatalog.of(List.of()),
                200_000,
                index);
    }

    private static Replay replay(ReplayReader reader, String week, boolean indexed)
            throws IOException {
        LocalDate monday =
                LocalDate.of(Integer.parseInt(week.substring(0, 4)), 6, 1)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Long.parseLong(week.substring(6)))
                        .with(DayOfWeek.MONDAY);
        Instant from = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
        long t0 = System.nanoTime();
        ReplayReader.Range range = reader.read(from, from.plus(Duration.ofDays(7)), i -> true);
        byte[] body = ConsoleJson.newMapper().writeValueAsBytes(range);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Replay r =
                new Replay(
                        week,
                        indexed,
                        seconds,
                        range.recordsRead(),
                        range.events().size(),
                        body.length);
        System.out.printf(Locale.ROOT, "%s%n", r);
        return r;
    }

    /**
     * Publishes the eras in load order, each in time order, spread evenly over its years; a
     * function of the seed and the event's index.
     */
    private void publish(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        int years = ERAS.stream().mapToInt(e -> e[1] - e[0] + 1).sum();
        Random random = new Random(seed);
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            int yearsBefore = 0;
            for (int[] era : ERAS) {
                Instant start = LocalDate.of(era[0], 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant end =
                        LocalDate.of(era[1] + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
                long first = (long) events * yearsBefore / years;
                yearsBefore += era[1] - era[0] + 1;
                long count = (long) events * yearsBefore / years - first;
                long span = Duration.between(start, end).toMillis();
                for (long i = 0; i < count; i++, n++) {
                    Instant at = start.plusMillis(span * i / count);
                    EventMessage m = event(n, at, random);
                    producer.send(
                            new ProducerRecord<>(
                                    TOPIC,
                                    null,
                                    at.toEpochMilli(),
                                    m.eventId().getBytes(StandardCharsets.UTF_8),
                                    TopicCodec.encode(m)));
                }
            }
            producer.flush();
        }
    }

    /** An incident as the job writes it, somewhere in the city. */
    private static EventMessage event(long n, Instant at, Random random) {
        String kind = KINDS[random.nextInt(KINDS.length)];
        double lon = -76.71 + random.nextDouble() * 0.18;
        double lat = 39.20 + random.nextDouble() * 0.17;
        String recordId = "R" + n;
        return new EventMessage(
                "incident/bench-history/" + recordId,
                "incident",
                kind,
                kind,
                null,
                recordId,
                "bench-history",
                at,
                lon,
                lat,
                "892aa8d4d83ffff",
                Map.of("vri-zones", "Zone" + random.nextInt(12), "neighborhoods", "N" + (n % 278)),
                Map.of("vri-zones", 1, "neighborhoods", 1),
                (100 + n % 900) + " N EXAMPLE ST",
                null);
    }

    private String render(
            double publishSeconds,
            long buildMillis,
            EventTimeIndex index,
            List<Replay> replays,
            List<String> loads) {
        StringBuilder md = new StringBuilder();
        LocalDate day = date == null ? LocalDate.now(ZoneOffset.UTC) : date;
        List<Replay> indexed = replays.stream().filter(Replay::indexed).toList();
        double worst = indexed.stream().mapToDouble(Replay::seconds).max().orElse(0);
        md.append("# Replay benchmark: a week out of ten million events appended out of order\n\n")
                .append("Written by `org.zonestat.benchmarks.ReplayBenchmark` (`./zonestat bench")
                .append(" replay`) on ")
                .append(day)
                .append(". Explained in `benchmarks/README.md`.\n\n")
                .append("| measure | goal | measured | |\n|---|---|---|---|\n")
                .append(
                        String.format(
                                Locale.ROOT,
                                "| request to answer, any week, with the index (worst of %d) | < %.0f s |"
                                        + " %.2f s | **%s** |%n",
                                indexed.size(),
                                GOAL_SECONDS,
                                worst,
                                worst < GOAL_SECONDS ? "met" : "NOT met"))
                .append(
                        String.format(
                                Locale.ROOT,
                                "| replay index built at start-up, %,d records (timestamps only) | |"
                                        + " %.1f s (%,.0f records/s), %,d blocks | |%n",
                                index.records(),
                                buildMillis / 1000.0,
                                index.records() / Math.max(0.001, buildMillis / 1000.0),
                                index.blocks()))
                .append(
                        String.format(
                                Locale.ROOT,
                                "| published (%,d events: %s then %s, each in time order) | | %.1f s"
                                        + " (%,.0f events/s) | |%n%n",
                                events,
                                ERAS.get(0)[0] + "–" + ERAS.get(0)[1],
                                ERAS.get(1)[0] + "–" + ERAS.get(1)[1],
                                publishSeconds,
                                events / publishSeconds));
        md.append("| week | index | request to answer | records read | of the topic | events |")
                .append(" answer |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Replay r :
                replays.stream()
                        .sorted(Comparator.comparing(Replay::indexed).reversed())
                        .toList()) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %.3f s | %,d | %.2f %% | %,d | %.1f MB |%n",
                            r.week(),
                            r.indexed() ? "yes" : "no (as before)",
                            r.seconds(),
                            r.recordsRead(),
                            100.0 * r.recordsRead() / events,
                            r.events(),
                            r.bytes() / 1e6));
        }
        md.append("\nEach indexed week twice: the first round is the first replays of the process")
                .append(
                        " (JIT cold), the second warm. The unindexed row is the reading the console")
                .append(" did before the index (and still does for what is not indexed yet): from")
                .append(" `offsetsForTimes(from)` to the end, under its 30 s deadline.\n\n");
        MachineDescription m = MachineDescription.current();
        md.append("## Machine\n\n| | |\n|---|---|\n")
                .append("| nproc | ")
                .append(m.processors())
                .append(" |\n| CPU | ")
                .append(m.cpuModel())
                .append(" |\n| memory | ")
                .append(m.memory())
                .append(" |\n| JVM | ")
                .append(m.jvm())
                .append(" |\n| OS | ")
                .append(m.os())
                .append(" |\n| load average at start, after publishing, at the end | ")
                .append(String.join("; ", loads))
                .append(" |\n\n## Settings\n\n")
                .append(
                        String.format(
                                Locale.ROOT,
                                "`--events %d --partitions %d --seed %d`; blocks of %,d records;"
                                        + " one embedded broker, broker and benchmark in one JVM.%n",
                                events,
                                partitions,
                                seed,
                                EventTimeIndex.DEFAULT_BLOCK_RECORDS));
        return md.toString();
    }
}
