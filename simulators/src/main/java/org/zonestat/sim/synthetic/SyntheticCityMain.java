package org.zonestat.sim.synthetic;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.zonestat.city.CityOption;
import org.zonestat.config.BootstrapOption;
import org.zonestat.config.Cli;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.backfill.KafkaRecordPublisher;
import org.zonestat.sim.backfill.RecordPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zonestat synthetic}: publishes a synthetic city to the raw topics at a target rate. A
 * picocli command; {@code --help} lists the flags.
 *
 * <p>It publishes rate × duration records. Event times follow the model in the geography of the
 * city of {@code --city} (its size times M); by default they start so that the last one falls at
 * about the current time, so none is in the future. Exit codes: 0 published, 2 bad or missing
 * flags, 3 Kafka problem.
 *
 * <p>Not thread-safe: one instance runs one command line.
 */
@Command(
        name = "synthetic",
        description = "Publishes the seeded synthetic city to the raw topics at a target rate.")
public final class SyntheticCityMain implements Callable<Integer> {
    /**
     * Records a day at multiplier 1 (shootings with offspring, tips, 3 lifecycle records per 311
     * request).
     */
    static final double RECORDS_PER_DAY =
            CityModel.SHOOTINGS_PER_DAY
                            / (1 - CityModel.BRANCHING_RATIO)
                            * (1 + CityModel.TIP_AFTER_SHOOTING_PROBABILITY)
                    + 3 * CityModel.REQUESTS_PER_DAY
                    + CityModel.TIPS_PER_DAY;

    /** Exit code when Kafka cannot be reached or a topic is missing. */
    static final int KAFKA_PROBLEM = 3;

    @Spec private CommandSpec spec;

    @Mixin private BootstrapOption kafka;

    @Mixin private CityOption city;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Records per second, 1..100000.")
    private double rate;

    @Option(
            names = "--duration-seconds",
            paramLabel = "D",
            defaultValue = "60",
            description = "How long to publish.")
    private long durationSeconds;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "The city's seed.")
    private long seed;

    @Option(
            names = "--rate-multiplier",
            paramLabel = "M",
            defaultValue = "1",
            description = "City size: every base rate times M.")
    private double multiplier;

    @Option(
            names = "--start",
            paramLabel = "ISO-INSTANT",
            description = "First event time (default: so that the last one is about now).")
    private Instant start;

    @Option(
            names = "--out-of-order",
            paramLabel = "F",
            defaultValue = "0",
            description = "Share of records delivered late, in [0, 0.5].")
    private double outOfOrder;

    @Option(
            names = "--duplicates",
            paramLabel = "F",
            defaultValue = "0",
            description = "Share of records delivered twice, in [0, 0.5].")
    private double duplicates;

    @Option(
            names = "--malformed",
            paramLabel = "F",
            defaultValue = "0",
            description = "Share of records delivered malformed, in [0, 0.5].")
    private double malformed;

    private final PrintStream err;

    /** The command reporting to this process's standard error. */
    public SyntheticCityMain() {
        this(System.err);
    }

    SyntheticCityMain(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        Cli.main(new SyntheticCityMain(), args);
    }

    @Override
    public Integer call() {
        if (!(rate >= 1 && rate <= 100_000)) {
            throw invalid("--rate must be in [1, 100000], was " + rate);
        }
        if (durationSeconds <= 0) {
            throw invalid("--duration-seconds must be > 0, was " + durationSeconds);
        }
        if (!(multiplier > 0 && multiplier <= 1_000_000)) {
            throw invalid("--rate-multiplier must be in (0, 1000000], was " + multiplier);
        }
        for (String flag : List.of("--out-of-order", "--duplicates", "--malformed")) {
            double f = (double) spec.findOption(flag).getValue();
            if (!(f >= 0 && f <= 0.5)) {
                throw invalid(flag + " must be in [0, 0.5], was " + f);
            }
        }
        long count = (long) (rate * durationSeconds);
        CityGeography geography = CityGeography.of(city.profile());
        Instant first = start;
        if (first == null) {
            double days = count / (RECORDS_PER_DAY * multiplier * geography.rateMultiplier());
            first = Instant.now().minus(Duration.ofSeconds((long) (days * 86_400)));
        }
        SyntheticCityOptions options;
        try {
            options =
                    SyntheticCityOptions.builder(seed)
                            .start(first)
                            .count(count)
                            .rateMultiplier(multiplier)
                            .outOfOrderFraction(outOfOrder)
                            .duplicateFraction(duplicates)
                            .malformedFraction(malformed)
                            .geography(geography)
                            .build();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return publish(options);
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private int publish(SyntheticCityOptions options) {
        String bootstrap = kafka.servers();
        Map<Feed, String> topics = FeedReplayer.defaultTopics();
        err.printf(
                Locale.ROOT,
                "synthetic-city: %s, seed %d, %,d records at %,.0f/s to %s on %s, event times from"
                        + " %s%n",
                options.geography().city(),
                options.seed(),
                options.count().orElseThrow(),
                rate,
                topics.values(),
                bootstrap,
                options.start());
        try (RecordPublisher publisher = new KafkaRecordPublisher(bootstrap)) {
            topics.values().forEach(publisher::requireTopic);
            new RatePublisher(
                            publisher, topics, rate, System::nanoTime, LockSupport::parkNanos, err)
                    .run(new SyntheticCity(options));
            return 0;
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            err.println("synthetic-city: " + e.getMessage());
            return KAFKA_PROBLEM;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("synthetic-city: interrupted");
            return 1;
        }
    }
}
