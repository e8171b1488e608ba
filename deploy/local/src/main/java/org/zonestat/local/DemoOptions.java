package org.zonestat.local;

import java.nio.file.Path;
import java.util.List;

/**
 * The flags of {@code ./zonestat demo}. Immutable.
 *
 * @param dataDir where the broker keeps its log and the console its token file
 * @param port the console's HTTP port (0 = any free port)
 * @param kafkaPort the embedded broker's client port (0 = any free port)
 * @param speed replay speed: event-time seconds per wall-clock second (0 = as fast as possible)
 * @param feed {@code baltimore} (the real data) or {@code none}
 * @param parallelism the Flink job's parallelism
 * @param mailPort the in-process SMTP server's port (0 = any free port)
 */
public record DemoOptions(
        Path dataDir,
        int port,
        int kafkaPort,
        double speed,
        String feed,
        int parallelism,
        int mailPort) {
    public static final String USAGE =
            """
            usage: zonestat demo [--data-dir DIR] [--port N] [--kafka-port N] [--speed X] [--feed baltimore|none] [--parallelism N] [--mail-port N]
              --data-dir DIR     broker log, checkpoints and tokens (default var)
              --port N           ops console HTTP port (default 7070)
              --kafka-port N     embedded Kafka broker port (default 9092)
              --speed X          replay speed, event-time seconds per second (default 86400: a day per second)
              --feed NAME        baltimore (real 2012-2019 Baltimore data) or none (default baltimore)
              --parallelism N    Flink parallelism (default 2)
              --mail-port N      the in-process SMTP server the notifier mails to (default 2525)""";

    public static DemoOptions parse(List<String> args) {
        Path dataDir = Path.of("var");
        int port = 7070;
        int kafkaPort = 9092;
        double speed = 86_400;
        String feed = "baltimore";
        int parallelism = 2;
        int mailPort = 2525;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("flag " + flag + " needs a value\n" + USAGE);
            }
            String value = args.get(++i);
            try {
                switch (flag) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--port" -> port = Integer.parseInt(value);
                    case "--kafka-port" -> kafkaPort = Integer.parseInt(value);
                    case "--speed" -> speed = Double.parseDouble(value);
                    case "--feed" -> feed = value;
                    case "--parallelism" -> parallelism = Integer.parseInt(value);
                    case "--mail-port" -> mailPort = Integer.parseInt(value);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown flag " + flag + "\n" + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "flag " + flag + " needs a number, got '" + value + "'");
            }
        }
        if (!feed.equals("baltimore") && !feed.equals("none")) {
            throw new IllegalArgumentException(
                    "--feed must be baltimore or none, got '" + feed + "'");
        }
        if (speed < 0) {
            throw new IllegalArgumentException("--speed must be >= 0, got " + speed);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        return new DemoOptions(dataDir, port, kafkaPort, speed, feed, parallelism, mailPort);
    }
}
