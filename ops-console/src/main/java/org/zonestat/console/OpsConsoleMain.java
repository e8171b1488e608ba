package org.zonestat.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.zonestat.city.CityOption;
import org.zonestat.city.CityProfile;
import org.zonestat.config.BootstrapOption;
import org.zonestat.config.Cli;
import org.zonestat.config.JobGroupOption;
import org.zonestat.console.field.UnitTokens;
import org.zonestat.console.fieldwork.FieldWorkSettings;
import org.zonestat.console.health.HealthOptions;
import org.zonestat.console.health.HealthSettings;
import org.zonestat.console.open311.Open311Settings;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.console.tipline.TipLineSettings;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.cli.LayerOptions;
import org.zonestat.topics.ContactKeyOption;
import org.zonestat.topics.TopicOptions;
import org.zonestat.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zonestat console}: runs the ops console alone against an existing Kafka cluster, with the
 * job's names for the same things ({@code --bootstrap}, {@code --group}, {@code --city}, {@code
 * --layers}, every {@code --topic-*}). A picocli command; {@code --help} lists the flags; the city
 * profile gives the defaults of the layers, the huddle's time zone, focus layer and goal, and the
 * tiles.
 *
 * <p>Only parses flags and wires the production pieces; see {@link OpsConsole}. Not thread-safe:
 * one instance runs one command line.
 */
@Command(name = "console", description = "Runs the ops console alone against a Kafka cluster.")
public final class OpsConsoleMain implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private BootstrapOption kafka;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port, 0 for a free one.")
    private int port = OpsConsole.DEFAULT_PORT;

    @Option(
            names = "--tokens",
            paramLabel = "FILE",
            description = "token=role file; created with one random token per role if missing.")
    private Path tokens = Path.of("var", "ops-console", "tokens.properties");

    @Option(
            names = "--unit-tokens",
            paramLabel = "FILE",
            description =
                    "token=deviceId file of the handhelds' /field tokens; none if it does not exist.")
    private Path unitTokens = Path.of("var", "ops-console", "unit-tokens.properties");

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            description = "Address to bind (0.0.0.0 for all interfaces).")
    private String host = OpsConsole.DEFAULT_HOST;

    @Option(
            names = "--recent",
            paramLabel = "N",
            description = "Recent events sent to each new client.")
    private int recent = OpsConsole.DEFAULT_RECENT_LIMIT;

    @Option(
            names = "--tile-url",
            paramLabel = "URL",
            description =
                    "Optional raster tile URL template, e.g."
                            + " https://tile.openstreetmap.org/{z}/{x}/{y}.png (default: the"
                            + " city's, else none: the zones are the base map).")
    private String tileUrl;

    @Option(
            names = "--tile-attribution",
            paramLabel = "TEXT",
            description = "Attribution shown with the tiles.")
    private String tileAttribution;

    @Option(
            names = "--goal",
            paramLabel = "PERCENT",
            description =
                    "The huddle's and report's goal against last year, in [-100, 100] (default:"
                            + " the city's).")
    private Double goal;

    @Option(
            names = "--huddle-date",
            paramLabel = "YYYY-MM-DD",
            description = "The huddle's day (default: the latest day in zone-stats).")
    private LocalDate huddleDate;

    @Mixin private JobGroupOption jobGroup;

    @Mixin private CityOption city;

    @Mixin private LayerOptions layers;

    @Mixin private TopicOptions topics;

    @Mixin private ContactKeyOption contactKey;

    @Mixin private HealthOptions health;

    @Mixin private LimitOptions limits;

    public static void main(String[] args) {
        Cli.main(new OpsConsoleMain(), args);
    }

    /** The parsed command line, with {@code ZONESTAT_*} defaults from the given environment. */
    static OpsConsoleMain parse(String[] args, Map<String, String> environment) {
        OpsConsoleMain command = new OpsConsoleMain();
        Cli.commandLine(command, environment).parseArgs(args);
        return command;
    }

    @Override
    public Integer call() throws InterruptedException {
        boolean newTokens = !Files.exists(tokens);
        AccessTokens access = AccessTokens.loadOrCreateDemo(tokens);
        // The contact key file is created (like the token file) only when the console runs.
        OpsConsole.Running console =
                builder()
                        .tokens(access)
                        .fieldWork(
                                FieldWorkSettings.of(topics())
                                        .withContactTokens(contactKey.tokens()))
                        .unitTokens(
                                Files.exists(unitTokens)
                                        ? UnitTokens.load(unitTokens)
                                        : UnitTokens.NONE)
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
                        + topics().events()
                        + "' from "
                        + kafka.servers());
        if (newTokens) {
            System.out.println("Created access tokens in " + tokens + ":");
            access.asMap()
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
            System.out.println("Access tokens: " + tokens.toAbsolutePath());
        }
        done.await();
        return 0;
    }

    /**
     * The console as the flags describe it, without its tokens.
     *
     * @throws ParameterException naming a flag whose value is out of range
     */
    OpsConsole.Builder builder() {
        if (port < 0 || port > 65535) {
            throw Cli.invalid(spec, "--port", port, "in [0, 65535]");
        }
        if (recent < 1) {
            throw Cli.invalid(spec, "--recent", recent, ">= 1");
        }
        ConsoleConfig config = ConsoleConfig.defaults();
        if (tileUrl != null) {
            try {
                config = config.withTiles(tileUrl, tileAttribution);
            } catch (IllegalArgumentException e) {
                throw Cli.invalid(spec, "--tile-url", tileUrl, "an http(s) URL template");
            }
        }
        HealthSettings healthSettings;
        ConsoleLimits consoleLimits;
        try {
            healthSettings = health.settings();
            consoleLimits = limits.limits();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Topics t = topics();
        return OpsConsole.builder()
                .bootstrapServers(kafka.servers())
                .eventsTopic(t.events())
                .analyticsTopics(t.alerts(), t.hotspots())
                .zonesTopic(t.zones())
                .pipelineTopics(t.raw(), t.rejected(), jobGroup.id())
                .city(city.profile())
                .catalog(ZoneCatalog.load(layers.specsOr(city.profile().layers())))
                .host(host)
                .port(port)
                .recentLimit(recent)
                .config(config)
                .huddle(huddle())
                .open311(Open311Settings.defaults().withTopics(t.requests311(), t.contacts()))
                .tipLine(TipLineSettings.defaults().withTopics(t.tips(), t.tipLine()))
                .health(healthSettings, health.source())
                .limits(consoleLimits)
                .positionTopics(t.transitions(), t.audit())
                .historyTopic(t.history())
                .fieldWork(FieldWorkSettings.of(t));
    }

    /** The scorecard settings: the city's with the topics, goal and date given. */
    public HuddleSettings huddle() {
        HuddleSettings cityHuddle = HuddleSettings.forCity(city.profile());
        double percent = goal != null ? goal : cityHuddle.goalPercent();
        if (!(percent >= -100 && percent <= 100)) {
            throw Cli.invalid(spec, "--goal", percent, "a percentage between -100 and 100");
        }
        Topics t = topics();
        return cityHuddle
                .withTopics(t.zoneStats(), t.hotspots(), t.actionItems())
                .withGoalPercent(percent)
                .withHuddleDate(huddleDate);
    }

    /** {@code --bootstrap}. */
    public String bootstrap() {
        return kafka.servers();
    }

    /** {@code --port}. */
    public int port() {
        return port;
    }

    public Path tokens() {
        return tokens;
    }

    /** {@code --unit-tokens}. */
    public Path unitTokens() {
        return unitTokens;
    }

    public String host() {
        return host;
    }

    public String tileUrl() {
        return tileUrl;
    }

    public Topics topics() {
        return topics.topics();
    }

    public LayerOptions layers() {
        return layers;
    }

    /** {@code --city}: the loaded profile. */
    public CityProfile city() {
        return city.profile();
    }

    public String jobGroup() {
        return jobGroup.id();
    }
}
