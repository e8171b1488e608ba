package org.zonestat.local;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.zonestat.city.CityOption;
import org.zonestat.config.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./zonestat demo}: the whole of ZoneStat in one process ({@link ZoneStatDemo}) until
 * Ctrl-C. A picocli command; {@code --help} lists the flags.
 *
 * <p>Not thread-safe: one instance runs one command line.
 */
@Command(
        name = "demo",
        description =
                "Runs the whole system in one process for one city: a Kafka broker (KRaft), the"
                        + " Flink job on a MiniCluster, the ops console, the city's real history"
                        + " and the synthetic city live.")
public final class DemoCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Broker log, Flink checkpoints and the token file.")
    private Path dataDir = Path.of("var");

    @Option(names = "--port", paramLabel = "N", description = "The ops console's HTTP port.")
    private int port = 7070;

    @Option(
            names = "--kafka-port",
            paramLabel = "N",
            description = "The embedded broker's client port (other tools connect here).")
    private int kafkaPort = 9092;

    @Mixin private CityOption city;

    @Option(
            names = "--speed",
            paramLabel = "X",
            description =
                    "Replay speed of the real history in event-time seconds per second (0: as fast"
                            + " as possible; 86400: a day per second). No pause is longer than 2 s.")
    private double speed = 0;

    @Option(
            names = "--feed",
            paramLabel = "all|history|none",
            description =
                    "all (the city's real history with its original times, then the synthetic"
                            + " city up to now and live), history (the real history only) or none.")
    private String feed = "all";

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "The synthetic city's seed (the same seed, the same city).")
    private long seed = 1;

    @Option(names = "--parallelism", paramLabel = "N", description = "The Flink job's parallelism.")
    private int parallelism = 2;

    @Option(
            names = "--mail-port",
            paramLabel = "N",
            description =
                    "The in-process SMTP server the notifier mails residents through (read them on"
                            + " /admin/mailbox).")
    private int mailPort = 2525;

    /**
     * The parsed flags.
     *
     * @throws ParameterException naming a flag whose value is not allowed
     */
    DemoOptions options() {
        DemoOptions.DemoFeed demoFeed;
        try {
            demoFeed = DemoOptions.DemoFeed.valueOf(feed.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Cli.invalid(spec, "--feed", feed, "all, history or none");
        }
        if (speed < 0) {
            throw Cli.invalid(spec, "--speed", speed, ">= 0");
        }
        if (parallelism < 1) {
            throw Cli.invalid(spec, "--parallelism", parallelism, ">= 1");
        }
        for (String flag : new String[] {"--port", "--kafka-port", "--mail-port"}) {
            int p = (int) spec.findOption(flag).getValue();
            if (p < 0 || p > 65535) {
                throw Cli.invalid(spec, flag, p, "in [0, 65535]");
            }
        }
        return new DemoOptions(
                dataDir,
                port,
                kafkaPort,
                speed,
                demoFeed,
                parallelism,
                mailPort,
                city.profile(),
                seed,
                Clock.systemUTC());
    }

    @Override
    public Integer call() throws Exception {
        DemoOptions options = options();
        ZoneStatDemo demo = new ZoneStatDemo(options);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.out.println(
                                            "\nZoneStat: stopping (history is kept in "
                                                    + options.dataDir()
                                                    + ")");
                                    demo.close();
                                },
                                "zonestat-shutdown"));
        demo.start();
        String url = "http://localhost:" + demo.consolePort() + "/";
        StringBuilder banner =
                new StringBuilder()
                        .append("\nZoneStat is running for ")
                        .append(options.city().name())
                        .append(".\n")
                        .append("  ops console:  ")
                        .append(url)
                        .append('\n')
                        .append("  Kafka:        ")
                        .append(demo.bootstrapServers())
                        .append('\n')
                        .append("  data folder:  ")
                        .append(options.dataDir().toAbsolutePath())
                        .append('\n')
                        .append("  access tokens (")
                        .append(options.dataDir().resolve("tokens.properties"))
                        .append("):\n");
        demo.tokens()
                .asMap()
                .forEach(
                        (token, role) ->
                                banner.append("    ")
                                        .append(
                                                String.format(
                                                        "%-10s",
                                                        role.name()
                                                                .toLowerCase(
                                                                        java.util.Locale.ROOT)))
                                        .append(' ')
                                        .append(token)
                                        .append("   ")
                                        .append(url)
                                        .append("?token=")
                                        .append(token)
                                        .append('\n'));
        banner.append(demo.communityLines(url));
        if (options.feed() == DemoOptions.DemoFeed.ALL) {
            banner.append(
                    "  data:         the real history of the city's exports, then the synthetic"
                            + " city (source synthetic-city) up to now and live\n");
        }
        banner.append("Press Ctrl-C to stop.\n");
        System.out.println(banner);
        Thread.currentThread().join();
        return 0;
    }
}
