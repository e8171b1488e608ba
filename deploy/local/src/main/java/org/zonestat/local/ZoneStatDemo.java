package org.zonestat.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.config.Cli;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.health.HealthSettings;
import org.zonestat.console.open311.Open311Settings;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.console.tipline.TipLineSettings;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.JobConfig;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.notifier.EmailChannel;
import org.zonestat.notifier.Notifier;
import org.zonestat.notifier.NotifierSettings;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.baltimore.BaltimoreData;

/**
 * The whole of ZoneStat in one process: a real Kafka broker (KRaft, data under the data folder),
 * the zone-tagging job on a local Flink MiniCluster (kept running by a {@link JobSupervisor}), the
 * ops console, the notifier with an in-process SMTP server (GreenMail; what it receives is on the
 * console's {@code /admin/mailbox}), and a replay of the real Baltimore data. Started by {@link
 * #start}, stopped by {@link #close} (the launcher's Ctrl-C runs it from a shutdown hook). A
 * restart on the same data folder keeps the history: topics, the job's committed source offsets and
 * the replay position live in the broker.
 *
 * <p>Not thread-safe: start and close from one thread (or the shutdown hook).
 */
public final class ZoneStatDemo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneStatDemo.class);

    private final DemoOptions options;
    private EmbeddedKafkaBroker kafka;

    /** The wait before the demo restarts a job that stopped; it doubles while restarts fail. */
    static final Duration RESTART_BACKOFF = Duration.ofSeconds(5);

    static final Duration MAX_RESTART_BACKOFF = Duration.ofMinutes(2);

    private JobSupervisor job;
    private HealthSettings health = HealthSettings.defaults();
    private OpsConsole.Running console;
    private FeedReplayer replayer;
    private Thread feedThread;
    private AccessTokens tokens;
    private GreenMail smtp;
    private Notifier notifier;

    public ZoneStatDemo(DemoOptions options) {
        this.options = options;
    }

    /** How the console judges the pipeline's health; default {@link HealthSettings#defaults()}. */
    public ZoneStatDemo health(HealthSettings settings) {
        this.health = settings;
        return this;
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

        job =
                new JobSupervisor(
                                jobConfig,
                                dataDir.resolve("checkpoints"),
                                options.parallelism(),
                                RESTART_BACKOFF,
                                MAX_RESTART_BACKOFF)
                        .start();

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
                        .health(health, job)
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

    private void startFeed(JobConfig jobConfig) {
        replayer =
                new FeedReplayer(
                        kafka.bootstrapServers(),
                        FeedReplayer.topics(jobConfig.topics()),
                        options.speed(),
                        Duration.ofSeconds(2));
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

    /** The job's supervisor (its state, and drills). */
    public JobSupervisor job() {
        return job;
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
            job.close();
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

    /**
     * The banner's lines for residents' channels: the tip line, the Open311 endpoint with an {@code
     * api_key}, the mailbox, and a {@code curl} that posts a request.
     */
    String communityLines(String url) {
        String apiKey =
                tokens.asMap().entrySet().stream()
                        .filter(e -> e.getValue() == org.zonestat.console.Role.PUBLIC)
                        .map(java.util.Map.Entry::getKey)
                        .findFirst()
                        .orElse("<a token>");
        org.locationtech.jts.geom.Point p =
                ZoneCatalog.baltimore()
                        .layer("vri-zones")
                        .orElseThrow()
                        .zone(0)
                        .geometry()
                        .getInteriorPoint();
        return String.format(
                java.util.Locale.ROOT,
                "  tip line:     %stip   (status: %stip/status; analysts' desk: %stips)%n"
                        + "  Open311:      %sopen311/discovery.json   api_key (any token): %s%n"
                        + "  mailbox:      %sadmin/mailbox   (the notifier's e-mails; SMTP 127.0.0.1:%d)%n"
                        + "  try:  curl -d api_key=%s -d service_code=SW-DIRTY-ALLEY -d lat=%.5f"
                        + " -d long=%.5f -d email=you@example.org %sopen311/v2/requests.json%n",
                url,
                url,
                url,
                url,
                apiKey,
                url,
                mailPort(),
                apiKey,
                p.getY(),
                p.getX(),
                url);
    }

    /** {@code ./zonestat demo}: see {@link DemoCommand}. */
    public static void main(String[] args) {
        Cli.main(new DemoCommand(), args);
    }
}
