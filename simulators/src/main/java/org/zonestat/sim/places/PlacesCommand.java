package org.zonestat.sim.places;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.zonestat.config.BootstrapOption;
import org.zonestat.config.Cli;
import org.zonestat.sim.mapping.InvalidInputException;
import org.zonestat.sim.mapping.PlaceMapping;
import org.zonestat.sim.mapping.Rejection;
import org.zonestat.topics.TopicCodec;
import org.zonestat.topics.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./zonestat places}: loads a city's list of places (any CSV, through a {@link
 * PlaceMapping}) into the compacted {@code places} topic, one message per place keyed by its id, so
 * loading the same list again replaces each place rather than adding it twice. Rows that cannot be
 * used are listed as {@code file:line: reason} and never stop the load.
 *
 * <p>Exit codes: 0 loaded, 1 unreadable input or mapping, 2 bad flags, 3 Kafka unreachable or
 * records not stored. Not thread-safe: one instance runs one command line.
 */
@Command(
        name = "places",
        description =
                "Loads a city's places (licenses, vacant buildings, ...) from a CSV through a"
                        + " mapping into the compacted places topic.")
public final class PlacesCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int BAD_INPUT = 1;
    public static final int KAFKA_PROBLEM = 3;

    @Spec private CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "The CSV of places.")
    private Path input;

    @Option(
            names = "--mapping",
            required = true,
            paramLabel = "FILE|NAME",
            description =
                    "A place mapping .properties file, or a shipped one's name (an unknown"
                            + " name is refused with the list).")
    private String mappingName;

    @Mixin private BootstrapOption kafka;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            description = "The places topic (default: places; created compacted if missing).")
    private String topic = Topics.defaults().places();

    private final Clock clock;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    public PlacesCommand() {
        this(Clock.systemUTC());
    }

    /** A command whose messages carry {@code clock}'s time as {@code updatedAt}. */
    public PlacesCommand(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new PlacesCommand().run(args, System.out, System.err));
    }

    /** Runs a command line with the given streams; returns its exit code. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        PlacesCommand command = new PlacesCommand(clock);
        command.out = out;
        command.err = err;
        CommandLine cl = Cli.commandLine(command, System.getenv());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        Cli.requireNonBlank(spec);
        PlaceMapping mapping;
        try {
            mapping = PlaceMapping.resolve(mappingName);
        } catch (InvalidInputException e) {
            err.println("places: " + e.getMessage());
            return BAD_INPUT;
        }
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            err.println("places: cannot read input file " + input);
            return BAD_INPUT;
        }
        String name = input.getFileName().toString();
        Instant now = clock.instant();
        List<Rejection> rejected = new ArrayList<>();
        long[] loaded = {0};
        try (KafkaProducer<String, byte[]> producer = producer(kafka.servers());
                InputStream in = Files.newInputStream(input)) {
            createIfMissing(kafka.servers(), topic);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            mapping.read(
                    in,
                    name,
                    now,
                    place -> {
                        sent.add(
                                producer.send(
                                        new ProducerRecord<>(
                                                topic,
                                                null,
                                                now.toEpochMilli(),
                                                place.placeId(),
                                                TopicCodec.encode(place))));
                        loaded[0]++;
                    },
                    rejected::add);
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (InvalidInputException | IllegalArgumentException e) {
            err.println("places: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("places: cannot read input file " + input + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            err.println("places: records not stored on " + kafka.servers() + ": " + e.getMessage());
            return KAFKA_PROBLEM;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return KAFKA_PROBLEM;
        }
        out.printf(
                Locale.ROOT,
                "places: %,d places of %s (mapping %s) -> %s on %s; %,d rows rejected%n",
                loaded[0],
                name,
                mapping.name(),
                topic,
                kafka.servers(),
                rejected.size());
        rejected.stream().limit(20).forEach(r -> out.println("  " + r));
        return OK;
    }

    /** Creates the topic compacted, one partition, as {@link Topics#newTopics} does, if missing. */
    private static void createIfMissing(String bootstrap, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(
                                List.of(
                                        new NewTopic(topic, 1, (short) 1)
                                                .configs(Map.of("cleanup.policy", "compact"))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        return new KafkaProducer<>(p);
    }
}
