package org.zonestat.sim.synthetic;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.backfill.KafkaRecordPublisher;
import org.zonestat.sim.backfill.RecordPublisher;

/**
 * Publishes a synthetic city to the raw topics at a target rate: {@code --bootstrap HOST:PORT
 * --rate N --seed S --duration-seconds D [--rate-multiplier M] [--start ISO-INSTANT]
 * [--out-of-order F] [--duplicates F] [--malformed F]}.
 *
 * <p>It publishes N × D records. Event times follow the model (a city M times Baltimore's size); by
 * default they start so that the last one falls at about the current time, so none is in the
 * future. Exit codes: 0 published, 1 bad arguments, 2 Kafka problem.
 */
public final class SyntheticCityMain {
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

    static final String USAGE =
            """
            usage: synthetic-city --rate N --duration-seconds D [--seed S] [--bootstrap HOST:PORT]
                                  [--rate-multiplier M] [--start ISO-INSTANT]
                                  [--out-of-order F] [--duplicates F] [--malformed F]
              --rate N               records per second, 1..100000 (default 1000)
              --duration-seconds D   how long to publish (default 60)
              --seed S               the city's seed (default 1)
              --bootstrap            Kafka (default 127.0.0.1:9092)
              --rate-multiplier M    city size: every base rate times M (default 1)
              --start                first event time (default: so that the last one is about now)
              --out-of-order, --duplicates, --malformed   fractions in [0, 0.5] (default 0)""";

    private SyntheticCityMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        String bootstrap = "127.0.0.1:9092";
        double rate = 1000;
        long durationSeconds = 60;
        SyntheticCityOptions options;
        try {
            long seed = 1;
            double multiplier = 1;
            Instant start = null;
            double outOfOrder = 0;
            double duplicates = 0;
            double malformed = 0;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("flag " + args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--bootstrap" -> bootstrap = v;
                    case "--rate" -> rate = Double.parseDouble(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--duration-seconds" -> durationSeconds = Long.parseLong(v);
                    case "--rate-multiplier" -> multiplier = Double.parseDouble(v);
                    case "--start" -> start = Instant.parse(v);
                    case "--out-of-order" -> outOfOrder = Double.parseDouble(v);
                    case "--duplicates" -> duplicates = Double.parseDouble(v);
                    case "--malformed" -> malformed = Double.parseDouble(v);
                    default -> throw new IllegalArgumentException("unknown flag " + args[i]);
                }
            }
            if (!(rate >= 1 && rate <= 100_000)) {
                throw new IllegalArgumentException("--rate must be in [1, 100000], was " + rate);
            }
            if (durationSeconds <= 0) {
                throw new IllegalArgumentException(
                        "--duration-seconds must be > 0, was " + durationSeconds);
            }
            long count = (long) (rate * durationSeconds);
            if (start == null) {
                double days = count / (RECORDS_PER_DAY * multiplier);
                start = Instant.now().minus(Duration.ofSeconds((long) (days * 86_400)));
            }
            options =
                    SyntheticCityOptions.builder(seed)
                            .start(start)
                            .count(count)
                            .rateMultiplier(multiplier)
                            .outOfOrderFraction(outOfOrder)
                            .duplicateFraction(duplicates)
                            .malformedFraction(malformed)
                            .build();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println("synthetic-city: " + e.getMessage());
            err.println(USAGE);
            return 1;
        }
        Map<Feed, String> topics = FeedReplayer.defaultTopics();
        err.printf(
                Locale.ROOT,
                "synthetic-city: seed %d, %,d records at %,.0f/s to %s on %s, event times from %s%n",
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
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}
