package org.zonestat.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonestat.city.CityProfile;
import org.zonestat.config.Cli;
import org.zonestat.console.AccessTokens;
import org.zonestat.console.ConsoleConfig;
import org.zonestat.console.OpsConsole;
import org.zonestat.console.field.UnitTokens;
import org.zonestat.console.health.HealthSettings;
import org.zonestat.console.open311.Open311Settings;
import org.zonestat.console.open311.ServiceList;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.console.tipline.TipLineSettings;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.history.HistoryService;
import org.zonestat.kafka.EmbeddedKafkaBroker;
import org.zonestat.notifier.EmailChannel;
import org.zonestat.notifier.Notifier;
import org.zonestat.notifier.NotifierSettings;
import org.zonestat.sim.CityFeeds;
import org.zonestat.sim.Feed;
import org.zonestat.sim.FeedReplayer;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.synthetic.CityGeography;
import org.zonestat.sim.synthetic.PatrolFleet;
import org.zonestat.sim.synthetic.PatrolLive;
import org.zonestat.sim.synthetic.PatrolOptions;

/**
 * The whole of ZoneStat in one process, for one city: a real Kafka broker (KRaft, data under the
 * data folder), the zone-tagging job on a local Flink MiniCluster (kept running by a {@link
 * JobSupervisor}), the ops console, the notifier with an in-process SMTP server (GreenMail; what it
 * receives is on the console's {@code /admin/mailbox}), and the city's data: first its real history
 * (the exports its profile names, with their original times, as fast as the job takes them), then
 * the synthetic city in its geography ({@link SyntheticLive}), up to now and then live, and its
 * patrol fleet from now on ({@link PatrolFleet}: units and monitored devices reporting to {@code
 * positions.raw}, each unit with a {@code /field} token). History goes first, so no record is more
 * than the job's allowed lateness behind the records before it. Started by {@link #start}, stopped
 * by {@link #close} (the launcher's Ctrl-C runs it from a shutdown hook). A restart on the same
 * data folder keeps the history: topics, the job's committed source offsets and the publishing
 * position live in the broker, the synthetic city's starts in {@link DemoDataDir}; a folder serves
 * one city.
 *
 * <p>Not thread-safe: start and close from one thread (or the shutdown hook).
 */
public final class ZoneStatDemo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneStatDemo.class);

    /** Recent events a new live-map client gets (the map keeps as many markers). */
    static final int RECENT_EVENTS = 1000;

    private final DemoOptions options;
    private EmbeddedKafkaBroker kafka;

    /** The wait before the demo restarts a job that stopped; it doubles while restarts fail. */
    static final Duration RESTART_BACKOFF = Duration.ofSeconds(5);

    static final Duration MAX_RESTART_BACKOFF = Duration.ofMinutes(2);

    private JobSupervisor job;
    private HistoryService historyService;
    private HealthSettings health = HealthSettings.defaults();
    private OpsConsole.Running console;
    private FeedReplayer replayer;
    private Thread feedThread;
    private AccessTokens tokens;
    private UnitTokens unitTokens;
    private PatrolLive patrol;
    private Thread patrolThread;
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
        CityProfile city = options.city();
        // Every file the feeds need is read before anything starts.
        List<RawEvent> history = List.of();
        CityGeography geography = null;
        if (options.feed() != DemoOptions.DemoFeed.NONE) {
            CityFeeds.check(city);
            history = CityFeeds.history(city);
        }
        if (options.feed() == DemoOptions.DemoFeed.ALL) {
            geography = CityGeography.of(city);
        }
        PatrolOptions fleet =
                geography == null
                        ? null
                        : PatrolOptions.forCity(
                                options.seed(),
                                options.clock().instant(),
                                geography,
                                ZoneCatalog.load(
                                                List.of(
                                                        city.layer(city.focusLayer())
                                                                .orElseThrow()))
                                        .layer(city.focusLayer())
                                        .orElseThrow());
        SyntheticLive synthetic =
                DemoDataDir.claim(
                        dataDir,
                        city,
                        SyntheticLive.startingAt(options.clock().instant(), city.timeZone()));
        kafka =
                EmbeddedKafkaBroker.builder()
                        .dataDir(dataDir)
                        .port(options.kafkaPort())
                        .build()
                        .start();
        JobConfig jobConfig = JobConfig.forCity(kafka.bootstrapServers(), city);
        kafka.createTopics(jobConfig.topics().newTopics(2, (short) 1));

        job =
                new JobSupervisor(
                                jobConfig,
                                dataDir.resolve("checkpoints"),
                                options.parallelism(),
                                RESTART_BACKOFF,
                                MAX_RESTART_BACKOFF)
                        .start();
        historyService =
                new HistoryService(jobConfig, options.parallelism(), options.clock()).start();

        smtp =
                new GreenMail(
                        new ServerSetup(
                                options.mailPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        notifier =
                new Notifier(
                                NotifierSettings.forCity(
                                                kafka.bootstrapServers(),
                                                List.of(
                                                        new EmailChannel(
                                                                EmailChannel.Smtp.plain(
                                                                        "127.0.0.1",
                                                                        smtp.getSmtp().getPort(),
                                                                        "311@zonestat.local"))),
                                                city)
                                        .withTopics(jobConfig.topics()))
                        .start();

        tokens = AccessTokens.loadOrCreateDemo(dataDir.resolve("tokens.properties"));
        unitTokens =
                fleet == null
                        ? UnitTokens.NONE
                        : UnitTokens.loadOrCreateDemo(
                                dataDir.resolve("unit-tokens.properties"),
                                PatrolFleet.unitIds(fleet));
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
                        .city(city)
                        .recentLimit(RECENT_EVENTS)
                        .config(ConsoleConfig.defaults().withMaxMarkers(RECENT_EVENTS))
                        .huddle(
                                HuddleSettings.forCity(city)
                                        .withTopics(
                                                jobConfig.topics().zoneStats(),
                                                jobConfig.topics().hotspots(),
                                                "action-items"))
                        .open311(
                                Open311Settings.forCity(city)
                                        .withTopics(
                                                jobConfig.topics().requests311(),
                                                jobConfig.topics().contacts()))
                        .tipLine(
                                TipLineSettings.defaults()
                                        .withTopics(
                                                jobConfig.topics().tips(),
                                                jobConfig.topics().tipLine()))
                        .positionTopics(
                                jobConfig.topics().transitions(), jobConfig.topics().audit())
                        .historyTopic(jobConfig.topics().history())
                        .unitTokens(unitTokens)
                        .extraRoutes(new MailboxRoutes(smtp))
                        .build()
                        .start();

        if (options.feed() != DemoOptions.DemoFeed.NONE) {
            startFeed(jobConfig, history, geography, synthetic);
        }
        if (fleet != null) {
            startPatrol(jobConfig, fleet);
        }
        return this;
    }

    private void startFeed(
            JobConfig jobConfig,
            List<RawEvent> history,
            CityGeography geography,
            SyntheticLive synthetic) {
        replayer =
                new FeedReplayer(
                        kafka.bootstrapServers(),
                        FeedReplayer.topics(jobConfig.topics()),
                        options.speed(),
                        Duration.ofSeconds(2));
        String city = options.city().name();
        feedThread =
                new Thread(
                        () -> {
                            try {
                                Map<Feed, Long> done = replayer.alreadyPublished();
                                if (done.values().stream().mapToLong(Long::longValue).sum() > 0) {
                                    LOG.info(
                                            "resuming {}'s feed after {} records already published",
                                            city,
                                            done);
                                }
                                Map<Feed, Long> published = replayer.replay(history, done);
                                LOG.info("{}'s real history published: {}", city, published);
                                if (geography != null) {
                                    LOG.info(
                                            "the synthetic city runs in {}'s geography from {}"
                                                    + " (311 from {}), then live",
                                            city,
                                            synthetic.incidentsFrom(),
                                            synthetic.requestsFrom());
                                    replayer.publishLive(
                                            synthetic.records(geography, options.seed()),
                                            afterHistory(done, history),
                                            options.clock());
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (RuntimeException e) {
                                LOG.error("{}'s feed stopped", city, e);
                            }
                        },
                        "zonestat-feed");
        feedThread.setDaemon(true);
        feedThread.start();
    }

    /**
     * The fleet from now on, live: its fixes carry the wall clock's time, so they go straight to
     * the positions branch, beside the history the other feeds are still replaying.
     */
    private void startPatrol(JobConfig jobConfig, PatrolOptions fleet) {
        patrol =
                new PatrolLive(
                        kafka.bootstrapServers(),
                        jobConfig.topics().positions(),
                        new PatrolFleet(fleet),
                        options.clock());
        patrolThread = new Thread(patrol, "zonestat-patrol");
        patrolThread.setDaemon(true);
        patrolThread.start();
        LOG.info(
                "{} units and {} monitored devices report every {} s",
                fleet.units(),
                fleet.monitored(),
                fleet.fixInterval().toSeconds());
    }

    /**
     * What a previous run published beyond the history, per feed: the synthetic records to skip.
     */
    private static Map<Feed, Long> afterHistory(Map<Feed, Long> done, List<RawEvent> history) {
        Map<Feed, Long> skip = new EnumMap<>(Feed.class);
        for (Feed f : Feed.values()) {
            long inHistory = history.stream().filter(e -> e.feed() == f).count();
            skip.put(f, Math.max(0, done.getOrDefault(f, 0L) - inHistory));
        }
        return skip;
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

    /** The handhelds' {@code /field} tokens (none without the synthetic city). */
    public UnitTokens unitTokens() {
        return unitTokens;
    }

    /** The in-process SMTP server's port. */
    public int mailPort() {
        return smtp.getSmtp().getPort();
    }

    /**
     * Stops the feeds, the job, the console and the broker, in that order; the data folder stays.
     */
    @Override
    public void close() {
        if (patrol != null) {
            patrol.stop();
            join(patrolThread);
            patrol.close();
        }
        if (replayer != null) {
            replayer.stop();
            join(feedThread);
            replayer.close();
        }
        if (historyService != null) {
            historyService.close();
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
     * api_key}, the mailbox, and a {@code curl} that posts a request of the city's first service in
     * its first focus zone.
     */
    String communityLines(String url) {
        String apiKey =
                tokens.asMap().entrySet().stream()
                        .filter(e -> e.getValue() == org.zonestat.console.Role.PUBLIC)
                        .map(java.util.Map.Entry::getKey)
                        .findFirst()
                        .orElse("<a token>");
        CityProfile city = options.city();
        StringBuilder lines =
                new StringBuilder(
                        String.format(
                                java.util.Locale.ROOT,
                                "  tip line:     %stip   (status: %stip/status; analysts' desk:"
                                        + " %stips)%n"
                                        + "  Open311:      %sopen311/discovery.json   api_key (any"
                                        + " token): %s%n"
                                        + "  mailbox:      %sadmin/mailbox   (the notifier's"
                                        + " e-mails; SMTP 127.0.0.1:%d)%n",
                                url,
                                url,
                                url,
                                url,
                                apiKey,
                                url,
                                mailPort()));
        List<ServiceList.Service> services = ServiceList.forCity(city).all();
        if (!services.isEmpty()) {
            org.locationtech.jts.geom.Point p =
                    ZoneCatalog.load(List.of(city.layer(city.focusLayer()).orElseThrow()))
                            .layer(city.focusLayer())
                            .orElseThrow()
                            .zone(0)
                            .geometry()
                            .getInteriorPoint();
            lines.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "  try:  curl -d api_key=%s -d service_code=%s -d lat=%.5f -d long=%.5f"
                                    + " -d email=you@example.org %sopen311/v2/requests.json%n",
                            apiKey,
                            services.get(0).code(),
                            p.getY(),
                            p.getX(),
                            url));
        }
        return lines.toString();
    }

    /** {@code ./zonestat demo}: see {@link DemoCommand}. */
    public static void main(String[] args) {
        Cli.main(new DemoCommand(), args);
    }
}
