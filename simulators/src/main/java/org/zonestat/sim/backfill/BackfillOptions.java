package org.zonestat.sim.backfill;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.zonestat.sim.Feed;

/**
 * The backfill command's flags, parsed and checked: {@code --kind incidents|requests311|tips
 * --input FILE --mapping FILE|NAME [--bootstrap HOST:PORT] [--topic NAME] [--source NAME] [--order
 * time|file]}.
 *
 * <p>Immutable; thread-safe.
 */
public record BackfillOptions(
        Feed kind,
        Path input,
        String mapping,
        String bootstrap,
        Optional<String> topic,
        Optional<String> source,
        boolean timeOrder) {
    /** The demo's embedded broker. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    public static final String USAGE =
            """
            usage: backfill --kind incidents|requests311|tips --input FILE --mapping FILE|NAME
                            [--bootstrap HOST:PORT] [--topic NAME] [--source NAME] [--order time|file]
              --kind       the raw feed the records are for (must match the mapping's feed)
              --input      the export to load (CSV, or Open311 JSON with --mapping open311-georeport-v2)
              --mapping    a mapping .properties file, or a shipped mapping's name:
                           baltimore-part1-legacy, baltimore-part1, baltimore-shootings-trace,
                           baltimore-311, open311-georeport-v2
              --bootstrap  Kafka (default 127.0.0.1:9092, the demo's embedded broker)
              --topic      the topic (default: the mapping's topic, else the feed's raw topic)
              --source     the records' source name (default: the mapping's)
              --order      time (default): publish in event-time order, as a live feed would deliver
                           them (the whole file is read first); file: stream in file order, for
                           files too large to hold that are already in time order
            exit codes: 0 published, 1 bad arguments or unreadable input/mapping, 2 Kafka problem""";

    /**
     * Parses the flags.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static BackfillOptions parse(String... args) {
        Feed kind = null;
        Path input = null;
        String mapping = null;
        String bootstrap = DEFAULT_BOOTSTRAP;
        String topic = null;
        String source = null;
        boolean timeOrder = true;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("flag " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--kind" -> kind = parseKind(value);
                case "--input" -> input = Path.of(value);
                case "--mapping" -> mapping = value;
                case "--bootstrap" -> bootstrap = requireNonBlank(flag, value);
                case "--topic" -> topic = requireNonBlank(flag, value);
                case "--source" -> source = requireNonBlank(flag, value);
                case "--order" ->
                        timeOrder =
                                switch (value) {
                                    case "time" -> true;
                                    case "file" -> false;
                                    default ->
                                            throw new IllegalArgumentException(
                                                    "--order " + value + " is not time or file");
                                };
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("--kind is required");
        }
        if (input == null) {
            throw new IllegalArgumentException("--input is required");
        }
        if (mapping == null) {
            throw new IllegalArgumentException("--mapping is required");
        }
        return new BackfillOptions(
                kind,
                input,
                mapping,
                bootstrap,
                Optional.ofNullable(topic),
                Optional.ofNullable(source),
                timeOrder);
    }

    private static Feed parseKind(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "incidents" -> Feed.INCIDENTS;
            case "requests311" -> Feed.REQUESTS311;
            case "tips" -> Feed.TIPS;
            default ->
                    throw new IllegalArgumentException(
                            "--kind " + value + " is not incidents, requests311 or tips");
        };
    }

    private static String requireNonBlank(String flag, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(flag + " is empty");
        }
        return value.strip();
    }
}
