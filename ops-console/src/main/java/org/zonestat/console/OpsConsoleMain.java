package org.zonestat.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the ops console alone against an existing Kafka cluster.
 *
 * <pre>
 * OpsConsoleMain --bootstrap HOST:PORT [--port N] [--tokens FILE] [--topic NAME] [--host ADDR]
 *                [--recent N] [--tile-url URL [--tile-attribution TEXT]]
 * </pre>
 *
 * <p>Only parses flags and wires the production pieces; see {@link OpsConsole}.
 */
public final class OpsConsoleMain {
    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: OpsConsoleMain --bootstrap HOST:PORT [options]",
                    "  --bootstrap HOST:PORT    Kafka bootstrap servers (required)",
                    "  --port N                 HTTP port, 0 for a free one (default 8080)",
                    "  --tokens FILE            token=role file; created with one random token per"
                            + " role",
                    "                           if missing (default"
                            + " var/ops-console/tokens.properties)",
                    "  --topic NAME             events topic (default events)",
                    "  --host ADDR              address to bind (default 127.0.0.1; 0.0.0.0 for"
                            + " all)",
                    "  --recent N               recent events sent to each new client (default"
                            + " 500)",
                    "  --tile-url URL           optional raster tile URL template (default: none)",
                    "  --tile-attribution TEXT  attribution shown with the tiles",
                    "  --goal PERCENT           huddle and report goal against last year (default"
                            + " -15)",
                    "  --huddle-date DATE       the huddle's day, YYYY-MM-DD (default: the latest"
                            + " day in zone-stats)",
                    "Each flag may also be set by ZONESTAT_<FLAG> (ZONESTAT_BOOTSTRAP, ZONESTAT_TILE_URL, ...);",
                    "the command line wins.");

    private OpsConsoleMain() {}

    public static void main(String[] args) throws InterruptedException {
        Flags flags;
        try {
            flags = Flags.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (flags.help) {
            System.out.println(USAGE);
            return;
        }
        boolean newTokens = !Files.exists(flags.tokens);
        AccessTokens tokens = AccessTokens.loadOrCreateDemo(flags.tokens);
        ConsoleConfig config =
                ConsoleConfig.defaults().withTiles(flags.tileUrl, flags.tileAttribution);
        OpsConsole.Running console =
                OpsConsole.builder()
                        .bootstrapServers(flags.bootstrap)
                        .eventsTopic(flags.topic)
                        .host(flags.host)
                        .port(flags.port)
                        .tokens(tokens)
                        .recentLimit(flags.recent)
                        .config(config)
                        .huddle(flags.huddle())
                        .start();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    console.close();
                                    done.countDown();
                                },
                                "zonestat-console-shutdown"));

        System.out.println(
                "ZoneStat ops console at "
                        + console.url()
                        + " reading '"
                        + flags.topic
                        + "' from "
                        + flags.bootstrap);
        if (newTokens) {
            System.out.println("Created access tokens in " + flags.tokens + ":");
            tokens.asMap()
                    .forEach(
                            (token, role) ->
                                    System.out.println(
                                            "  "
                                                    + role.id()
                                                    + ": "
                                                    + console.url()
                                                    + "?token="
                                                    + token));
        } else {
            System.out.println("Access tokens: " + flags.tokens.toAbsolutePath());
        }
        done.await();
    }

    /** The parsed command line. */
    static final class Flags {
        private static final java.util.Set<String> KNOWN_FLAGS =
                java.util.Set.of(
                        "--bootstrap",
                        "--port",
                        "--tokens",
                        "--topic",
                        "--host",
                        "--recent",
                        "--tile-url",
                        "--tile-attribution",
                        "--goal",
                        "--huddle-date");

        String bootstrap;
        int port = OpsConsole.DEFAULT_PORT;
        Path tokens = Path.of("var", "ops-console", "tokens.properties");
        String topic = OpsConsole.DEFAULT_EVENTS_TOPIC;
        String host = OpsConsole.DEFAULT_HOST;
        int recent = OpsConsole.DEFAULT_RECENT_LIMIT;
        String tileUrl;
        String tileAttribution;
        Double goal;
        java.time.LocalDate huddleDate;
        boolean help;

        /**
         * The scorecard settings: the defaults with the goal and date given on the command line.
         */
        org.zonestat.console.scorecard.HuddleSettings huddle() {
            var settings =
                    org.zonestat.console.scorecard.HuddleSettings.defaults()
                            .withHuddleDate(huddleDate);
            return goal == null ? settings : settings.withGoalPercent(goal);
        }

        static Flags parse(String[] args) {
            return parse(args, System.getenv());
        }

        /**
         * Each flag not on the command line may come from the environment variable {@code
         * ZONESTAT_} + its name in upper case with {@code _} for {@code -} ({@code --tile-url} →
         * {@code ZONESTAT_TILE_URL}); the command line wins.
         */
        static Flags parse(String[] commandLine, java.util.Map<String, String> env) {
            java.util.List<String> args = new java.util.ArrayList<>();
            for (String flag : new java.util.TreeSet<>(KNOWN_FLAGS)) {
                String v = env.get(environmentVariable(flag));
                if (v != null && !v.isBlank()) {
                    args.add(flag);
                    args.add(v.trim());
                }
            }
            args.addAll(java.util.List.of(commandLine));
            Flags f = new Flags();
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (flag.equals("--help") || flag.equals("-h")) {
                    f.help = true;
                    continue;
                }
                if (!KNOWN_FLAGS.contains(flag)) {
                    throw new IllegalArgumentException("unknown flag " + flag);
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args.get(++i);
                switch (flag) {
                    case "--bootstrap" -> f.bootstrap = value;
                    case "--port" -> f.port = parseInt(flag, value);
                    case "--tokens" -> f.tokens = Path.of(value);
                    case "--topic" -> f.topic = value;
                    case "--host" -> f.host = value;
                    case "--recent" -> f.recent = parseInt(flag, value);
                    case "--tile-url" -> f.tileUrl = value;
                    case "--tile-attribution" -> f.tileAttribution = value;
                    case "--goal" -> f.goal = parseGoal(value);
                    case "--huddle-date" -> f.huddleDate = parseDate(flag, value);
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            }
            if (!f.help && f.bootstrap == null) {
                throw new IllegalArgumentException("--bootstrap is required");
            }
            return f;
        }

        private static double parseGoal(String value) {
            try {
                double goal = Double.parseDouble(value);
                if (goal >= -100 && goal <= 100) {
                    return goal;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    "--goal needs a percentage between -100 and 100, got '" + value + "'");
        }

        private static java.time.LocalDate parseDate(String flag, String value) {
            try {
                return java.time.LocalDate.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(
                        flag + " needs a date like 2018-07-07, got '" + value + "'");
            }
        }

        static String environmentVariable(String flag) {
            return "ZONESTAT_"
                    + flag.substring(2).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        }

        private static int parseInt(String flag, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
            }
        }
    }
}
