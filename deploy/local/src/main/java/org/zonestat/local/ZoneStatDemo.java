package org.zonestat.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.open311.Open311Settings;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.console.tipline.TipLineSettings;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.notifier.EmailChannel;
import org.zonestat.notifier.Notifier;
import org.zonestat.notifier.NotifierSettings;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.baltimore.BaltimoreData;

/**
 * The whole of ZoneStat in one process: a real Kafka broker (KRaft, data under the data folder),
 * the zone-tagging job on a local Flink MiniCluster, the ops console, the notifier with an
 * in-process SMTP server (GreenMail; what it receives is on the console's {@code /admin/mailbox}),
 * and a replay of the real Baltimore data. Started by {@link #start}, stopped by {@link #close}
 * (the launcher's Ctrl-C runs it from a shutdown hook). A restart on the same data folder keeps the
 * history: topics, the job's committed source offsets and the replay position live in the broker.
 *
 * <p>Not thread-safe: start and close from one thread (or the shutdown hook).
 */
public final class ZoneStatDemo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneStatDemo.class);

    private final DemoOptions options;
    private EmbeddedKafkaBroker kafka;
    private JobClient job;
    private OpsConsole.Running console;
    private FeedReplayer replayer;
    private Thread feedThread;
    private AccessTokens tokens;
    private GreenMail smtp;
    private Notifier notifier;

    public ZoneStatDemo(DemoOptions options) {
        this.options = options;
    }

    public ZoneStatDemo start() throws Exception {
        Path dataDir = options.dataDir().toAbsolutePath();
        kafka =
                EmbeddedKafkaBroker.builder()
                        .dataDir(dataDir)
                        .port(options.kafkaPort())
                        .build()
                        .start();
        JobConfig jobConfig = JobConfig.defaults(kafka.bootstrapServers());
        kafka.createTopics(jobConfig.topics().newTopics(2, (short) 1));

        job = startJob(jobConfig, dataDir);

        smtp =
                new GreenMail(
                        new ServerSetup(
                                options.mailPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        notifier =
                new Notifier(
                                NotifierSettings.defaults(
                                                kafka.bootstrapServers(),
                                                List.of(
                                                        new EmailChannel(
                                                                EmailChannel.Smtp.plain(
                                                                        "127.0.0.1",
                                                                        smtp.getSmtp().getPort(),
                                                                        "311@zonestat.local"))))
                                        .withTopics(jobConfig.topics()))
                        .start();

        tokens = AccessTokens.loadOrCreateDemo(dataDir.resolve("tokens.properties"));
        console =
                OpsConsole.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .eventsTopic(jobConfig.topics().events())
                        .analyticsTopics(jobConfig.topics().alerts(), jobConfig.topics().hotspots())
                        .pipelineTopics(
                                jobConfig.topics().raw(),
                                jobConfig.topics().rejected(),
                                jobConfig.groupId())
                        .port(options.port())
                        .tokens(tokens)
                        .catalog(ZoneCatalog.baltimore())
                        .huddle(
                                HuddleSettings.defaults()
                                        .withTopics(
                                                jobConfig.topics().zoneStats(),
                                                jobConfig.topics().hotspots(),
                                                "action-items"))
                        .open311(
                                Open311Settings.defaults()
                                        .withTopics(
                                                jobConfig.topics().requests311(),
                                                jobConfig.topics().contacts()))
                        .tipLine(
                                TipLineSettings.defaults()
                                        .withTopics(
                                                jobConfig.topics().tips(),
                                                jobConfig.topics().tipLine()))
                        .extraRoutes(new MailboxRoutes(smtp))
                        .build()
                        .start();

        if (options.feed().equals("baltimore")) {
            startFeed(jobConfig);
        }
        return this;
    }

    private JobClient startJob(JobConfig jobConfig, Path dataDir) throws Exception {
        Configuration flink = ZoneTaggingJob.flinkConfiguration(jobConfig);
        flink.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dataDir.resolve("checkpoints").toUri().toString());
        flink.set(RestOptions.BIND_PORT, "0");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(), flink);
        env.configure(flink);
        env.enableCheckpointing(jobConfig.checkpointInterval().toMillis());
        ZoneTaggingJob.withKafka(jobConfig).build(env);
        return env.executeAsync("zonestat-zone-tagging");
    }

    private void startFeed(JobConfig jobConfig) {
        Map<Feed, String> topics =
                Map.of(
                        Feed.INCIDENTS, jobConfig.topics().incidents(),
                        Feed.REQUESTS311, jobConfig.topics().requests311(),
                        Feed.TIPS, jobConfig.topics().tips());
        replayer =
                new FeedReplayer(
                        kafka.bootstrapServers(), topics, options.speed(), Duration.ofSeconds(2));
        feedThread =
                new Thread(
                        () -> {
                            try {
                                Map<Feed, Long> done = replayer.alreadyPublished();
                                if (done.values().stream().mapToLong(Long::longValue).sum() > 0) {
                                    LOG.info(
                                            "resuming the Baltimore replay after {} records already published",
                                            done);
                                }
                                Map<Feed, Long> published =
                                        replayer.replay(BaltimoreData.demoFeed(), done);
                                LOG.info("Baltimore replay finished: published {}", published);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (RuntimeException e) {
                                LOG.error("the Baltimore replay stopped", e);
                            }
                        },
                        "zonestat-feed");
        feedThread.setDaemon(true);
        feedThread.start();
    }

    public int consolePort() {
        return console.port();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public AccessTokens tokens() {
        return tokens;
    }

    /** The in-process SMTP server's port. */
    public int mailPort() {
        return smtp.getSmtp().getPort();
    }

    /**
     * Stops the feed, the job, the console and the broker, in that order; the data folder stays.
     */
    @Override
    public void close() {
        if (replayer != null) {
            replayer.stop();
            join(feedThread);
            replayer.close();
        }
        if (job != null) {
            try {
                job.cancel().get();
            } catch (Exception e) {
                LOG.warn("cancelling the Flink job: {}", e.toString());
            }
        }
        if (notifier != null) {
            notifier.close();
        }
        if (console != null) {
            console.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
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
                        .append("\nZoneStat is running.\n")
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
        String apiKey =
                demo.tokens().asMap().entrySet().stream()
                        .filter(e -> e.getValue() == org.zonestat.console.Role.PUBLIC)
                        .map(java.util.Map.Entry::getKey)
                        .findFirst()
                        .orElse("<a token>");
        banner.append("  tip line:     ")
                .append(url)
                .append("tip   (status: ")
                .append(url)
                .append("tip/status)\n")
                .append("  Open311:      ")
                .append(url)
                .append("open311/discovery.json   api_key (any token): ")
                .append(apiKey)
                .append('\n')
                .append("  mailbox:      ")
                .append(url)
                .append("admin/mailbox   (e-mails the notifier sent; SMTP on 127.0.0.1:")
                .append(demo.mailPort())
                .append(")\n")
                .append("  try:  curl -d api_key=")
                .append(apiKey)
                .append(" -d service_code=SW-DIRTY-ALLEY -d lat=39.3076 -d long=-76.6445")
                .append(" -d email=you@example.org ")
                .append(url)
                .append("open311/v2/requests.json\n");
        banner.append("Press Ctrl-C to stop.\n");
        System.out.println(banner);
        Thread.currentThread().join();
    }
}
